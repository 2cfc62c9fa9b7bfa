// Sign-up (first user owns the instance; later ones by invitation unless open sign-up),
// sign-in, the JWT in xc-auth and Bearer, and what /me and the app info say.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { hashSecret, secretHint } from '../../src/auth/secret-tokens.ts';
import {
  auditRows,
  captureMail,
  createAuthTestApp,
  PASSWORD,
  refreshCookieSet,
  secretOf,
  signIn,
  signUp,
} from './support/account-helpers.ts';

describe.each(testDialects)('sign-up and sign-in on %s', (dialect) => {
  let t: TestApp;
  let ownerJwt: string;

  beforeAll(async () => {
    t = await createAuthTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says there is no user yet, sign-up is by invitation, and auth is JWT', async () => {
    const info = await t.callWith({}, 'GET', '/api/v1/db/meta/nocodb/info');
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ authType: 'jwt', firstUser: true, inviteOnlySignup: true });
  });

  it('makes the first account the instance owner and signs it in', async () => {
    const { response, jwt } = await signUp(t, 'Owner@Example.com', { firstname: 'Olga', lastname: 'Owner' });
    expect(response.status).toBe(200);
    expect(typeof jwt).toBe('string');
    ownerJwt = jwt;
    const cookie = refreshCookieSet(response);
    expect(cookie?.value).toHaveLength(40);
    expect(cookie?.attributes).toMatch(/HttpOnly/i);
    expect(cookie?.attributes).toMatch(/SameSite=Lax/i);
    expect(cookie?.attributes).toMatch(/Path=\/api/);
    expect(cookie?.attributes).toMatch(/Max-Age=2592000/);
    // PUBLIC_URL is http in tests: the cookie must still reach the server.
    expect(cookie?.attributes).not.toMatch(/Secure/i);

    const me = await t.callWith({ 'xc-auth': jwt }, 'GET', '/api/v1/auth/user/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      email: 'owner@example.com',
      firstname: 'Olga',
      lastname: 'Owner',
      display_name: 'Olga Owner',
      instance_role: 'owner',
      roles: { super: true, 'org-level-creator': true },
      workspace_roles: {},
    });
    const user = await t.store.users.findByEmail('owner@example.com');
    expect(user?.instanceRole).toBe('owner');
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect((await auditRows(t, 'user.signup')).map((r) => r.target_id)).toEqual([user?.id]);

    const info = await t.callWith({}, 'GET', '/api/v2/meta/nocodb/info');
    expect(info.body.firstUser).toBe(false);
  });

  it('accepts the JWT as xc-auth and as Authorization: Bearer', async () => {
    const viaHeader = await t.callWith({ 'xc-auth': ownerJwt }, 'GET', '/api/v2/meta/bases');
    const viaBearer = await t.callWith({ authorization: `Bearer ${ownerJwt}` }, 'GET', '/api/v2/meta/bases');
    const without = await t.callWith({}, 'GET', '/api/v2/meta/bases');
    expect(viaHeader.status).toBe(200);
    expect(viaBearer.status).toBe(200);
    expect(without.status).toBe(401);
  });

  it('refuses a second sign-up without an invitation', async () => {
    const { response } = await signUp(t, 'stranger@example.com');
    expect(response.status).toBe(403);
    expect(response.body).toMatchObject({
      error: 'ERR_SIGNUP_NOT_ALLOWED',
      msg: 'Not allowed to signup, contact super admin.',
    });
    expect(await t.store.users.findByEmail('stranger@example.com')).toBeUndefined();
  });

  it('signs up an invited user with the invited role, once, for the invited address only', async () => {
    const sent = captureMail(t);
    const invite = await t.callWith({ 'xc-auth': ownerJwt }, 'POST', '/api/v1/users', {
      email: 'Ada@Example.com',
      roles: 'admin',
    });
    expect(invite.status).toBe(200);
    expect(invite.body).toMatchObject({ email: 'ada@example.com', instance_role: 'admin' });
    expect(sent.map((m) => m.to)).toEqual(['ada@example.com']);
    expect(sent[0]?.link).toBe(invite.body.invite_link);
    const secret = secretOf(invite.body.invite_link);
    expect(secret).toBe(invite.body.invite_token);

    const wrongAddress = await signUp(t, 'eve@example.com', { token: secret });
    expect(wrongAddress.response.status).toBe(400);
    expect(wrongAddress.response.body.error).toBe('ERR_INVITATION_INVALID');
    const wrongSecret = await signUp(t, 'ada@example.com', { token: `${secret}x` });
    expect(wrongSecret.response.status).toBe(400);

    const accepted = await signUp(t, 'ada@example.com', { token: secret });
    expect(accepted.response.status).toBe(200);
    const ada = await t.store.users.findByEmail('ada@example.com');
    expect(ada).toMatchObject({ instanceRole: 'admin', emailVerified: true });
    expect(await t.store.invitations.findPending(hashSecret(secret))).toBeUndefined();

    const again = await signUp(t, 'ada@example.com', { token: secret });
    expect(again.response.status).toBe(400);
  });

  it('adds the base membership an invitation names, in the same sign-up', async () => {
    const base = await t.call('POST', '/api/v2/meta/bases', { title: 'Invited base' });
    const secret = 'b'.repeat(40);
    await t.store.invitations.create(
      {
        email: 'bea@example.com',
        tokenHash: hashSecret(secret),
        instanceRole: 'member',
        baseId: base.body.id,
        baseRole: 'editor',
        invitedBy: null,
        expiresAt: '2999-01-01 00:00:00+00:00',
      },
      { actor: { type: 'system', id: 'test', name: 'test', userId: null }, ip: null },
    );
    const { response, jwt } = await signUp(t, 'bea@example.com', { token: secret });
    expect(response.status).toBe(200);
    const bea = await t.store.users.findByEmail('bea@example.com');
    expect(await t.store.members.roleOf(base.body.id, bea?.id ?? '')).toBe('editor');
    const me = await t.callWith({ 'xc-auth': jwt }, 'GET', `/api/v1/auth/user/me?base_id=${base.body.id}`);
    expect(me.body).toMatchObject({ instance_role: 'member', base_roles: { editor: true } });
    const elsewhere = await t.callWith({ 'xc-auth': jwt }, 'GET', '/api/v1/auth/user/me?base_id=pNope');
    expect(elsewhere.body.base_roles).toEqual({});
  });

  it('signs in with the right password under every alias and refuses a wrong one with 401', async () => {
    for (const path of ['/api/v1/auth/user/signin', '/api/v1/db/auth/user/signin', '/auth/user/signin']) {
      const ok = await t.callWith({}, 'POST', path, { email: 'OWNER@example.com ', password: PASSWORD });
      expect(ok.status, path).toBe(200);
      const me = await t.callWith({ 'xc-auth': ok.body.token }, 'GET', '/api/v1/auth/user/me');
      expect(me.body.email).toBe('owner@example.com');
    }
    const wrong = await signIn(t, 'owner@example.com', 'not the password');
    expect(wrong.response.status).toBe(401);
    expect(wrong.response.body).toMatchObject({
      error: 'ERR_INVALID_CREDENTIALS',
      msg: 'Invalid credentials',
    });
    expect(refreshCookieSet(wrong.response)).toBeUndefined();
    const nobody = await signIn(t, 'nobody@example.com');
    expect(nobody.response.status).toBe(401);
    expect(nobody.response.body.msg).toBe('Invalid credentials');
  });

  it('audits sign-ins and failed sign-ins without the password', async () => {
    const owner = await t.store.users.findByEmail('owner@example.com');
    const signins = await auditRows(t, 'user.signin');
    expect(signins.length).toBeGreaterThanOrEqual(3);
    expect(signins.at(-1)).toMatchObject({ actor_type: 'user', actor_id: owner?.id, target_id: owner?.id });
    expect(signins.at(-1)?.ip).toBeTruthy();
    const failed = await auditRows(t, 'user.signin_failed');
    expect(failed.map((r) => JSON.parse(r.details ?? '{}').email)).toEqual([
      'owner@example.com',
      'nobody@example.com',
    ]);
    expect(failed[0]).toMatchObject({ actor_type: 'anonymous', target_id: owner?.id });
    expect(failed[1]?.target_id).toBeNull();
    const everything = JSON.stringify(
      await t.store.context.db.selectFrom('tessera_audit_log').selectAll().execute(),
    );
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain('not the password');
  });

  it('refuses a duplicate account, a bad e-mail and a short password', async () => {
    const open = await createAuthTestApp(dialect, { openSignup: true });
    try {
      expect((await signUp(open, 'first@example.com')).response.status).toBe(200);
      const duplicate = await signUp(open, 'FIRST@example.com');
      expect(duplicate.response.status).toBe(409);
      expect(duplicate.response.body).toMatchObject({ error: 'ERR_USER_EXISTS', msg: 'User already exist' });
      const badEmail = await signUp(open, 'not-an-address');
      expect(badEmail.response.status).toBe(400);
      expect(badEmail.response.body.msg).toBe('Invalid email');
      const short = await open.callWith({}, 'POST', '/api/v1/auth/user/signup', {
        email: 'short@example.com',
        password: 'seven77',
      });
      expect(short.status).toBe(400);
      expect(short.body.msg).toMatch(/at least 8 characters/);
    } finally {
      await open.close();
    }
  });

  it('lets anyone sign up as a member when sign-up is open', async () => {
    const open = await createAuthTestApp(dialect, { openSignup: true });
    try {
      const info = await open.callWith({}, 'GET', '/api/v1/db/meta/nocodb/info');
      expect(info.body.inviteOnlySignup).toBe(false);
      expect((await signUp(open, 'one@example.com')).response.status).toBe(200);
      const second = await signUp(open, 'two@example.com');
      expect(second.response.status).toBe(200);
      const me = await open.callWith({ 'xc-auth': second.jwt }, 'GET', '/api/v1/auth/user/me');
      expect(me.body).toMatchObject({ email: 'two@example.com', instance_role: 'member' });
      expect(me.body.roles.super).toBeUndefined();
    } finally {
      await open.close();
    }
  });
});

