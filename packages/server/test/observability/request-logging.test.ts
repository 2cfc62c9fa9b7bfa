import { superviseDatabase } from '@tessera/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { buildApp } from '../../src/app.ts';
import { buildLoggedApp, type LoggedApp } from './log-capture.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe.each(testDialects)('request logging on %s', (dialect) => {
  let t: TestApp;
  let logged: LoggedApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    logged = await buildLoggedApp(t, 'info');
  });
  afterAll(async () => {
    await logged.app.close();
    await t.close();
  });

  const completions = (reqId: string) =>
    logged.lines().filter((line) => line.reqId === reqId && line.msg === 'request completed');

  it('writes one JSON completion line per request: method, URL, route pattern, status, duration', async () => {
    const created = await logged.app.inject({
      method: 'POST',
      url: '/api/v2/meta/bases',
      headers: { 'xc-token': t.token },
      payload: { title: 'Logged' },
    });
    expect(created.statusCode).toBe(200);
    const baseId = JSON.parse(created.body).id as string;
    const read = await logged.app.inject({
      method: 'GET',
      url: `/api/v2/meta/bases/${baseId}`,
      headers: { 'xc-token': t.token },
    });
    expect(read.statusCode).toBe(200);
    const reqId = String(read.headers['x-request-id']);
    expect(reqId).toMatch(UUID);

    const lines = completions(reqId);
    expect(lines).toHaveLength(1);
    const [line] = lines;
    expect(line?.level).toBe(30);
    expect(line?.req).toMatchObject({
      method: 'GET',
      url: `/api/v2/meta/bases/${baseId}`,
      route: '/api/v2/meta/bases/:baseId',
    });
    expect(line?.res).toEqual({ statusCode: 200 });
    expect(typeof line?.responseTime).toBe('number');
    // Nothing else is logged for that request at info (no separate "incoming request" line).
    expect(logged.lines().filter((l) => l.reqId === reqId)).toHaveLength(1);
  });

  it('keeps a sane incoming x-request-id and replaces one that is too long or not printable', async () => {
    const sane = await logged.app.inject({
      method: 'GET',
      url: '/api/v2/meta/bases',
      headers: { 'xc-token': t.token, 'x-request-id': 'edge-7f3a:42' },
    });
    expect(sane.headers['x-request-id']).toBe('edge-7f3a:42');
    expect(completions('edge-7f3a:42')).toHaveLength(1);

    for (const bad of ['x'.repeat(129), 'has space', 'tab\there']) {
      const answer = await logged.app.inject({
        method: 'GET',
        url: '/api/v2/meta/bases',
        headers: { 'xc-token': t.token, 'x-request-id': bad },
      });
      expect(answer.headers['x-request-id']).toMatch(UUID);
      expect(logged.raw.join('')).not.toContain(bad);
    }
  });

  it('echoes the id and logs the line on refused and unknown requests too', async () => {
    const refused = await logged.app.inject({ method: 'GET', url: '/api/v2/meta/bases' });
    expect(refused.statusCode).toBe(401);
    const refusedId = String(refused.headers['x-request-id']);
    expect(completions(refusedId)[0]?.res).toEqual({ statusCode: 401 });

    const missing = await logged.app.inject({ method: 'GET', url: '/no/such/route' });
    expect(missing.statusCode).toBe(404);
    const missingId = String(missing.headers['x-request-id']);
    expect(completions(missingId)[0]?.req).toMatchObject({ method: 'GET', url: '/no/such/route' });
  });

  it('echoes the id on a 503 while the database is not ready', async () => {
    // A supervisor that was never started stays `connecting`.
    const connecting = superviseDatabase(t.store, { config: t.config.database });
    const app = await buildApp({ config: t.config, store: t.store, logger: false, database: connecting });
    try {
      const answer = await app.inject({
        method: 'GET',
        url: '/api/v2/meta/bases',
        headers: { 'xc-token': t.token, 'x-request-id': 'while-down-1' },
      });
      expect(answer.statusCode).toBe(503);
      expect(answer.headers['x-request-id']).toBe('while-down-1');
    } finally {
      await app.close();
    }
  });

  it('logs health probes at debug only', async () => {
    const health = await logged.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(health.statusCode).toBe(200);
    expect(completions(String(health.headers['x-request-id']))).toHaveLength(0);

    const verbose = await buildLoggedApp(t, 'debug');
    try {
      const probe = await verbose.app.inject({ method: 'GET', url: '/api/v1/health' });
      const line = verbose.lines().find((l) => l.reqId === probe.headers['x-request-id']);
      expect(line).toMatchObject({ level: 20, msg: 'request completed', res: { statusCode: 200 } });
    } finally {
      await verbose.app.close();
    }
  });

  it('never writes tokens, passwords, cookies or secrets, whatever a request carries', async () => {
    const secrets = {
      jwt: 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LWp3dC1ib2R5.sig-Zq81',
      bearer: 'bearer-secret-5c1e9d',
      cookie: 'cookie-secret-77ab20',
      password: 'P4ssw0rd-in-body-93c',
      bodyToken: 'body-token-e1f0aa',
      bodySecret: 'body-secret-0b7c44',
      queryToken: 'query-token-d2c9e8',
    };
    const withToken = { 'xc-token': t.token, cookie: `session=${secrets.cookie}` };
    const body = {
      title: 'Secretive',
      password: secrets.password,
      token: secrets.bodyToken,
      nested: { secret: secrets.bodySecret },
    };
    const answers = [
      await logged.app.inject({
        method: 'POST',
        url: '/api/v2/meta/bases',
        headers: withToken,
        payload: body,
      }),
      await logged.app.inject({
        method: 'GET',
        url: `/api/v2/meta/bases?token=${secrets.queryToken}&limit=5`,
        headers: withToken,
      }),
      // Refused credentials, a malformed body, an unknown route: failures are logged too.
      await logged.app.inject({
        method: 'GET',
        url: '/api/v2/meta/bases',
        headers: { 'xc-auth': secrets.jwt, cookie: `session=${secrets.cookie}` },
      }),
      await logged.app.inject({
        method: 'GET',
        url: '/api/v2/meta/bases',
        headers: { authorization: `Bearer ${secrets.bearer}` },
      }),
      await logged.app.inject({
        method: 'GET',
        url: '/api/v2/meta/bases',
        headers: { 'xc-token': secrets.bodyToken },
      }),
      await logged.app.inject({
        method: 'POST',
        url: '/api/v2/meta/bases',
        headers: { ...withToken, 'content-type': 'application/json' },
        payload: `{"password":"${secrets.password}",`,
      }),
      await logged.app.inject({ method: 'PATCH', url: '/nowhere', headers: withToken, payload: body }),
    ];
    expect(answers[1]?.statusCode).toBe(200);
    expect(answers[2]?.statusCode).toBe(401);
    expect(answers[4]?.statusCode).toBe(401);
    expect(answers[5]?.statusCode).toBe(400);
    expect(answers[6]?.statusCode).toBe(404);
    for (const answer of answers) expect(completions(String(answer.headers['x-request-id']))).toHaveLength(1);
    // Whatever else logs an object with headers or a body is redacted as well.
    logged.app.log.error(
      {
        req: { headers: { authorization: `Bearer ${secrets.bearer}`, 'xc-auth': secrets.jwt } },
        body,
        headers: { cookie: `session=${secrets.cookie}`, 'xc-token': t.token },
        password: secrets.password,
        user: { token: secrets.bodyToken },
      },
      'an object carrying credentials',
    );

    const written = logged.raw.join('');
    expect(logged.raw.length).toBeGreaterThan(5);
    for (const secret of [t.token, ...Object.values(secrets)]) expect(written).not.toContain(secret);
    expect(written).toContain('[Redacted]');
    const queryLine = logged
      .lines()
      .find((line) => line.msg === 'request completed' && line.req?.url?.startsWith('/api/v2/meta/bases?'));
    expect(queryLine?.req?.url).toBe('/api/v2/meta/bases?token=%5BRedacted%5D&limit=5');
  });
});
