// The instance's users (/api/v1/users): owners and admins invite and manage them; only owners
// make or unmake owners and admins; the last owner stays; API tokens are refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { auditRows, captureMail, createAuthTestApp, secretOf, signUp } from './support/account-helpers.ts';

describe.each(testDialects)('instance users on %s', (dialect) => {
  let t: TestApp;
  const jwt: Record<string, string> = {};
  const ids: Record<string, string> = {};

  const as = (who: string, method: string, url: string, body?: unknown) =>
    t.callWith({ 'xc-auth': jwt[who] ?? '' }, method, url, body);

  /** Invites `name@example.com` as `who` and signs the invitee up; returns the invite reply. */
  const inviteAndJoin = async (who: string, name: string, roles?: string) => {
    const invite = await as(who, 'POST', '/api/v1/users', { email: `${name}@example.com`, roles });
    expect(invite.status).toBe(200);
    const joined = await signUp(t, `${name}@example.com`, { token: invite.body.invite_token });
    expect(joined.response.status).toBe(200);
    jwt[name] = joined.jwt;
    ids[name] = (await t.store.users.findByEmail(`${name}@example.com`))?.id ?? '';
    return invite;
  };

  beforeAll(async () => {
    t = await createAuthTestApp(dialect);
    jwt.owner = (await signUp(t, 'owner@example.com')).jwt;
    ids.owner = (await t.store.users.findByEmail('owner@example.com'))?.id ?? '';
  });
  afterAll(async () => {
    await t?.close();
  });

  it('lets the owner invite an admin (link mailed and answered) and a member', async () => {
    const sent = captureMail(t);
    const invite = await inviteAndJoin('owner', 'adam', 'admin');
    expect(invite.body).toMatchObject({
      email: 'adam@example.com',
      instance_role: 'admin',
      roles: 'admin,org-level-creator',
    });
    expect(invite.body.invite_link).toBe(
      `${t.config.publicUrl}/auth/signup?token=${invite.body.invite_token}`,
    );
    expect(secretOf(sent[0]?.link ?? '')).toBe(invite.body.invite_token);
    expect(sent[0]?.text).toContain('owner@example.com');
    // NocoDB's role name for a plain user is taken as member.
    const member = await inviteAndJoin('owner', 'mia', 'org-level-viewer');
    expect(member.body.instance_role).toBe('member');
    const page = await t.callWith({}, 'GET', `/auth/signup?token=${invite.body.invite_token}`);
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('<form');
    expect((await auditRows(t, 'user.invite')).length).toBe(2);
  });

  it('lists the users with their roles, to owners and admins only', async () => {
    const list = await as('adam', 'GET', '/api/v1/users');
    expect(list.status).toBe(200);
    expect(list.body.pageInfo.totalRows).toBe(3);
    expect(
      Object.fromEntries(
        list.body.list.map((u: { email: string; instance_role: string }) => [u.email, u.instance_role]),
      ),
    ).toEqual({ 'owner@example.com': 'owner', 'adam@example.com': 'admin', 'mia@example.com': 'member' });
    expect(JSON.stringify(list.body)).not.toMatch(/argon2|password/i);
    expect((await as('mia', 'GET', '/api/v1/users')).status).toBe(403);
    expect((await t.callWith({}, 'GET', '/api/v1/users')).status).toBe(401);
  });

  it('refuses API tokens, even the owner-level bootstrap token', async () => {
    const listed = await t.call('GET', '/api/v1/users');
    expect(listed.status).toBe(401);
    expect(listed.body.error).toBe('ERR_API_TOKEN_NOT_ALLOWED');
    expect((await t.call('POST', '/api/v1/users', { email: 'x@example.com' })).status).toBe(401);
  });

  it('lets an admin invite and manage members but not owners or admins', async () => {
    await inviteAndJoin('adam', 'max');
    const adminInvite = await as('adam', 'POST', '/api/v1/users', {
      email: 'boss@example.com',
      roles: 'admin',
    });
    expect(adminInvite.status).toBe(403);
    expect((await as('adam', 'PATCH', `/api/v1/users/${ids.max}`, { roles: 'admin' })).status).toBe(403);
    expect((await as('adam', 'PATCH', `/api/v1/users/${ids.owner}`, { roles: 'member' })).status).toBe(403);
    expect((await as('adam', 'DELETE', `/api/v1/users/${ids.owner}`)).status).toBe(403);
    expect((await as('mia', 'PATCH', `/api/v1/users/${ids.max}`, { roles: 'member' })).status).toBe(403);
    const removed = await as('adam', 'DELETE', `/api/v1/users/${ids.max}`);
    expect(removed.status).toBe(200);
    expect(await t.store.users.find(ids.max ?? '')).toBeUndefined();
    // The removed user's JWT stops working.
    expect((await t.callWith({ 'xc-auth': jwt.max ?? '' }, 'GET', '/api/v2/meta/bases')).status).toBe(401);
  });

  it('lets the owner promote and demote, but never the last owner', async () => {
    const lastOwner = await as('owner', 'PATCH', `/api/v1/users/${ids.owner}`, { roles: 'admin' });
    expect(lastOwner.status).toBe(409);
    expect(lastOwner.body.error).toBe('ERR_LAST_OWNER');
    const lastOwnerGone = await as('owner', 'DELETE', `/api/v1/users/${ids.owner}`);
    expect(lastOwnerGone.status).toBe(409);
    expect(lastOwnerGone.body.error).toBe('ERR_LAST_OWNER');

    const promoted = await as('owner', 'PATCH', `/api/v1/users/${ids.mia}`, { roles: 'owner' });
    expect(promoted.status).toBe(200);
    expect(promoted.body).toMatchObject({ instance_role: 'owner', roles: 'super,org-level-creator' });
    const me = await as('mia', 'GET', '/api/v1/auth/user/me');
    expect(me.body.roles.super).toBe(true);

    // With two owners one may step down; then the other is the last.
    expect((await as('owner', 'PATCH', `/api/v1/users/${ids.owner}`, { roles: 'member' })).status).toBe(200);
    expect((await as('mia', 'PATCH', `/api/v1/users/${ids.mia}`, { roles: 'admin' })).status).toBe(409);
    expect((await as('mia', 'DELETE', `/api/v1/users/${ids.mia}`)).status).toBe(409);
    const changes = await auditRows(t, 'user.role_change');
    expect(changes.map((r) => JSON.parse(r.details ?? '{}').instanceRole)).toEqual(['owner', 'member']);
  });

  it('refuses bad role changes and invitations with 4xx', async () => {
    const cases: [string, string, unknown, number][] = [
      ['PATCH', `/api/v1/users/${ids.adam}`, { roles: 'emperor' }, 400],
      ['PATCH', `/api/v1/users/${ids.adam}`, {}, 400],
      ['PATCH', `/api/v1/users/${ids.adam}`, { roles: 7 }, 400],
      ['PATCH', `/api/v1/users/${ids.adam}`, { roles: 'admin'.repeat(1000) }, 400],
      ['PATCH', '/api/v1/users/usNope', { roles: 'member' }, 404],
      ['DELETE', '/api/v1/users/usNope', undefined, 404],
      ['POST', '/api/v1/users', { email: 'not an address' }, 400],
      ['POST', '/api/v1/users', { email: ['a@example.com'] }, 400],
      ['POST', '/api/v1/users', {}, 400],
      ['POST', '/api/v1/users', { email: 'new@example.com', roles: 'owner' }, 400],
      ['POST', '/api/v1/users', { email: 'adam@example.com' }, 409],
      ['POST', '/api/v1/users', [], 400],
    ];
    for (const [method, url, body, status] of cases) {
      const answer = await as('mia', method, url, body);
      expect(answer.status, `${method} ${url} ${JSON.stringify(body)?.slice(0, 60)}`).toBe(status);
      expect(answer.body.error).toMatch(/^ERR_/);
    }
  });
});
