// /api/v1/tokens: create, list, revoke; secrets shown once and stored only as hashes; who may
// see and revoke which token; bad input.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { addBase, addUser, grant, tokenHeaders } from './support/accounts.ts';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe.each(testDialects)('org API tokens on %s', (dialect) => {
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;
  let admin: TestUser;
  let ids: { base: string; table: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    alice = await addUser(t, 'alice');
    bob = await addUser(t, 'bob');
    admin = await addUser(t, 'admin', 'admin');
    ids = await addBase(t, 'Tokens');
    await grant(t, ids.base, alice, 'editor');
  });
  afterAll(async () => {
    await t?.close();
  });

  const create = (user: TestUser, body: unknown) => t.callWith(user.headers, 'POST', '/api/v1/tokens', body);

  it('creates a token whose secret is shown once, then only as a hint', async () => {
    const created = await create(alice, { description: 'n8n' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      description: 'n8n',
      fk_user_id: alice.id,
      created_by: alice.email,
      expires_at: null,
      last_used_at: null,
      scope: { bases: null, access: 'read-write' },
    });
    expect(created.body.id).toMatch(/^tkn/);
    expect(created.body.token).toMatch(/^[\w-]{40}$/);

    const listed = await t.callWith(alice.headers, 'GET', '/api/v1/tokens');
    expect(listed.status).toBe(200);
    const row = listed.body.list.find((r: { id: string }) => r.id === created.body.id);
    expect(row.token).toBe(`…${created.body.token.slice(-4)}`);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);
    expect(listed.body.pageInfo).toMatchObject({ totalRows: listed.body.list.length });

    const works = await t.callWith(
      tokenHeaders(created.body.token),
      'GET',
      `/api/v2/tables/${ids.table}/records`,
    );
    expect(works.status).toBe(200);
  });

  it('stores only the SHA-256 of the secret', async () => {
    const created = await create(alice, { description: 'hash check' });
    const secret: string = created.body.token;
    const rows = await t.store.context.db.selectFrom('tessera_api_tokens').selectAll().execute();
    const row = rows.find((r) => r.id === created.body.id);
    expect(row?.token_hash).toBe(sha256(secret));
    expect(JSON.stringify(rows)).not.toContain(secret);
  });

  it('records when and from where a token was last used', async () => {
    const created = await create(alice, { description: 'last used' });
    await t.callWith(tokenHeaders(created.body.token), 'GET', '/api/v2/meta/bases');
    let row: { last_used_at: string | null; last_used_ip: string | null } | undefined;
    for (let i = 0; i < 50 && !row?.last_used_at; i++) {
      const list = await t.callWith(alice.headers, 'GET', '/api/v1/tokens');
      row = list.body.list.find((r: { id: string }) => r.id === created.body.id);
      if (!row?.last_used_at) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(row?.last_used_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00$/);
    expect(row?.last_used_ip).toBe('127.0.0.1');
  });

  it('lists only the caller’s tokens; admins may list all with ?all=true', async () => {
    const bobs = await create(bob, { description: 'bob’s' });
    const aliceList = await t.callWith(alice.headers, 'GET', '/api/v1/tokens');
    expect(aliceList.body.list.map((r: { id: string }) => r.id)).not.toContain(bobs.body.id);
    expect(aliceList.body.list.every((r: { fk_user_id: string }) => r.fk_user_id === alice.id)).toBe(true);

    const forbidden = await t.callWith(alice.headers, 'GET', '/api/v1/tokens?all=true');
    expect(forbidden.status).toBe(403);

    const all = await t.callWith(admin.headers, 'GET', '/api/v1/tokens?all=true');
    expect(all.status).toBe(200);
    const owners = new Set(all.body.list.map((r: { fk_user_id: string | null }) => r.fk_user_id));
    expect(owners).toContain(alice.id);
    expect(owners).toContain(bob.id);
    // The bootstrap token of the test app has no owning user.
    expect(owners).toContain(null);
  });

  it('revokes at once; others’ tokens are not found unless the caller is an admin', async () => {
    const mine = await create(alice, { description: 'to revoke' });
    const secret = tokenHeaders(mine.body.token);
    expect((await t.callWith(secret, 'GET', '/api/v2/meta/bases')).status).toBe(200);

    const notBobs = await t.callWith(bob.headers, 'DELETE', `/api/v1/tokens/${mine.body.id}`);
    expect(notBobs.status).toBe(404);
    expect(notBobs.body.error).toBe('ERR_TOKEN_NOT_FOUND');
    expect((await t.callWith(secret, 'GET', '/api/v2/meta/bases')).status).toBe(200);

    const revoked = await t.callWith(alice.headers, 'DELETE', `/api/v1/tokens/${mine.body.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toBe(1);
    const after = await t.callWith(secret, 'GET', '/api/v2/meta/bases');
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('ERR_AUTHENTICATION_REQUIRED');
    const list = await t.callWith(alice.headers, 'GET', '/api/v1/tokens');
    expect(list.body.list.map((r: { id: string }) => r.id)).not.toContain(mine.body.id);
    expect((await t.callWith(alice.headers, 'DELETE', `/api/v1/tokens/${mine.body.id}`)).status).toBe(404);

    const bobs = await create(bob, { description: 'admin revokes' });
    const byAdmin = await t.callWith(admin.headers, 'DELETE', `/api/v1/tokens/${bobs.body.id}`);
    expect(byAdmin.status).toBe(200);
    expect((await t.callWith(tokenHeaders(bobs.body.token), 'GET', '/api/v2/meta/bases')).status).toBe(401);
  });

  it('refuses API tokens and anonymous callers on token management', async () => {
    const created = await create(alice, { description: 'no self-service' });
    const asToken = tokenHeaders(created.body.token);
    for (const [method, url] of [
      ['GET', '/api/v1/tokens'],
      ['POST', '/api/v1/tokens'],
      ['DELETE', `/api/v1/tokens/${created.body.id}`],
    ] as const) {
      const viaToken = await t.callWith(
        asToken,
        method,
        url,
        method === 'POST' ? { description: 'x' } : undefined,
      );
      expect(viaToken.status).toBe(401);
      expect(viaToken.body.error).toBe('ERR_API_TOKEN_NOT_ALLOWED');
      const viaBearer = await t.callWith({ authorization: `Bearer ${created.body.token}` }, method, url);
      expect(viaBearer.body.error).toBe('ERR_API_TOKEN_NOT_ALLOWED');
      expect((await t.callWith({}, method, url)).status).toBe(401);
    }
    // The bootstrap token cannot manage tokens either.
    expect((await t.call('GET', '/api/v1/tokens')).body.error).toBe('ERR_API_TOKEN_NOT_ALLOWED');
  });

  it('limits a token to bases the creator can reach, read-only or read-write', async () => {
    const scoped = await create(alice, { description: 'scoped', bases: [ids.base], access: 'read' });
    expect(scoped.status).toBe(200);
    expect(scoped.body).toMatchObject({ base_id: ids.base, scope: { bases: [ids.base], access: 'read' } });

    const other = await addBase(t, 'Not alice’s');
    const noAccess = await create(alice, { description: 'x', bases: [ids.base, other.base] });
    expect(noAccess.status).toBe(403);
    expect(noAccess.body.details).toEqual({ base: other.base });
    const unknown = await create(alice, { description: 'x', bases: ['pnope'] });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('ERR_BASE_NOT_FOUND');
    // Instance admins reach every base.
    expect((await create(admin, { description: 'x', bases: [other.base] })).status).toBe(200);
  });

  it('takes an expiry in the future and answers it in canonical form', async () => {
    const created = await create(alice, {
      description: 'expiring',
      expires_at: '2099-12-31T23:59:59.900+01:00',
    });
    expect(created.status).toBe(200);
    expect(created.body.expires_at).toBe('2099-12-31 22:59:59+00:00');
  });

  it.each([
    ['no body', undefined],
    ['an array', [{ description: 'x' }]],
    ['no description', {}],
    ['an empty description', { description: '   ' }],
    ['a numeric description', { description: 42 }],
    ['a 256-character description', { description: 'd'.repeat(256) }],
    ['an expiry in the past', { description: 'x', expires_at: '2001-01-01T00:00:00Z' }],
    ['an expiry that is not a date', { description: 'x', expires_at: 'tomorrow' }],
    ['an impossible date', { description: 'x', expires_at: '2099-02-30T00:00:00Z' }],
    ['a numeric expiry', { description: 'x', expires_at: 4102444800000 }],
    ['bases that are not an array', { description: 'x', bases: 'p1' }],
    ['an empty bases list', { description: 'x', bases: [] }],
    ['a non-string base id', { description: 'x', bases: [1] }],
    ['an unknown access', { description: 'x', access: 'admin' }],
  ])('answers 400 for %s', async (_, body) => {
    const response = await create(alice, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toMatch(/^ERR_INVALID_(REQUEST_BODY|JSON)$/);
    expect(typeof response.body.msg).toBe('string');
  });

  it('accepts a 255-character description', async () => {
    expect((await create(alice, { description: 'd'.repeat(255) })).status).toBe(200);
  });
});
