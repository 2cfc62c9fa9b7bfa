// Forgotten passwords: the e-mailed link works exactly once, expires, ends earlier sessions,
// and asking for one never tells whether an account exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { hashSecret } from '../../src/auth/secret-tokens.ts';
import {
  auditRows,
  captureMail,
  createAuthTestApp,
  secretOf,
  signIn,
  signUp,
  withCookie,
} from './support/account-helpers.ts';

describe.each(testDialects)('password reset on %s', (dialect) => {
  let t: TestApp;

  const forgot = (email: unknown) => t.callWith({}, 'POST', '/api/v1/auth/password/forgot', { email });
  const resetWith = (secret: string, password: unknown, path = '/api/v1/auth/password/reset') =>
    t.callWith({}, 'POST', `${path}/${encodeURIComponent(secret)}`, { password });

  beforeAll(async () => {
    t = await createAuthTestApp(dialect);
    await signUp(t, 'rita@example.com');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('mails a link to its reset page; the link works exactly once', async () => {
    const session = await signIn(t, 'rita@example.com');
    const sent = captureMail(t);
    const asked = await forgot('Rita@Example.com');
    expect(asked.status).toBe(200);
    expect(asked.body.msg).toBeTypeOf('string');
    expect(sent).toHaveLength(1);
    expect(sent[0]?.to).toBe('rita@example.com');
    const link = sent[0]?.link ?? '';
    expect(link.startsWith(`${t.config.publicUrl}/auth/password/reset?token=`)).toBe(true);
    expect(sent[0]?.text).toContain(link);
    const secret = secretOf(link);
    expect(secret).toHaveLength(40);
    // Only its hash is kept.
    const stored = await t.store.context.db.selectFrom('tessera_password_resets').selectAll().execute();
    expect(stored.map((r) => r.token_hash)).toEqual([hashSecret(secret)]);

    const page = await t.callWith({}, 'GET', `/auth/password/reset?token=${secret}`);
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(String(page.body)).not.toContain(secret);

    const valid = await t.callWith({}, 'POST', `/api/v1/auth/token/validate/${secret}`);
    expect(valid.status).toBe(200);
    expect(valid.body.msg).toBeTypeOf('string');

    const reset = await resetWith(secret, 'my new reset password');
    expect(reset.status).toBe(200);
    expect((await signIn(t, 'rita@example.com', 'my new reset password')).response.status).toBe(200);
    expect((await signIn(t, 'rita@example.com')).response.status).toBe(401);
    // Earlier sessions ended with the reset.
    expect((await t.callWith({ 'xc-auth': session.jwt }, 'GET', '/api/v2/meta/bases')).status).toBe(401);
    expect((await t.callWith(withCookie(session.refresh), 'POST', '/api/v1/auth/token/refresh')).status).toBe(
      401,
    );

    const twice = await resetWith(secret, 'an attacker password', '/auth/password/reset');
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ error: 'ERR_INVITATION_INVALID', msg: 'Invalid reset url' });
    expect((await t.callWith({}, 'POST', `/api/v1/auth/token/validate/${secret}`)).status).toBe(400);
    expect((await signIn(t, 'rita@example.com', 'an attacker password')).response.status).toBe(401);
    const audited = await auditRows(t, 'user.password_reset');
    expect(audited).toHaveLength(1);
    expect(audited[0]?.details ?? '').not.toContain('my new reset password');
  });

  it('answers the same for an unknown address and sends nothing', async () => {
    const sent = captureMail(t);
    const known = await forgot('rita@example.com');
    const unknown = await forgot('nobody@example.com');
    expect(unknown.status).toBe(known.status);
    expect(unknown.body).toEqual(known.body);
    expect(sent.map((m) => m.to)).toEqual(['rita@example.com']);
  });

  it('refuses an expired link, a made-up one and a short new password', async () => {
    const sent = captureMail(t);
    await forgot('rita@example.com');
    const secret = secretOf(sent[0]?.link ?? '');
    const short = await resetWith(secret, 'short');
    expect(short.status).toBe(400);
    expect(short.body.error).toBe('ERR_INVALID_REQUEST_BODY');
    await t.store.context.db
      .updateTable('tessera_password_resets')
      .set({ expires_at: '2000-01-01 00:00:00+00:00' })
      .where('token_hash', '=', hashSecret(secret))
      .execute();
    const expired = await resetWith(secret, 'long enough password');
    expect(expired.status).toBe(400);
    expect(expired.body.msg).toBe('Password reset url expired');
    expect((await resetWith('made-up', 'long enough password')).status).toBe(400);
    expect((await resetWith('z'.repeat(400), 'long enough password')).status).toBe(400);
  });

  it('makes two links for one account usable only once between them', async () => {
    // Earlier tests asked for three links: the fourth within the hour would not be sent.
    await t.store.context.db.deleteFrom('tessera_signin_failures').execute();
    const sent = captureMail(t);
    await forgot('rita@example.com');
    await forgot('rita@example.com');
    const [first, second] = sent.map((m) => secretOf(m.link));
    expect(first).not.toBe(second);
    // The secret may also come in the body, out of the URL (as the reset page sends it).
    const inBody = await t.callWith({}, 'POST', '/api/v1/auth/password/reset', {
      token: second,
      password: 'second link password',
    });
    expect(inBody.status).toBe(200);
    expect((await resetWith(first ?? '', 'first link password')).status).toBe(400);
    expect((await signIn(t, 'rita@example.com', 'second link password')).response.status).toBe(200);
  });

  it('slows down repeated reset requests: quietly per address, with 429 per client', async () => {
    const sent = captureMail(t);
    await t.store.context.db.deleteFrom('tessera_signin_failures').execute();
    for (let i = 0; i < 3; i++) expect((await forgot('rita@example.com')).status).toBe(200);
    const quiet = await forgot('rita@example.com');
    expect(quiet.status).toBe(200);
    expect(sent).toHaveLength(3);

    for (let i = 0; i < 30; i++) await forgot(`someone${i}@example.com`);
    const refused = await forgot('another@example.com');
    expect(refused.status).toBe(429);
    expect(refused.body.error).toBe('ERR_TOO_MANY_ATTEMPTS');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('refuses a bad e-mail in a reset request with 400', async () => {
    expect((await forgot('')).status).toBe(400);
    expect((await forgot(42)).status).toBe(400);
    expect((await forgot('x'.repeat(300))).status).toBe(400);
  });
});
