// What a token may do: read-only tokens read, base-limited tokens see only their bases, a
// token never acts above its creator's current role, and expired or revoked tokens get 401.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { addBase, addUser, grant, tokenHeaders } from './support/accounts.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDialects)('API token enforcement on %s', (dialect) => {
  let t: TestApp;
  let editor: TestUser;
  let first: { base: string; table: string };
  let second: { base: string; table: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    editor = await addUser(t, 'editor');
    first = await addBase(t, 'First');
    second = await addBase(t, 'Second');
    await grant(t, first.base, editor, 'editor');
    await grant(t, second.base, editor, 'editor');
  });
  afterAll(async () => {
    await t?.close();
  });

  const newToken = async (body: Record<string, unknown>) => {
    const created = await t.callWith(editor.headers, 'POST', '/api/v1/tokens', body);
    expect(created.status).toBe(200);
    return { id: created.body.id as string, headers: tokenHeaders(created.body.token) };
  };
  const records = (table: string) => `/api/v2/tables/${table}/records`;

  it('lets a read-only token read records but not write them', async () => {
    const token = await newToken({ description: 'reader', access: 'read' });
    expect((await t.callWith(token.headers, 'GET', records(first.table))).status).toBe(200);
    const write = await t.callWith(token.headers, 'POST', records(first.table), { Name: 'nope' });
    expect(write.status).toBe(403);
    expect(write.body.error).toBe('ERR_FORBIDDEN');
    // A read-write token of the same editor writes.
    const writer = await newToken({ description: 'writer' });
    expect((await t.callWith(writer.headers, 'POST', records(first.table), { Name: 'yes' })).status).toBe(
      200,
    );
  });

  it('keeps a base-limited token to its base', async () => {
    const token = await newToken({ description: 'first only', bases: [first.base] });
    expect((await t.callWith(token.headers, 'GET', records(first.table))).status).toBe(200);
    expect((await t.callWith(token.headers, 'POST', records(first.table), { Name: 'a' })).status).toBe(200);
    const other = await t.callWith(token.headers, 'GET', records(second.table));
    expect(other.status).toBe(403);
    expect((await t.callWith(token.headers, 'GET', `/api/v2/meta/bases/${second.base}`)).status).toBe(403);

    const bases = await t.callWith(token.headers, 'GET', '/api/v2/meta/bases');
    expect(bases.status).toBe(200);
    expect(bases.body.list.map((b: { id: string }) => b.id)).toEqual([first.base]);
    // The editor's own session still sees both.
    const mine = await t.callWith(editor.headers, 'GET', '/api/v2/meta/bases');
    expect(mine.body.list.map((b: { id: string }) => b.id).sort()).toEqual([first.base, second.base].sort());
  });

  it('acts with at most its creator’s current role', async () => {
    const token = await newToken({ description: 'follows the creator' });
    expect((await t.callWith(token.headers, 'POST', records(second.table), { Name: 'before' })).status).toBe(
      200,
    );

    await t.callWith(
      { 'xc-token': t.token },
      'PATCH',
      `/api/v2/meta/bases/${second.base}/users/${editor.id}`,
      {
        roles: 'viewer',
      },
    );
    const demoted = await t.callWith(token.headers, 'POST', records(second.table), { Name: 'after' });
    expect(demoted.status).toBe(403);
    expect((await t.callWith(token.headers, 'GET', records(second.table))).status).toBe(200);
    // Still an editor on the first base.
    expect((await t.callWith(token.headers, 'POST', records(first.table), { Name: 'first' })).status).toBe(
      200,
    );

    await t.call('DELETE', `/api/v2/meta/bases/${second.base}/users/${editor.id}`);
    expect((await t.callWith(token.headers, 'GET', records(second.table))).status).toBe(403);

    await grant(t, second.base, editor, 'editor');
    expect((await t.callWith(token.headers, 'POST', records(second.table), { Name: 'again' })).status).toBe(
      200,
    );
  });

  it('stops working when it expires', async () => {
    const token = await newToken({
      description: 'short-lived',
      expires_at: new Date(Date.now() + 2000).toISOString(),
    });
    expect((await t.callWith(token.headers, 'GET', records(first.table))).status).toBe(200);
    await sleep(2100);
    const expired = await t.callWith(token.headers, 'GET', records(first.table));
    expect(expired.status).toBe(401);
    expect(expired.body.error).toBe('ERR_AUTHENTICATION_REQUIRED');
  });

  it('stops working the moment it is revoked', async () => {
    const token = await newToken({ description: 'revoked soon' });
    expect((await t.callWith(token.headers, 'GET', records(first.table))).status).toBe(200);
    expect((await t.callWith(editor.headers, 'DELETE', `/api/v1/tokens/${token.id}`)).status).toBe(200);
    expect((await t.callWith(token.headers, 'GET', records(first.table))).status).toBe(401);
    expect((await t.callWith(token.headers, 'POST', records(first.table), { Name: 'x' })).status).toBe(401);
  });
});
