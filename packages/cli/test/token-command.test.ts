import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accountCacheExpiry } from '../../../test/support/test-accounts.ts';
import { testDialects } from '../../../test/support/test-databases.ts';
import { hashSecret } from '../../server/src/auth/secret-tokens.ts';
import { appInstance } from './support/app-instance.ts';
import { runInProcess, runTessera } from './support/run-tessera.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function createUser(env: Record<string, string>, email: string, ...extra: string[]): Promise<void> {
  const run = await runInProcess(
    ['user', 'create', '--email', email, '--password', 'a long password', ...extra],
    env,
  );
  expect(run.code, run.stderr).toBe(0);
}

describe.each(testDialects)('tessera token on %s', (dialect) => {
  it('creates a token whose secret works once shown, lists it without the secret, and revokes it', async () => {
    const { t, env } = await appInstance(dialect, cleanups);
    const ownerless = await runInProcess(['token', 'create', '--description', 'too early'], env);
    expect(ownerless.code).toBe(1);
    expect(ownerless.stderr).toContain(
      "The instance has no owner yet: create one first with 'tessera user create",
    );

    await createUser(env, 'owner@example.com');
    await createUser(env, 'bo@example.com');
    const base = await t.call('POST', '/api/v2/meta/bases', { title: 'Ops' });
    expect(base.status).toBe(200);
    const baseId: string = base.body.id;

    // Owned by the instance owner by default; the secret is printed once and authenticates.
    const created = await runTessera(['token', 'create', '--description', 'n8n workflows', '--json'], env);
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const full = created.json();
    const secret: string = full.token;
    expect(secret).toMatch(/^[\w-]{40}$/);
    expect(full).toMatchObject({
      description: 'n8n workflows',
      hint: `…${secret.slice(-4)}`,
      user: { email: 'owner@example.com' },
      origin: 'cli',
      scope: { bases: null, access: 'read-write' },
      expiresAt: null,
      expired: false,
    });
    const stored = await t.store.tokens.findByHash(hashSecret(secret));
    expect(stored).toMatchObject({ id: full.id, origin: 'cli', hint: secret.slice(-4) });
    const me = await t.callWith({ 'xc-token': secret }, 'GET', '/api/v1/auth/user/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'owner@example.com', api_token: { id: full.id } });
    const bases = await t.callWith({ 'xc-token': secret }, 'GET', '/api/v2/meta/bases');
    expect(bases.status).toBe(200);
    expect(JSON.stringify(bases.body)).toContain(baseId);

    // A read-only token limited to one base, for a given user, with an expiry; as text.
    const scoped = await runTessera(
      [
        'token',
        'create',
        '--description',
        'nightly export',
        '--user',
        'Owner@Example.com',
        '--bases',
        ` ${baseId} ,`,
        '--access',
        'read',
        '--expires',
        '2099-01-31T13:45:00+01:00',
      ],
      env,
    );
    expect(scoped.code).toBe(0);
    const [summary, , readSecret] = scoped.stdout.trimEnd().split('\n');
    expect(summary).toMatch(
      new RegExp(
        `^Created API token (\\S+) "nightly export" for owner@example\\.com: bases ${baseId}, read, expires 2099-01-31 12:45:00\\+00:00\\.$`,
      ),
    );
    expect(readSecret).toMatch(/^[\w-]{40}$/);
    const asReader = { 'xc-token': readSecret! };
    expect((await t.callWith(asReader, 'GET', `/api/v2/meta/bases/${baseId}/tables`)).status).toBe(200);
    expect(
      (await t.callWith(asReader, 'POST', `/api/v2/meta/bases/${baseId}/tables`, { title: 'Nope' })).status,
    ).toBe(403);

    // Lists show hints, owners and scopes, never a secret.
    const listed = await runTessera(['token', 'list', '--json'], env);
    expect(listed.code).toBe(0);
    expect(listed.stdout).not.toContain(secret);
    expect(listed.stdout).not.toContain(readSecret);
    expect(listed.stdout).not.toContain(t.token);
    expect(listed.stdout).not.toContain(hashSecret(secret));
    const tokens = listed.json().tokens;
    expect(tokens.map((tk: { description: string; origin: string }) => [tk.description, tk.origin])).toEqual(
      expect.arrayContaining([
        ['n8n workflows', 'cli'],
        ['nightly export', 'cli'],
        [expect.stringContaining('Bootstrap'), 'bootstrap'],
      ]),
    );
    expect(tokens.find((tk: { origin: string }) => tk.origin === 'bootstrap').user).toBeNull();
    const text = await runInProcess(['token', 'list'], env);
    expect(text.stdout).toMatch(/^id +token +owner +bases +access +expires +last used +description$/m);
    expect(text.stdout).toMatch(
      new RegExp(
        `^${full.id} +…${secret.slice(-4)} +owner@example\\.com +all +read-write +never +\\S+ \\S+ +n8n workflows$`,
        'm',
      ),
    );
    expect(text.stdout).toMatch(
      new RegExp(`^\\S+ +…\\S{4} +owner@example\\.com +${baseId} +read +2099-01-31 `, 'm'),
    );
    expect(text.stdout).toMatch(/ \(bootstrap\) +all +read-write +never /);
    expect(text.stdout).not.toContain(secret);
    const ofBo = await runInProcess(['token', 'list', '--user', 'bo@example.com'], env);
    expect(ofBo.stdout).toBe('No API tokens for bo@example.com.\n');

    // Revoked: refused by the running server, gone from the list, and not revocable twice.
    const revoked = await runTessera(['token', 'revoke', full.id], env);
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toBe(`Revoked API token ${full.id} (…${secret.slice(-4)}, "n8n workflows").\n`);
    await accountCacheExpiry();
    expect((await t.callWith({ 'xc-token': secret }, 'GET', '/api/v2/meta/bases')).status).toBe(401);
    expect(await t.store.tokens.findByHash(hashSecret(secret))).toBeUndefined();
    const after = await runInProcess(['token', 'list', '--json'], env);
    expect(after.json().tokens.map((tk: { id: string }) => tk.id)).not.toContain(full.id);
    const again = await runInProcess(['token', 'revoke', full.id], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`API token '${full.id}' not found`);
    // The other token is untouched.
    expect((await t.callWith(asReader, 'GET', `/api/v2/meta/bases/${baseId}/tables`)).status).toBe(200);

    const audit = await t.store.context.db
      .selectFrom('tessera_audit_log')
      .selectAll()
      .where('action', 'in', ['token.create', 'token.revoke'])
      .where('actor_id', '=', 'cli')
      .execute();
    expect(audit.map((row) => row.action).sort()).toEqual(['token.create', 'token.create', 'token.revoke']);
    expect(JSON.stringify(audit)).not.toContain(secret);

    // Revoking the bootstrap token warns that the variable would register it again.
    const bootstrap = tokens.find((tk: { origin: string }) => tk.origin === 'bootstrap');
    const unbooted = await runInProcess(['token', 'revoke', bootstrap.id], env);
    expect(unbooted.code).toBe(0);
    expect(unbooted.stderr).toContain('warning: this was the TESSERA_BOOTSTRAP_TOKEN');
  }, 60_000);

  it('refuses bases that do not exist or that the user cannot reach, and unknown users', async () => {
    const { t, env } = await appInstance(dialect, cleanups);
    await createUser(env, 'owner@example.com');
    await createUser(env, 'bo@example.com');
    const baseId: string = (await t.call('POST', '/api/v2/meta/bases', { title: 'Private' })).body.id;
    const cases: [string[], string][] = [
      [['--bases', 'p_missing'], "Base 'p_missing' not found"],
      [['--user', 'bo@example.com', '--bases', baseId], `bo@example.com has no access to base ${baseId}`],
      [['--user', 'nobody@example.com'], 'There is no account for nobody@example.com'],
    ];
    for (const [extra, message] of cases) {
      const run = await runInProcess(['token', 'create', '--description', 'x', ...extra, '--json'], env);
      expect(run.code, extra.join(' ')).toBe(1);
      expect(run.stderr).toContain(message);
      expect(run.json()).toMatchObject({ ok: false });
    }
    const owned = (await t.store.tokens.list()).filter((tk) => tk.origin === 'cli');
    expect(owned).toHaveLength(0);
  }, 60_000);
});

describe('tessera token usage errors', () => {
  it('exits 2 with a clear message on bad input', async () => {
    // Bad input is refused before the database is opened: this one does not exist.
    const missing = join(tmpdir(), 'tessera-cli-token-usage-never-created');
    const env = { DATABASE_URL: `sqlite:${join(missing, 'tessera.db')}`, TESSERA_DATA_DIR: missing };
    const create = ['token', 'create', '--description', 'x'];
    const cases: [string[], RegExp][] = [
      [['token', 'create'], /--description <text> is required/],
      [['token', 'create', '--description', '  '], /--description needs a value/],
      [['token', 'create', '--description', 'x'.repeat(256)], /--description must be at most 255/],
      [[...create, '--access', 'write'], /--access must be one of read, read-write; got 'write'/],
      [[...create, '--expires', 'next week'], /--expires must be an ISO 8601 date and time/],
      [[...create, '--expires', '2020-02-30'], /--expires must be an ISO 8601 date and time/],
      [[...create, '--expires', '2001-01-01T00:00:00Z'], /--expires must be in the future/],
      [[...create, '--bases', ' , '], /--bases needs base ids separated by commas/],
      [[...create, '--user', 'bo'], /--user must be an e-mail address/],
      [['token', 'list', '--user', ''], /--user needs a value/],
      [['token', 'revoke'], /missing <tokenId>/],
      [['token', 'revoke', 'a', 'b'], /unexpected argument number 2/],
      [['token', 'rotate'], /'rotate' is not a tessera token command/],
    ];
    for (const [args, message] of cases) {
      const run = await runInProcess(args, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
    expect(existsSync(missing)).toBe(false);
  });
});
