import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { accountCacheExpiry } from '../../../test/support/test-accounts.ts';
import { createTestDatabase, testDialects } from '../../../test/support/test-databases.ts';
import { verifyPassword } from '../../server/src/auth/passwords.ts';
import { signIn, withCookie } from '../../server/test/auth/support/account-helpers.ts';
import { appInstance } from './support/app-instance.ts';
import { instanceEnv, runInProcess, runTessera } from './support/run-tessera.ts';

const PASSWORD = 'first password, long enough';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe.each(testDialects)('tessera user on %s', (dialect) => {
  it('creates accounts (the first one the owner), lists them, and their passwords sign in', async () => {
    const { t, env } = await appInstance(dialect, cleanups);
    const created = await runTessera(
      ['user', 'create', '--email', ' Ana@Example.COM ', '--password-stdin', '--firstname', 'Ana', '--json'],
      env,
      { input: `${PASSWORD}\n` },
    );
    expect(created.stderr).toBe('');
    expect(created.code).toBe(0);
    const ana = created.json();
    expect(ana).toMatchObject({
      email: 'ana@example.com',
      firstname: 'Ana',
      lastname: null,
      instanceRole: 'owner',
      lastSigninAt: null,
    });
    expect(ana).not.toHaveProperty('password');
    expect(created.stdout).not.toContain(PASSWORD);
    const stored = await t.store.users.get(ana.id);
    expect(stored.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(stored.passwordHash, PASSWORD)).toBe(true);

    // No password given: one is generated, printed once, and works.
    const bo = await runInProcess(['user', 'create', '--email', 'bo@example.com', '--json'], env);
    expect(bo.code).toBe(0);
    expect(bo.json()).toMatchObject({ email: 'bo@example.com', instanceRole: 'member' });
    const generated: string = bo.json().password;
    expect(generated).toMatch(/^[A-Za-z0-9]{24}$/);
    expect((await signIn(t, 'bo@example.com', generated)).response.status).toBe(200);
    expect((await signIn(t, 'ana@example.com', PASSWORD)).response.status).toBe(200);

    const admin = await runInProcess(
      ['user', 'create', '--email', 'cy@example.com', '--role', 'admin', '--password', 'cy password 1'],
      env,
    );
    expect(admin.code).toBe(0);
    expect(admin.stdout).toMatch(/^Created cy@example\.com \(\S+\) with instance role admin\.\n$/);

    const list = await runTessera(['user', 'list', '--json'], env);
    expect(list.code).toBe(0);
    // Oldest first, to the second: accounts made within one second may come in any order.
    const users: { email: string; instanceRole: string; lastSigninAt: string | null }[] = list.json().users;
    expect(users.find((u) => u.email === 'ana@example.com')!.lastSigninAt).not.toBeNull();
    expect(users.find((u) => u.email === 'cy@example.com')!.lastSigninAt).toBeNull();
    expect(users.map((u) => [u.email, u.instanceRole]).sort()).toEqual([
      ['ana@example.com', 'owner'],
      ['bo@example.com', 'member'],
      ['cy@example.com', 'admin'],
    ]);
    expect(list.stdout).not.toMatch(/argon2|passwordHash/);
    const text = await runInProcess(['user', 'list'], env);
    expect(text.stdout).toMatch(/^id +email +role +created +last sign-in$/m);
    expect(text.stdout).toMatch(
      new RegExp(`^${ana.id} +ana@example\\.com +owner +\\d{4}-\\d\\d-\\d\\d `, 'm'),
    );
    expect(text.stdout).toMatch(/^\S+ +cy@example\.com +admin +\S+ \S+ +never$/m);

    // The audit trail names the CLI.
    const audit = await t.store.context.db
      .selectFrom('tessera_audit_log')
      .selectAll()
      .where('action', '=', 'user.create')
      .execute();
    expect(audit).toHaveLength(3);
    expect(audit.every((row) => row.actor_type === 'system' && row.actor_id === 'cli')).toBe(true);

    const duplicate = await runInProcess(['user', 'create', '--email', 'ANA@example.com', '--json'], env);
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain('An account for ana@example.com already exists');
    expect(duplicate.json()).toMatchObject({ ok: false });
  }, 60_000);

  it('reset-password sets a new hash and ends every session of the account', async () => {
    const { t, env } = await appInstance(dialect, cleanups);
    expect(
      (await runInProcess(['user', 'create', '--email', 'ana@example.com', '--password', PASSWORD], env))
        .code,
    ).toBe(0);
    const session = await signIn(t, 'ana@example.com', PASSWORD);
    expect(session.response.status).toBe(200);
    const asAna = { 'xc-auth': session.jwt };
    expect((await t.callWith(asAna, 'GET', '/api/v2/meta/bases')).status).toBe(200);
    const before = await t.store.users.findByEmail('ana@example.com');

    const reset = await runTessera(['user', 'reset-password', '--email', 'Ana@example.com'], env);
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    const match =
      /^Set a new password for ana@example\.com; its sessions were ended\.\n.*\n([A-Za-z0-9]{24})\n$/.exec(
        reset.stdout,
      );
    expect(match).not.toBeNull();
    const newPassword = match![1]!;

    const after = await t.store.users.findByEmail('ana@example.com');
    expect(after!.tokenVersion).toBe(before!.tokenVersion + 1);
    expect(after!.passwordHash).not.toBe(before!.passwordHash);
    expect(await verifyPassword(after!.passwordHash, newPassword)).toBe(true);
    expect(await verifyPassword(after!.passwordHash, PASSWORD)).toBe(false);

    await accountCacheExpiry();
    // The old JWT carries the old token_version; the refresh token was revoked.
    const old = await t.callWith(asAna, 'GET', '/api/v2/meta/bases');
    expect(old.status).toBe(401);
    const refresh = await t.callWith(withCookie(session.refresh), 'POST', '/api/v1/auth/token/refresh');
    expect(refresh.status).toBeGreaterThanOrEqual(400);
    expect(refresh.status).toBeLessThan(500);
    expect((await signIn(t, 'ana@example.com', PASSWORD)).response.status).toBe(401);
    const fresh = await signIn(t, 'ana@example.com', newPassword);
    expect(fresh.response.status).toBe(200);
    expect((await t.callWith({ 'xc-auth': fresh.jwt }, 'GET', '/api/v2/meta/bases')).status).toBe(200);

    // A chosen password, piped in; --json tells no password back.
    const chosen = await runTessera(
      ['user', 'reset-password', '--email', 'ana@example.com', '--password-stdin', '--json'],
      env,
      { input: 'third password here\r\n' },
    );
    expect(chosen.code).toBe(0);
    expect(chosen.json()).toEqual({ id: after!.id, email: 'ana@example.com', sessionsEnded: true });
    const third = await t.store.users.findByEmail('ana@example.com');
    expect(await verifyPassword(third!.passwordHash, 'third password here')).toBe(true);
    expect(third!.tokenVersion).toBe(after!.tokenVersion + 1);

    const rows = await t.store.context.db
      .selectFrom('tessera_audit_log')
      .selectAll()
      .where('action', '=', 'user.password_reset')
      .execute();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ actor_type: 'system', actor_id: 'cli', target_id: after!.id });
    expect(rows[0]!.details).not.toContain(newPassword);

    const unknown = await runInProcess(['user', 'reset-password', '--email', 'nobody@example.com'], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('There is no account for nobody@example.com');
    expect(unknown.stdout).toBe('');
  }, 60_000);

  it('refuses a first account that would not be the owner', async () => {
    const { t, env } = await appInstance(dialect, cleanups);
    const run = await runInProcess(['user', 'create', '--email', 'ana@example.com', '--role', 'member'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('its first account becomes the owner');
    expect(await t.store.users.count()).toBe(0);
  });
});

describe('tessera user usage errors', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'tessera-cli-user-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('exits 2 with a clear message on bad input, never repeating a password', async () => {
    const env = { DATABASE_URL: `sqlite:${join(scratch, 'unused.db')}`, TESSERA_DATA_DIR: scratch };
    const cases: [string[], RegExp][] = [
      [['user', 'create'], /--email <email> is required/],
      [['user', 'create', '--email', 'not-an-address'], /--email must be an e-mail address/],
      [
        ['user', 'create', '--email', 'a@example.com', '--role', 'root'],
        /--role must be one of owner, admin, member/,
      ],
      [
        ['user', 'create', '--email', 'a@example.com', '--password', 'Sh0rt!'],
        /--password must be at least 8/,
      ],
      [
        ['user', 'create', '--email', 'a@example.com', '--password', 'long enough', '--password-stdin'],
        /--password or --password-stdin, not both/,
      ],
      [['user', 'create', '--email', 'a@example.com', '--firstname', ' '], /--firstname needs a value/],
      [['user', 'create', '--email', 'a@example.com', '--lastname', 'x'.repeat(256)], /at most 255/],
      [['user', 'create', '--email', 'a@example.com', '--admin'], /Unknown option '--admin'/],
      [['user', 'reset-password'], /--email <email> is required/],
      [['user', 'list', 'everyone'], /unexpected argument number 1/],
      [['user', 'rename'], /'rename' is not a tessera user command/],
    ];
    for (const [args, message] of cases) {
      const run = await runInProcess(args, env);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stderr).toContain('--help');
      expect(run.stderr).not.toContain('Sh0rt!');
    }
  });

  it('refuses a missing or multi-line password on standard input with exit 2', async () => {
    const env = { DATABASE_URL: `sqlite:${join(scratch, 'stdin.db')}`, TESSERA_DATA_DIR: scratch };
    const args = ['user', 'create', '--email', 'a@example.com', '--password-stdin'];
    const empty = await runTessera(args, env);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('--password-stdin got no password on standard input');
    const twoLines = await runTessera(args, env, { input: 'line one is long\nline two is long\n' });
    expect(twoLines.code).toBe(2);
    expect(twoLines.stderr).toContain('must be a single line');
    expect(twoLines.stderr).not.toContain('line one');
    const short = await runTessera(args, env, { input: 'seven7\n' });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('the password on standard input must be at least 8 characters long');
  }, 60_000);

  it('exits 1 and points to migrate up on a database without the Tessera schema', async () => {
    const database = await createTestDatabase('sqlite');
    cleanups.push(database.drop);
    const run = await runInProcess(['user', 'list'], instanceEnv(database.config, scratch));
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("run 'tessera migrate up'");
  });
});
