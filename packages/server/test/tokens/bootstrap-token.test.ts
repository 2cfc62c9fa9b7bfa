// TESSERA_BOOTSTRAP_TOKEN and TESSERA_ADMIN_EMAIL/PASSWORD: work from a fresh start, stay
// the same across restarts, rotate when the variable changes.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { accountCacheExpiry } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { openStore, type TesseraStore } from '../../../store/src/index.ts';
import { buildApp } from '../../src/app.ts';
import { bootstrapAccounts } from '../../src/auth/bootstrap-accounts.ts';
import { verifyPassword } from '../../src/auth/passwords.ts';
import { AUTH_DEFAULTS, type AuthConfig } from '../../src/config/auth-config.ts';

const newSecret = () => randomBytes(24).toString('hex');

const liveBootstrapTokens = async (store: TesseraStore) =>
  (await store.tokens.list()).filter((token) => token.origin === 'bootstrap');

/** A second process on the same database: migrate, bootstrap, build the app. */
async function restart(
  t: TestApp,
  auth: AuthConfig,
): Promise<{ app: FastifyInstance; close(): Promise<void> }> {
  const store = openStore(t.config.database);
  await store.migrate();
  await bootstrapAccounts(store, auth);
  const app = await buildApp({ config: { ...t.config, auth }, store, logger: false });
  return {
    app,
    async close() {
      await app.close();
      await store.close();
    },
  };
}

const basesWith = async (app: FastifyInstance, token: string) =>
  (await app.inject({ method: 'GET', url: '/api/v2/meta/bases', headers: { 'xc-token': token } })).statusCode;

describe.each(testDialects)('bootstrap token on %s', (dialect) => {
  let t: TestApp;
  const restarted: { close(): Promise<void> }[] = [];

  beforeAll(async () => {
    t = await createTestApp(dialect);
  });
  afterEach(async () => {
    for (const r of restarted.splice(0)) await r.close();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('works from a fresh start, and nothing works without it', async () => {
    expect((await t.call('GET', '/api/v2/meta/bases')).status).toBe(200);
    expect((await t.call('POST', '/api/v2/meta/bases', { title: 'From bootstrap' })).status).toBe(200);
    expect((await t.callWith({}, 'GET', '/api/v2/meta/bases')).status).toBe(401);
    expect(
      (await t.callWith({ authorization: `Bearer ${t.token}` }, 'GET', '/api/v2/meta/bases')).status,
    ).toBe(200);
    const [token] = await liveBootstrapTokens(t.store);
    expect(token).toMatchObject({
      userId: null,
      scope: { baseIds: null, access: 'read-write' },
      expiresAt: null,
    });
  });

  it('stays one live token across restarts', async () => {
    const before = await liveBootstrapTokens(t.store);
    expect(await bootstrapAccounts(t.store, t.config.auth)).toEqual([]);
    const second = await restart(t, t.config.auth);
    restarted.push(second);
    const after = await liveBootstrapTokens(t.store);
    expect(after).toHaveLength(1);
    expect(after[0]?.id).toBe(before[0]?.id);
    expect(await basesWith(second.app, t.token)).toBe(200);
    expect((await t.call('GET', '/api/v2/meta/bases')).status).toBe(200);
  });

  it('rotates when the variable changes: the old secret 401s, the new one works', async () => {
    const rotated = newSecret();
    const second = await restart(t, { ...t.config.auth, bootstrapToken: rotated });
    restarted.push(second);
    expect(await liveBootstrapTokens(t.store)).toHaveLength(1);
    expect(await basesWith(second.app, rotated)).toBe(200);
    expect(await basesWith(second.app, t.token)).toBe(401);
    // The first process sees the revocation too, once its one-second lookup cache has lapsed.
    await accountCacheExpiry();
    expect((await t.call('GET', '/api/v2/meta/bases')).status).toBe(401);

    // Setting the variable back brings the first secret back (and retires the second).
    await bootstrapAccounts(t.store, t.config.auth);
    expect((await t.call('GET', '/api/v2/meta/bases')).status).toBe(200);
    expect(await basesWith(t.app, rotated)).toBe(401);
    expect(await liveBootstrapTokens(t.store)).toHaveLength(1);
  });
});

describe.each(testDialects)('admin account from the environment on %s', (dialect) => {
  let t: TestApp;
  const adminEmail = 'Ops@Example.com';
  const adminPassword = 'a long operator password';

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      auth: { ...AUTH_DEFAULTS, bootstrapToken: newSecret(), adminEmail, adminPassword },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('creates the owner once, and the bootstrap token acts as them', async () => {
    const users = await t.store.users.list();
    expect(users).toHaveLength(1);
    const owner = users[0]!;
    expect(owner).toMatchObject({ email: 'ops@example.com', instanceRole: 'owner' });
    expect(await verifyPassword(owner.passwordHash, adminPassword)).toBe(true);
    const [token] = await liveBootstrapTokens(t.store);
    expect(token?.userId).toBe(owner.id);

    const base = await t.call('POST', '/api/v2/meta/bases', { title: 'Owned' });
    expect(base.status).toBe(200);
    const members = await t.call('GET', `/api/v2/meta/bases/${base.body.id}/users`);
    expect(members.body.users.list).toEqual([expect.objectContaining({ id: owner.id, roles: 'owner' })]);
    const audit = await t.store.context.db
      .selectFrom('tessera_audit_log')
      .selectAll()
      .where('action', '=', 'base.create')
      .execute();
    expect(audit.at(-1)?.actor_user_id).toBe(owner.id);

    // A restart with a different password neither adds an account nor changes the password.
    await bootstrapAccounts(t.store, { ...t.config.auth, adminPassword: 'another password entirely' });
    expect(await t.store.users.count()).toBe(1);
    const again = await t.store.users.get(owner.id);
    expect(await verifyPassword(again.passwordHash, adminPassword)).toBe(true);
    expect(await liveBootstrapTokens(t.store)).toHaveLength(1);
  });
});
