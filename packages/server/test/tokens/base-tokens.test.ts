// /api/v2/meta/bases/:baseId/api-tokens (and the v1 alias): tokens limited to one base, made
// by any member with at least viewer; listed and revoked by their creator or the base's owners.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { addBase, addUser, grant, tokenHeaders } from './support/accounts.ts';

describe.each(testDialects)('base API tokens on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let viewer: TestUser;
  let editor: TestUser;
  let blocked: TestUser;
  let outsider: TestUser;
  let home: { base: string; table: string };
  let away: { base: string; table: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await addUser(t, 'owner');
    viewer = await addUser(t, 'viewer');
    editor = await addUser(t, 'editor');
    blocked = await addUser(t, 'blocked');
    outsider = await addUser(t, 'outsider');
    home = await addBase(t, 'Home');
    away = await addBase(t, 'Away');
    await grant(t, home.base, owner, 'owner');
    await grant(t, home.base, viewer, 'viewer');
    await grant(t, home.base, editor, 'editor');
    await grant(t, home.base, blocked, 'no-access');
    await grant(t, away.base, editor, 'editor');
  });
  afterAll(async () => {
    await t?.close();
  });

  const path = (baseId: string) => `/api/v2/meta/bases/${baseId}/api-tokens`;
  const create = (user: TestUser, body: unknown, baseId = home.base) =>
    t.callWith(user.headers, 'POST', path(baseId), body);
  const ids = (response: { body: { list: { id: string }[] } }) => response.body.list.map((r) => r.id);

  it('creates a token limited to the base, shown once', async () => {
    const created = await create(editor, { description: 'home sync' });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      description: 'home sync',
      fk_user_id: editor.id,
      base_id: home.base,
      created_by: editor.email,
      scope: { bases: [home.base], access: 'read-write' },
    });
    expect(created.body.token).toHaveLength(40);
    const token = tokenHeaders(created.body.token);
    expect(
      (await t.callWith(token, 'POST', `/api/v2/tables/${home.table}/records`, { Name: 'a' })).status,
    ).toBe(200);
    // The editor can reach the other base, but this token cannot.
    expect((await t.callWith(token, 'GET', `/api/v2/tables/${away.table}/records`)).status).toBe(403);

    const listed = await t.callWith(editor.headers, 'GET', path(home.base));
    const row = listed.body.list.find((r: { id: string }) => r.id === created.body.id);
    expect(row.token).toBe(`…${created.body.token.slice(-4)}`);
  });

  it('lets a viewer make a token that can never write', async () => {
    const created = await create(viewer, { description: 'viewer token' });
    expect(created.status).toBe(200);
    const token = tokenHeaders(created.body.token);
    expect((await t.callWith(token, 'GET', `/api/v2/tables/${home.table}/records`)).status).toBe(200);
    expect(
      (await t.callWith(token, 'POST', `/api/v2/tables/${home.table}/records`, { Name: 'x' })).status,
    ).toBe(403);
  });

  it('also answers on the v1 path and takes read-only access', async () => {
    const created = await t.callWith(
      editor.headers,
      'POST',
      `/api/v1/db/meta/projects/${home.base}/api-tokens`,
      {
        description: 'v1 reader',
        access: 'read',
      },
    );
    expect(created.status).toBe(200);
    expect(created.body.scope).toEqual({ bases: [home.base], access: 'read' });
    const listed = await t.callWith(
      editor.headers,
      'GET',
      `/api/v1/db/meta/projects/${home.base}/api-tokens`,
    );
    expect(ids(listed)).toContain(created.body.id);
    const token = tokenHeaders(created.body.token);
    expect(
      (await t.callWith(token, 'POST', `/api/v2/tables/${home.table}/records`, { Name: 'x' })).status,
    ).toBe(403);
  });

  it('lists the caller’s tokens of this base; owners see every member’s', async () => {
    const viewers = await create(viewer, { description: 'viewer’s' });
    const editors = await create(editor, { description: 'editor’s' });
    const unscoped = await t.callWith(editor.headers, 'POST', '/api/v1/tokens', { description: 'all bases' });
    const elsewhere = await create(editor, { description: 'away' }, away.base);

    const viewerList = await t.callWith(viewer.headers, 'GET', path(home.base));
    expect(viewerList.status).toBe(200);
    expect(ids(viewerList)).toContain(viewers.body.id);
    expect(ids(viewerList)).not.toContain(editors.body.id);

    const ownerList = await t.callWith(owner.headers, 'GET', path(home.base));
    expect(ids(ownerList)).toEqual(expect.arrayContaining([viewers.body.id, editors.body.id]));
    expect(ids(ownerList)).not.toContain(unscoped.body.id);
    expect(ids(ownerList)).not.toContain(elsewhere.body.id);
    expect(JSON.stringify(ownerList.body)).not.toContain(viewers.body.token);
  });

  it('revokes own tokens; owners revoke anyone’s on their base', async () => {
    const viewers = await create(viewer, { description: 'to go' });
    const editors = await create(editor, { description: 'to go too' });
    const elsewhere = await create(editor, { description: 'away' }, away.base);

    const notYours = await t.callWith(viewer.headers, 'DELETE', `${path(home.base)}/${editors.body.id}`);
    expect(notYours.status).toBe(404);
    const wrongBase = await t.callWith(owner.headers, 'DELETE', `${path(home.base)}/${elsewhere.body.id}`);
    expect(wrongBase.status).toBe(404);

    const own = await t.callWith(viewer.headers, 'DELETE', `${path(home.base)}/${viewers.body.id}`);
    expect(own.status).toBe(200);
    expect(own.body).toBe(1);
    const byOwner = await t.callWith(
      owner.headers,
      'DELETE',
      `/api/v1/db/meta/projects/${home.base}/api-tokens/${editors.body.id}`,
    );
    expect(byOwner.status).toBe(200);
    for (const gone of [viewers, editors])
      expect(
        (await t.callWith(tokenHeaders(gone.body.token), 'GET', `/api/v2/meta/bases/${home.base}`)).status,
      ).toBe(401);
    // The unrelated token still works.
    expect(
      (await t.callWith(tokenHeaders(elsewhere.body.token), 'GET', `/api/v2/meta/bases/${away.base}`)).status,
    ).toBe(200);
  });

  it('refuses tokens, strangers and members without access', async () => {
    const created = await create(editor, { description: 'not for management' });
    const asToken = await t.callWith(tokenHeaders(created.body.token), 'GET', path(home.base));
    expect(asToken.status).toBe(401);
    expect(asToken.body.error).toBe('ERR_API_TOKEN_NOT_ALLOWED');
    expect((await t.call('POST', path(home.base), { description: 'bootstrap' })).status).toBe(401);
    expect((await t.callWith({}, 'GET', path(home.base))).status).toBe(401);
    for (const user of [outsider, blocked]) {
      expect((await t.callWith(user.headers, 'GET', path(home.base))).status).toBe(403);
      expect((await create(user, { description: 'nope' })).status).toBe(403);
      expect((await t.callWith(user.headers, 'DELETE', `${path(home.base)}/${created.body.id}`)).status).toBe(
        403,
      );
    }
    expect((await t.callWith(editor.headers, 'GET', path('pmissing'))).status).toBe(404);
  });

  it.each([
    ['no description', {}],
    ['a past expiry', { description: 'x', expires_at: '2000-01-01T00:00:00Z' }],
    ['another base in bases', { description: 'x', bases: ['pother'] }],
    ['an unknown access', { description: 'x', access: 'write' }],
  ])('answers 400 for %s', async (_, body) => {
    const response = await create(editor, body);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('ERR_INVALID_REQUEST_BODY');
  });

  it('accepts bases naming only this base', async () => {
    const created = await create(editor, { description: 'explicit', bases: [home.base] });
    expect(created.status).toBe(200);
    expect(created.body.scope.bases).toEqual([home.base]);
  });
});
