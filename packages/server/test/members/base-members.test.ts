// /api/v2/meta/bases/:baseId/users (and the v1 alias): list, add or invite, change the role,
// remove; the base's last owner stays; bad input gets 4xx.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { hashSecret } from '../../src/auth/secret-tokens.ts';
import { addBase, addUser, grant } from '../tokens/support/accounts.ts';

describe.each(testDialects)('base members on %s', (dialect) => {
  let t: TestApp;
  let owner: TestUser;
  let viewer: TestUser;
  let newcomer: TestUser;
  let admin: TestUser;
  let ids: { base: string; table: string };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    owner = await addUser(t, 'owner');
    viewer = await addUser(t, 'viewer');
    newcomer = await addUser(t, 'Newcomer');
    admin = await addUser(t, 'admin', 'admin');
    ids = await addBase(t, 'Members');
    await grant(t, ids.base, owner, 'owner');
    await grant(t, ids.base, viewer, 'viewer');
  });
  afterAll(async () => {
    await t?.close();
  });

  const users = (baseId = ids.base) => `/api/v2/meta/bases/${baseId}/users`;
  const roleIn = async (userId: string, baseId = ids.base) => {
    const list = await t.callWith(owner.headers, 'GET', users(baseId));
    return list.body.users.list.find((u: { id: string }) => u.id === userId)?.roles as string | undefined;
  };

  it('lists members with their roles to viewers', async () => {
    const listed = await t.callWith(viewer.headers, 'GET', users());
    expect(listed.status).toBe(200);
    expect(listed.body.users.pageInfo).toMatchObject({ totalRows: 2 });
    expect(listed.body.users.list).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: owner.id, email: owner.email, roles: 'owner', base_id: ids.base }),
        expect.objectContaining({ id: viewer.id, email: viewer.email, roles: 'viewer' }),
      ]),
    );
    expect(listed.body.users.list[0].created_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\+00:00$/);
    const v1 = await t.callWith(viewer.headers, 'GET', `/api/v1/db/meta/projects/${ids.base}/users`);
    expect(v1.body).toEqual(listed.body);
    expect((await t.callWith(newcomer.headers, 'GET', users())).status).toBe(403);
    expect((await t.callWith({}, 'GET', users())).status).toBe(401);
  });

  it('adds an existing user by e-mail, who can then use the base', async () => {
    expect((await t.callWith(newcomer.headers, 'GET', `/api/v2/meta/bases/${ids.base}`)).status).toBe(403);
    const added = await t.callWith(owner.headers, 'POST', users(), {
      email: ' NEWCOMER@example.com ',
      roles: 'editor',
    });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ id: newcomer.id, email: newcomer.email, roles: 'editor' });
    expect(added.body.invite_token).toBeUndefined();
    expect(await roleIn(newcomer.id)).toBe('editor');
    const write = await t.callWith(newcomer.headers, 'POST', `/api/v2/tables/${ids.table}/records`, {
      Name: 'hi',
    });
    expect(write.status).toBe(200);

    const again = await t.callWith(owner.headers, 'POST', users(), {
      email: newcomer.email,
      roles: 'viewer',
    });
    expect(again.status).toBe(409);
    expect(again.body.error).toBe('ERR_CONFLICT');
    expect(await roleIn(newcomer.id)).toBe('editor');
  });

  it('invites an unknown address with a secret only its hash of is stored', async () => {
    const invited = await t.callWith(owner.headers, 'POST', users(), {
      email: 'stranger@example.com',
      roles: 'commenter',
    });
    expect(invited.status).toBe(200);
    expect(invited.body).toMatchObject({ email: 'stranger@example.com', roles: 'commenter' });
    expect(invited.body.invite_token).toMatch(/^[\w-]{40}$/);
    const pending = await t.store.invitations.findPending(hashSecret(invited.body.invite_token));
    expect(pending).toMatchObject({
      email: 'stranger@example.com',
      baseId: ids.base,
      baseRole: 'commenter',
      instanceRole: 'member',
      invitedBy: owner.id,
    });
    const days = (Date.parse(pending!.expiresAt.replace(' ', 'T')) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.9);
    expect(days).toBeLessThanOrEqual(7);
    const rows = await t.store.context.db.selectFrom('tessera_invitations').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(invited.body.invite_token);

    // Inviting again replaces the earlier link.
    const again = await t.callWith(owner.headers, 'POST', users(), {
      email: 'stranger@example.com',
      roles: 'viewer',
    });
    expect(await t.store.invitations.findPending(hashSecret(invited.body.invite_token))).toBeUndefined();
    expect(await t.store.invitations.findPending(hashSecret(again.body.invite_token))).toMatchObject({
      baseRole: 'viewer',
    });
  });

  it('changes a member’s role, effective on the next request', async () => {
    const member = await addUser(t, 'changing');
    await grant(t, ids.base, member, 'editor');
    const write = () =>
      t.callWith(member.headers, 'POST', `/api/v2/tables/${ids.table}/records`, { Name: 'w' });
    expect((await write()).status).toBe(200);
    const changed = await t.callWith(owner.headers, 'PATCH', `${users()}/${member.id}`, { roles: 'viewer' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ id: member.id, roles: 'viewer' });
    expect((await write()).status).toBe(403);
    const v1 = await t.callWith(
      owner.headers,
      'PATCH',
      `/api/v1/db/meta/projects/${ids.base}/users/${member.id}`,
      {
        roles: 'creator',
      },
    );
    expect(v1.status).toBe(200);
    expect(await roleIn(member.id)).toBe('creator');
  });

  it('lets only owners (and instance admins) add and change members', async () => {
    const someone = await addUser(t, 'someone');
    await grant(t, ids.base, someone, 'creator');
    for (const caller of [viewer, someone]) {
      expect(
        (await t.callWith(caller.headers, 'POST', users(), { email: 'x@example.com', roles: 'viewer' }))
          .status,
      ).toBe(403);
      expect(
        (await t.callWith(caller.headers, 'PATCH', `${users()}/${viewer.id}`, { roles: 'owner' })).status,
      ).toBe(403);
    }
    expect(await roleIn(viewer.id)).toBe('viewer');
    const byAdmin = await t.callWith(admin.headers, 'PATCH', `${users()}/${someone.id}`, { roles: 'editor' });
    expect(byAdmin.status).toBe(200);
    // The bootstrap token acts as the instance owner.
    expect((await t.call('PATCH', `${users()}/${someone.id}`, { roles: 'commenter' })).status).toBe(200);
    expect(await roleIn(someone.id)).toBe('commenter');
  });

  it('removes members: owners remove anyone, members may leave', async () => {
    const leaver = await addUser(t, 'leaver');
    const removed = await addUser(t, 'removed');
    await grant(t, ids.base, leaver, 'viewer');
    await grant(t, ids.base, removed, 'editor');

    const notAllowed = await t.callWith(leaver.headers, 'DELETE', `${users()}/${removed.id}`);
    expect(notAllowed.status).toBe(403);
    expect(await roleIn(removed.id)).toBe('editor');

    const left = await t.callWith(leaver.headers, 'DELETE', `${users()}/${leaver.id}`);
    expect(left.status).toBe(200);
    expect(await roleIn(leaver.id)).toBeUndefined();
    expect((await t.callWith(leaver.headers, 'GET', `/api/v2/meta/bases/${ids.base}`)).status).toBe(403);

    const byOwner = await t.callWith(owner.headers, 'DELETE', `${users()}/${removed.id}`);
    expect(byOwner.status).toBe(200);
    expect(await roleIn(removed.id)).toBeUndefined();
    const twice = await t.callWith(owner.headers, 'DELETE', `${users()}/${removed.id}`);
    expect(twice.status).toBe(404);
    expect(twice.body.error).toBe('ERR_MEMBER_NOT_FOUND');
  });

  it('never removes or demotes the last owner', async () => {
    const demote = await t.callWith(owner.headers, 'PATCH', `${users()}/${owner.id}`, { roles: 'editor' });
    expect(demote.status).toBe(409);
    expect(demote.body.error).toBe('ERR_LAST_OWNER');
    const leave = await t.callWith(owner.headers, 'DELETE', `${users()}/${owner.id}`);
    expect(leave.status).toBe(409);
    const byAdmin = await t.callWith(admin.headers, 'DELETE', `${users()}/${owner.id}`);
    expect(byAdmin.status).toBe(409);
    expect(await roleIn(owner.id)).toBe('owner');

    const second = await addUser(t, 'second-owner');
    expect(
      (await t.callWith(owner.headers, 'POST', users(), { email: second.email, roles: 'owner' })).status,
    ).toBe(200);
    expect(
      (await t.callWith(owner.headers, 'PATCH', `${users()}/${owner.id}`, { roles: 'editor' })).status,
    ).toBe(200);
    expect(await roleIn(owner.id)).toBe('editor');
    expect((await t.callWith(second.headers, 'DELETE', `${users()}/${second.id}`)).status).toBe(409);
    // Restore for the other tests.
    await grant(t, ids.base, owner, 'owner');
  });

  it.each([
    ['no e-mail', { roles: 'viewer' }],
    ['an empty e-mail', { email: ' ', roles: 'viewer' }],
    ['a malformed e-mail', { email: 'not-an-address', roles: 'viewer' }],
    ['several e-mails', { email: 'a@example.com,b@example.com', roles: 'viewer' }],
    ['no role', { email: 'c@example.com' }],
    ['an unknown role', { email: 'c@example.com', roles: 'superuser' }],
    ['a role object', { email: 'c@example.com', roles: { editor: true } }],
    ['an array body', [{ email: 'c@example.com', roles: 'viewer' }]],
  ])('answers 400 to an add with %s', async (_, body) => {
    const response = await t.callWith(owner.headers, 'POST', users(), body);
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('ERR_INVALID_REQUEST_BODY');
  });

  it('answers 4xx to bad role changes and unknown members or bases', async () => {
    const noRole = await t.callWith(owner.headers, 'PATCH', `${users()}/${viewer.id}`, {});
    expect(noRole.status).toBe(400);
    const badRole = await t.callWith(owner.headers, 'PATCH', `${users()}/${viewer.id}`, { roles: 'guest' });
    expect(badRole.status).toBe(400);
    const stranger = await t.callWith(owner.headers, 'PATCH', `${users()}/${newcomer.id}x`, {
      roles: 'viewer',
    });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error).toBe('ERR_MEMBER_NOT_FOUND');
    const missingBase = await t.callWith(admin.headers, 'GET', users('pmissing'));
    expect(missingBase.status).toBe(404);
    expect(missingBase.body.error).toBe('ERR_BASE_NOT_FOUND');
    expect(await roleIn(viewer.id)).toBe('viewer');
  });

  it('accepts role names in any case', async () => {
    const member = await addUser(t, 'casing');
    const added = await t.callWith(owner.headers, 'POST', users(), {
      email: member.email,
      roles: 'No-Access',
    });
    expect(added.status).toBe(200);
    expect(added.body.roles).toBe('no-access');
    expect((await t.callWith(member.headers, 'GET', `/api/v2/meta/bases/${ids.base}`)).status).toBe(403);
  });
});
