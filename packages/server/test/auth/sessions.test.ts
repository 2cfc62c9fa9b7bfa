// Refresh tokens (rotating, single use, reuse after the grace period ends every session),
// sign-out, and a password change that ends every earlier JWT and refresh token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import {
  auditRows,
  createAuthTestApp,
  PASSWORD,
  refreshCookieSet,
  signIn,
  signUp,
  withCookie,
} from './support/account-helpers.ts';

describe.each(testDialects)('sessions on %s', (dialect) => {
  let t: TestApp;

  const me = (jwt: string) => t.callWith({ 'xc-auth': jwt }, 'GET', '/api/v2/meta/bases');
  const refresh = (secret: string, path = '/api/v1/auth/token/refresh') =>
    t.callWith(withCookie(secret), 'POST', path);

  beforeAll(async () => {
    t = await createAuthTestApp(dialect);
    await signUp(t, 'sam@example.com');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('rotates the refresh token on every use and answers a working JWT', async () => {
    const { refresh: first } = await signIn(t, 'sam@example.com');
    const answer = await refresh(first);
    expect(answer.status).toBe(200);
    expect((await me(answer.body.token)).status).toBe(200);
    const second = refreshCookieSet(answer)?.value ?? '';
    expect(second).toHaveLength(40);
    expect(second).not.toBe(first);
    const third = await refresh(second, '/api/v2/auth/token/refresh');
    expect(third.status).toBe(200);
    expect(refreshCookieSet(third)?.value).not.toBe(second);
  });

  it('refuses a missing or unknown refresh token with 401', async () => {
    const missing = await t.callWith({}, 'POST', '/api/v1/auth/token/refresh');
    expect(missing.status).toBe(401);
    expect(missing.body.msg).toBe('Missing refresh token');
    const unknown = await refresh('x'.repeat(40));
    expect(unknown.status).toBe(401);
    expect(unknown.body.msg).toBe('Invalid refresh token');
  });

  it('treats a reused refresh token as stolen: refuses it and ends every refresh token of the user', async () => {
    const { refresh: stolen } = await signIn(t, 'sam@example.com');
    const { refresh: otherDevice } = await signIn(t, 'sam@example.com');
    const legit = await refresh(stolen);
    expect(legit.status).toBe(200);
    const successor = refreshCookieSet(legit)?.value ?? '';
    // Replayed after the grace period for two tabs refreshing at once (see collaboration/refresh-grace).
    await t.store.context.db
      .updateTable('tessera_refresh_tokens')
      .set({ used_at: '2000-01-01 00:00:00+00:00' })
      .where('used_at', 'is not', null)
      .execute();

    const replay = await refresh(stolen);
    expect(replay.status).toBe(401);
    expect(refreshCookieSet(replay)?.value).toBe('');
    expect((await refresh(successor)).status).toBe(401);
    expect((await refresh(otherDevice)).status).toBe(401);
    // Signing in again works.
    expect((await signIn(t, 'sam@example.com')).response.status).toBe(200);
  });

  it('refuses an expired refresh token', async () => {
    const { refresh: secret } = await signIn(t, 'sam@example.com');
    await t.store.context.db
      .updateTable('tessera_refresh_tokens')
      .set({ expires_at: '2000-01-01 00:00:00+00:00' })
      .where('used_at', 'is', null)
      .execute();
    const expired = await refresh(secret);
    expect(expired.status).toBe(401);
    expect(expired.body.msg).toBe('Refresh token expired');
  });

  it('signs out: the refresh token stops working and the cookie is cleared', async () => {
    const { refresh: secret } = await signIn(t, 'sam@example.com');
    const out = await t.callWith(withCookie(secret), 'POST', '/api/v1/auth/user/signout');
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ msg: 'Signed out successfully' });
    expect(refreshCookieSet(out)?.value).toBe('');
    expect((await refresh(secret)).status).toBe(401);
    // Without a cookie it still answers (nothing to revoke).
    expect((await t.callWith({}, 'POST', '/auth/user/signout')).status).toBe(200);
  });

  it('changes the password: old JWTs and refresh tokens die, the new password and the answered JWT work', async () => {
    const before = await signIn(t, 'sam@example.com');
    expect((await me(before.jwt)).status).toBe(200);
    const change = await t.callWith({ 'xc-auth': before.jwt }, 'POST', '/api/v1/auth/password/change', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new password',
    });
    expect(change.status).toBe(200);
    expect(change.body.msg).toBe('Password has been updated successfully');
    expect((await me(before.jwt)).status).toBe(401);
    expect((await refresh(before.refresh)).status).toBe(401);
    expect((await me(change.body.token)).status).toBe(200);
    const fresh = refreshCookieSet(change)?.value ?? '';
    expect((await refresh(fresh)).status).toBe(200);
    expect((await signIn(t, 'sam@example.com')).response.status).toBe(401);
    expect((await signIn(t, 'sam@example.com', 'a brand new password')).response.status).toBe(200);
    expect(await auditRows(t, 'user.password_change')).toHaveLength(1);
  });

  it('refuses a wrong current password (400) and also accepts snake_case field names', async () => {
    const { jwt } = await signIn(t, 'sam@example.com', 'a brand new password');
    const wrong = await t.callWith({ 'xc-auth': jwt }, 'POST', '/api/v1/auth/password/change', {
      currentPassword: 'not it at all',
      newPassword: 'whatever whatever',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ error: 'ERR_WRONG_PASSWORD', msg: 'Current password is wrong' });
    expect((await me(jwt)).status).toBe(200);
    const snake = await t.callWith({ 'xc-auth': jwt }, 'POST', '/api/v1/db/auth/password/change', {
      current_password: 'a brand new password',
      new_password: PASSWORD,
    });
    expect(snake.status).toBe(200);
    const short = await t.callWith({ 'xc-auth': snake.body.token }, 'POST', '/api/v1/auth/password/change', {
      currentPassword: PASSWORD,
      newPassword: 'short',
    });
    expect(short.status).toBe(400);
  });

  it('marks the cookie Secure when PUBLIC_URL is https, and keeps its lifetime setting', async () => {
    const secure = await createAuthTestApp(
      dialect,
      { openSignup: true, refreshTokenDays: 7 },
      { publicUrl: 'https://tessera.example' },
    );
    try {
      const { response } = await signUp(secure, 'sec@example.com');
      const cookie = refreshCookieSet(response);
      expect(cookie?.attributes).toMatch(/;\s*Secure/i);
      expect(cookie?.attributes).toMatch(/Max-Age=604800/);
      const stored = await secure.store.context.db.selectFrom('tessera_refresh_tokens').selectAll().execute();
      const days = (Date.parse(stored[0]?.expires_at.replace(' ', 'T') ?? '') - Date.now()) / 86_400_000;
      expect(days).toBeGreaterThan(6.9);
      expect(days).toBeLessThanOrEqual(7);
    } finally {
      await secure.close();
    }
  });

  it('refuses password changes by API tokens and anonymous callers', async () => {
    const body = { currentPassword: PASSWORD, newPassword: 'yet another password' };
    const byToken = await t.call('POST', '/api/v1/auth/password/change', body);
    expect(byToken.status).toBe(401);
    expect(byToken.body.error).toBe('ERR_API_TOKEN_NOT_ALLOWED');
    const anonymous = await t.callWith({}, 'POST', '/api/v1/auth/password/change', body);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error).toBe('ERR_AUTHENTICATION_REQUIRED');
  });
});
