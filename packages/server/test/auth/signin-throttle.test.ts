// Repeated failed sign-ins slow down, then block (the right password included), per e-mail and
// per client address; a success clears the e-mail's count. Time passes by moving the stored
// counters into the past, not by sleeping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { EMAIL_SIGNIN_LIMITS, IP_SIGNIN_LIMITS } from '../../src/auth/attempt-limits.ts';
import {
  auditRows,
  createAuthTestApp,
  PASSWORD,
  rewindAttemptCounters,
  signIn,
  signUp,
} from './support/account-helpers.ts';

describe.each(testDialects)('sign-in throttling on %s', (dialect) => {
  let t: TestApp;

  /** Each scenario comes from its own client address (the app trusts X-Forwarded-For). */
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const attempt = (email: string, password: string, ip: string) => signIn(t, email, password, from(ip));

  beforeAll(async () => {
    t = await createAuthTestApp(dialect, { trustProxy: true, openSignup: true });
    for (const name of ['tim', 'una', 'vic', 'wes']) await signUp(t, `${name}@example.com`);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('slows down after 5 failures with growing waits, then blocks even the right password', async () => {
    const ip = '203.0.113.1';
    for (let i = 0; i < EMAIL_SIGNIN_LIMITS.slowAfter; i++)
      expect((await attempt('tim@example.com', 'wrong password', ip)).response.status).toBe(401);

    const waits: number[] = [];
    for (
      let failures = EMAIL_SIGNIN_LIMITS.slowAfter;
      failures < EMAIL_SIGNIN_LIMITS.blockAfter;
      failures++
    ) {
      const refused = await attempt('tim@example.com', PASSWORD, ip);
      expect(refused.response.status).toBe(429);
      expect(refused.response.body.error).toBe('ERR_TOO_MANY_ATTEMPTS');
      expect(refused.refresh).toBe('');
      const wait = Number(refused.response.headers['retry-after']);
      waits.push(wait);
      await rewindAttemptCounters(t, wait);
      expect((await attempt('tim@example.com', 'wrong again', ip)).response.status).toBe(401);
    }
    // 2, 4, 8, 16, 32 seconds (stored times have whole seconds, so one less is possible).
    waits.forEach((wait, i) => {
      const expected = EMAIL_SIGNIN_LIMITS.baseDelaySeconds * 2 ** i;
      expect(wait).toBeGreaterThanOrEqual(expected - 1);
      expect(wait).toBeLessThanOrEqual(expected);
    });

    const blocked = await attempt('tim@example.com', PASSWORD, ip);
    expect(blocked.response.status).toBe(429);
    const blockedFor = Number(blocked.response.headers['retry-after']);
    expect(blockedFor).toBeGreaterThan(EMAIL_SIGNIN_LIMITS.blockSeconds - 5);
    expect(blockedFor).toBeLessThanOrEqual(EMAIL_SIGNIN_LIMITS.blockSeconds);
    // From another address too: the account is what is blocked.
    expect((await attempt('tim@example.com', PASSWORD, '203.0.113.99')).response.status).toBe(429);

    await rewindAttemptCounters(t, EMAIL_SIGNIN_LIMITS.blockSeconds - 60);
    expect((await attempt('tim@example.com', PASSWORD, ip)).response.status).toBe(429);
    await rewindAttemptCounters(t, 60);
    expect((await attempt('tim@example.com', PASSWORD, ip)).response.status).toBe(200);
    // The success cleared the count: a wrong password is plainly wrong again.
    expect((await attempt('tim@example.com', 'wrong password', ip)).response.status).toBe(401);

    const failed = (await auditRows(t, 'user.signin_failed')).filter((r) => r.details?.includes('tim@'));
    expect(failed).toHaveLength(EMAIL_SIGNIN_LIMITS.blockAfter + 1);
    expect(failed[0]).toMatchObject({ actor_type: 'anonymous', ip });
  });

  it('clears the count on a successful sign-in', async () => {
    const ip = '203.0.113.2';
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < EMAIL_SIGNIN_LIMITS.slowAfter - 1; i++)
        expect((await attempt('una@example.com', 'nope nope', ip)).response.status).toBe(401);
      expect((await attempt('una@example.com', PASSWORD, ip)).response.status).toBe(200);
    }
  });

  it('counts parallel guesses one after the other', async () => {
    const burst = await Promise.all(
      Array.from({ length: EMAIL_SIGNIN_LIMITS.slowAfter + 3 }, () =>
        attempt('vic@example.com', 'parallel guess', '203.0.113.3'),
      ),
    );
    const statuses = burst.map((b) => b.response.status).sort();
    expect(statuses.filter((s) => s === 401)).toHaveLength(EMAIL_SIGNIN_LIMITS.slowAfter);
    expect(statuses.filter((s) => s === 429)).toHaveLength(3);
  });

  it('slows down one client address trying many accounts, not the others', async () => {
    const ip = '198.51.100.7';
    for (let i = 0; i < IP_SIGNIN_LIMITS.slowAfter; i++)
      expect((await attempt(`ghost${i}@example.com`, 'guess', ip)).response.status).toBe(401);
    const refused = await attempt('wes@example.com', PASSWORD, ip);
    expect(refused.response.status).toBe(429);
    expect(Number(refused.response.headers['retry-after'])).toBeGreaterThan(0);
    expect((await attempt('wes@example.com', PASSWORD, '198.51.100.8')).response.status).toBe(200);
  });

  it('audits the failed sign-ins with the client address and never the password', async () => {
    const rows = await auditRows(t, 'user.signin_failed');
    expect(rows.length).toBeGreaterThan(IP_SIGNIN_LIMITS.slowAfter);
    const text = JSON.stringify(rows);
    for (const secret of [PASSWORD, 'wrong password', 'parallel guess', 'guess"'])
      expect(text).not.toContain(secret);
    expect(new Set(rows.map((r) => r.ip))).toEqual(
      new Set(['203.0.113.1', '203.0.113.2', '203.0.113.3', '198.51.100.7']),
    );
  });
});