describe.each(testDialects)('/me for every kind of caller on %s', (dialect) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createAuthTestApp(dialect);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a guest with 200 for no credential and for a bad one (n8n tests /me)', async () => {
    const credentials: Record<string, string>[] = [
      {},
      { 'xc-auth': 'a.b.c' },
      { 'xc-token': 'nope' },
      { authorization: 'Bearer x' },
    ];
    for (const headers of credentials) {
      const me = await t.callWith(headers, 'GET', '/api/v1/auth/user/me');
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ id: null, roles: { guest: true } });
    }
  });

  it('describes a token registered before any account as an owner-level stand-in', async () => {
    const me = await t.call('GET', '/api/v1/auth/user/me');
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: null, instance_role: 'owner', roles: { 'org-level-creator': true } });
    expect(me.body.api_token.access).toBe('read-write');
  });

  it("describes a user's token as its owner with roles narrowed to the token", async () => {
    const { jwt } = await signUp(t, 'tok@example.com');
    const owner = await t.store.users.findByEmail('tok@example.com');
    const secret = 'r'.repeat(40);
    await t.store.tokens.create(
      {
        tokenHash: hashSecret(secret),
        hint: secretHint(secret),
        description: 'reader',
        userId: owner?.id ?? null,
        scope: { baseIds: null, access: 'read' },
        origin: 'api',
        expiresAt: null,
      },
      { actor: { type: 'system', id: 'test', name: 'test', userId: null }, ip: null },
    );
    const viaToken = await t.callWith({ 'xc-token': secret }, 'GET', '/api/v1/auth/user/me');
    expect(viaToken.body).toMatchObject({
      email: 'tok@example.com',
      roles: { 'org-level-viewer': true },
      api_token: { description: 'reader', access: 'read' },
    });
    expect(viaToken.body.roles.super).toBeUndefined();
    const asUser = await t.callWith({ 'xc-auth': jwt }, 'GET', '/api/v1/auth/user/me');
    expect(asUser.body.roles).toEqual({ super: true, 'org-level-creator': true });
    expect(asUser.body.api_token).toBeUndefined();
  });
});
