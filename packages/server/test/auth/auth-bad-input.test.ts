// Malformed auth requests get a clear 4xx in the error catalogue's shape, never a 5xx.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { createAuthTestApp, PASSWORD, signUp } from './support/account-helpers.ts';

const huge = 'x'.repeat(70 * 1024);

describe.each(testDialects)('bad auth input on %s', (dialect) => {
  let t: TestApp;
  let jwt: string;

  beforeAll(async () => {
    t = await createAuthTestApp(dialect);
    jwt = (await signUp(t, 'ivy@example.com')).jwt;
  });
  afterAll(async () => {
    await t?.close();
  });

  const cases: [string, string, unknown, number][] = [
    ['signup', '/api/v1/auth/user/signup', {}, 400],
    ['signup', '/api/v1/auth/user/signup', { email: 'a@example.com' }, 400],
    ['signup', '/api/v1/auth/user/signup', { password: PASSWORD }, 400],
    ['signup', '/api/v1/auth/user/signup', { email: 42, password: PASSWORD }, 400],
    ['signup', '/api/v1/auth/user/signup', { email: 'a@example.com', password: ['x'] }, 400],
    [
      'signup',
      '/api/v1/auth/user/signup',
      { email: `${'a'.repeat(300)}@example.com`, password: PASSWORD },
      400,
    ],
    ['signup', '/api/v1/auth/user/signup', { email: 'a@example.com', password: 'p'.repeat(2000) }, 400],
    [
      'signup',
      '/api/v1/auth/user/signup',
      { email: 'a@example.com', password: PASSWORD, firstname: {} },
      400,
    ],
    [
      'signup',
      '/api/v1/auth/user/signup',
      { email: 'a@example.com', password: PASSWORD, lastname: 'l'.repeat(300) },
      400,
    ],
    ['signup', '/api/v1/auth/user/signup', { email: 'a@example.com', password: PASSWORD, token: 5 }, 400],
    ['signup', '/api/v1/auth/user/signup', { email: 'a@example.com', password: huge }, 413],
    ['signup', '/api/v1/auth/user/signup', [], 400],
    ['signup', '/api/v1/auth/user/signup', '"just a string"', 400],
    ['signup', '/api/v1/auth/user/signup', '{not json', 400],
    ['signin', '/api/v1/auth/user/signin', {}, 400],
    ['signin', '/api/v1/auth/user/signin', { email: 'ivy@example.com' }, 400],
    ['signin', '/api/v1/auth/user/signin', { email: 'ivy@example.com', password: 12345678 }, 400],
    ['signin', '/api/v1/auth/user/signin', { email: null, password: PASSWORD }, 400],
    ['signin', '/api/v1/auth/user/signin', { email: 'ivy@example.com', password: 'p'.repeat(5000) }, 400],
    ['forgot', '/api/v1/auth/password/forgot', { email: { $ne: '' } }, 400],
    ['reset', '/api/v1/auth/password/reset/abc', {}, 400],
    ['validate', `/api/v1/auth/token/validate/${'v'.repeat(300)}`, undefined, 400],
  ];

  it.each(cases)('%s %s %j → %i', async (_name, url, body, status) => {
    const answer = await t.callWith({}, 'POST', url, body);
    expect(answer.status).toBe(status);
    expect(answer.body.error).toMatch(/^ERR_/);
    expect(answer.body.msg).toBeTypeOf('string');
  });

  it('refuses a malformed password change with 400', async () => {
    for (const body of [
      {},
      { currentPassword: PASSWORD },
      { currentPassword: PASSWORD, newPassword: 7 },
      [],
    ]) {
      const answer = await t.callWith({ 'xc-auth': jwt }, 'POST', '/api/v1/auth/password/change', body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }
  });

  it('never answers a 5xx to arbitrary sign-in and sign-up bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          '/api/v1/auth/user/signin',
          '/api/v1/auth/user/signup',
          '/api/v1/auth/password/forgot',
        ),
        fc.dictionary(
          fc.constantFrom('email', 'password', 'firstname', 'lastname', 'token'),
          fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.array(fc.string()), fc.object()),
        ),
        async (url, body) => {
          const answer = await t.callWith({ 'x-forwarded-for': '192.0.2.1' }, 'POST', url, body);
          expect(answer.status).toBeLessThan(500);
          if (answer.status >= 400) expect(answer.body.error).toMatch(/^ERR_/);
        },
      ),
      { numRuns: 40 },
    );
  });
});
