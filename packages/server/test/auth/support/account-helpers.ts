import { randomBytes } from 'node:crypto';
import { timestampMs, timestampText } from '@tessera/store';
import { createTestApp, type TestApp, type TestResponse } from '../../../../../test/support/test-app.ts';
import type { TestDialect } from '../../../../../test/support/test-databases.ts';
import type { OutgoingMail } from '../../../src/auth/mailer.ts';
import { AUTH_DEFAULTS, type AuthConfig } from '../../../src/config/auth-config.ts';
import type { TesseraConfig } from '../../../src/config/config-schema.ts';

export const PASSWORD = 'correct horse battery staple';

/** A test app whose auth settings differ from the defaults (keeps a bootstrap token). */
export function createAuthTestApp(
  dialect: TestDialect,
  auth: Partial<AuthConfig> = {},
  overrides: Partial<Omit<TesseraConfig, 'auth'>> = {},
): Promise<TestApp> {
  return createTestApp(dialect, {
    ...overrides,
    auth: { ...AUTH_DEFAULTS, bootstrapToken: randomBytes(24).toString('hex'), ...auth },
  });
}

/** The value a reply's Set-Cookie gives the refresh cookie (empty when cleared), if it sets it. */
export function refreshCookieSet(response: TestResponse): { value: string; attributes: string } | undefined {
  const header = response.headers['set-cookie'];
  const cookies = header === undefined ? [] : Array.isArray(header) ? header : [String(header)];
  const cookie = cookies.find((c) => c.startsWith('refresh_token='));
  if (cookie === undefined) return undefined;
  const [pair = '', ...attributes] = cookie.split(';');
  return { value: decodeURIComponent(pair.slice('refresh_token='.length)), attributes: attributes.join(';') };
}

/** Signs up (anonymously); the reply's JWT and refresh cookie. */
export async function signUp(
  t: TestApp,
  email: string,
  extra: Record<string, unknown> = {},
): Promise<{ response: TestResponse; jwt: string; refresh: string }> {
  const response = await t.callWith({}, 'POST', '/api/v1/auth/user/signup', {
    email,
    password: PASSWORD,
    ...extra,
  });
  return { response, jwt: response.body?.token, refresh: refreshCookieSet(response)?.value ?? '' };
}

export async function signIn(
  t: TestApp,
  email: string,
  password = PASSWORD,
  headers: Record<string, string> = {},
): Promise<{ response: TestResponse; jwt: string; refresh: string }> {
  const response = await t.callWith(headers, 'POST', '/api/v1/auth/user/signin', { email, password });
  return { response, jwt: response.body?.token, refresh: refreshCookieSet(response)?.value ?? '' };
}

export function withCookie(refresh: string): Record<string, string> {
  return { cookie: `refresh_token=${encodeURIComponent(refresh)}` };
}

/** Every mail the app hands over from now on (through nodemailer-free logging, as without SMTP). */
export function captureMail(t: TestApp): OutgoingMail[] {
  const sent: OutgoingMail[] = [];
  t.app.mailer.onSend((mail) => sent.push(mail));
  return sent;
}

/** The secret in a link's `token` query parameter. */
export function secretOf(link: string): string {
  return new URL(link).searchParams.get('token') ?? '';
}

/**
 * Lets time pass for the sign-in counters: moves every timestamp they hold `seconds` into the
 * past, as if the clock had advanced, without sleeping.
 */
export async function rewindAttemptCounters(t: TestApp, seconds: number): Promise<void> {
  const db = t.store.context.db;
  const rows = await db.selectFrom('tessera_signin_failures').selectAll().execute();
  const back = (text: string) => timestampText(timestampMs(text) - seconds * 1000);
  for (const row of rows)
    await db
      .updateTable('tessera_signin_failures')
      .set({
        first_failed_at: back(row.first_failed_at),
        last_failed_at: back(row.last_failed_at),
        blocked_until: row.blocked_until === null ? null : back(row.blocked_until),
      })
      .where('key', '=', row.key)
      .execute();
}

/** Audit rows of one action, oldest first. */
export async function auditRows(t: TestApp, action: string) {
  return t.store.context.db
    .selectFrom('tessera_audit_log')
    .selectAll()
    .where('action', '=', action)
    .orderBy('id')
    .execute();
}
