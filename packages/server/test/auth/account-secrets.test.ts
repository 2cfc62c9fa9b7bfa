// After sign-up, sign-in, refresh, an invitation and a password reset, neither the database
// nor the log holds a password, JWT or refresh token in plain text; reset and invitation
// secrets reach the log only in the mailer's one deliberate line (no SMTP configured).
import { existsSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { buildLoggedApp, type LoggedApp } from '../observability/log-capture.ts';
import { createAuthTestApp, PASSWORD, refreshCookieSet, secretOf } from './support/account-helpers.ts';

const NEW_PASSWORD = 'a second secret password';

describe.each(testDialects)('account secrets at rest and in logs on %s', (dialect) => {
  let t: TestApp;
  let logged: LoggedApp;
  const secrets: string[] = [PASSWORD, NEW_PASSWORD];
  const linkSecrets: string[] = [];

  const post = async (url: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await logged.app.inject({
      method: 'POST',
      url,
      headers,
      ...(body ? { payload: body } : {}),
    });
    return { status: response.statusCode, body: response.json(), headers: response.headers };
  };

  beforeAll(async () => {
    t = await createAuthTestApp(dialect);
    logged = await buildLoggedApp(t, 'trace');
    const sent: string[] = [];
    logged.app.mailer.onSend((mail) => sent.push(mail.link));

    const signup = await post('/api/v1/auth/user/signup', { email: 'kim@example.com', password: PASSWORD });
    expect(signup.status).toBe(200);
    const signin = await post('/api/v1/auth/user/signin', { email: 'kim@example.com', password: PASSWORD });
    const jwt = signin.body.token as string;
    const refresh = refreshCookieSet(signin)?.value ?? '';
    const refreshed = await post('/api/v1/auth/token/refresh', undefined, {
      cookie: `refresh_token=${refresh}`,
    });
    expect(refreshed.status).toBe(200);
    secrets.push(jwt, refresh, refreshed.body.token, refreshCookieSet(refreshed)?.value ?? '');

    const token = await post('/api/v1/tokens', { description: 'n8n' }, { 'xc-auth': jwt });
    expect(token.status).toBe(200);
    secrets.push(token.body.token);
    const invite = await post('/api/v1/users', { email: 'lee@example.com' }, { 'xc-auth': jwt });
    expect(invite.status).toBe(200);
    await post('/api/v1/auth/password/forgot', { email: 'kim@example.com' });
    const resetSecret = secretOf(sent[1] ?? '');
    expect(resetSecret).toHaveLength(40);
    const reset = await post('/api/v1/auth/password/reset', { token: resetSecret, password: NEW_PASSWORD });
    expect(reset.status).toBe(200);
    linkSecrets.push(invite.body.invite_token, resetSecret);
    expect(secrets.every((s) => s.length >= 8)).toBe(true);
  });
  afterAll(async () => {
    await logged?.app.close();
    await t?.close();
  });

  it('stores no password, token or link secret in any table of the database', async () => {
    const db = t.store.context.db;
    const names = [...(await t.store.context.dialect.relationNames(db as never))];
    const dumps: string[] = [];
    for (const name of names) {
      const rows = await sql`select * from ${sql.table(name)}`.execute(db).catch(() => undefined);
      if (rows) dumps.push(JSON.stringify(rows.rows));
    }
    const dump = dumps.join('\n');
    expect(dump).toContain('kim@example.com');
    for (const secret of [...secrets, t.token, ...linkSecrets]) expect(dump).not.toContain(secret);
  });

  it.runIf(dialect === 'sqlite')('leaves no secret in the SQLite file or its write-ahead log', async () => {
    const config = t.config.database;
    if (config.kind !== 'sqlite') throw new Error('expected SQLite');
    const bytes = [config.file, `${config.file}-wal`]
      .filter((file) => existsSync(file))
      .map((file) => readFileSync(file).toString('latin1'))
      .join('');
    expect(bytes).toContain('kim@example.com');
    for (const secret of [...secrets, t.token, ...linkSecrets]) expect(bytes).not.toContain(secret);
  });

  it('logs no password, JWT or refresh token; link secrets only in the mailer line', () => {
    expect(logged.raw.length).toBeGreaterThan(5);
    for (const line of logged.raw) for (const secret of secrets) expect(line).not.toContain(secret);
    const withLinks = logged.raw.filter((line) => linkSecrets.some((secret) => line.includes(secret)));
    expect(withLinks).toHaveLength(2);
    for (const line of withLinks) expect(JSON.parse(line)).toMatchObject({ level: 40 });
  });
});
