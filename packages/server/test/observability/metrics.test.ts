import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { buildLoggedApp, type LoggedApp } from './log-capture.ts';

/** The value of one sample line (`name{labels} value`) in a Prometheus text answer. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe.each(testDialects)('GET /metrics on %s', (dialect) => {
  let t: TestApp;
  let open: LoggedApp;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    open = await buildLoggedApp(t, 'silent');
  });
  afterAll(async () => {
    await open.app.close();
    await t.close();
  });

  const scrape = () => open.app.inject({ method: 'GET', url: '/metrics' });

  it('counts and times requests by method, route pattern and status class, never by raw URL', async () => {
    const created = await open.app.inject({
      method: 'POST',
      url: '/api/v2/meta/bases',
      headers: { 'xc-token': t.token },
      payload: { title: 'Measured' },
    });
    const baseId = JSON.parse(created.body).id as string;
    for (let i = 0; i < 3; i++)
      await open.app.inject({
        method: 'GET',
        url: `/api/v2/meta/bases/${baseId}`,
        headers: { 'xc-token': t.token },
      });
    await open.app.inject({ method: 'GET', url: `/api/v2/meta/bases/${baseId}` });
    await open.app.inject({ method: 'GET', url: `/no/such/${baseId}` });

    const answer = await scrape();
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = answer.body;
    const series = (labels: string) => `tessera_http_request_duration_seconds_count{${labels}}`;
    expect(sample(text, series('method="GET",route="/api/v2/meta/bases/:baseId",status_class="2xx"'))).toBe(
      3,
    );
    expect(sample(text, series('method="GET",route="/api/v2/meta/bases/:baseId",status_class="4xx"'))).toBe(
      1,
    );
    expect(sample(text, series('method="POST",route="/api/v2/meta/bases",status_class="2xx"'))).toBe(1);
    expect(sample(text, series('method="GET",route="unmatched",status_class="4xx"'))).toBe(1);
    expect(text).toContain(
      'tessera_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/api/v2/meta/bases/:baseId",status_class="2xx"}',
    );
    expect(text).not.toContain(baseId);
  });

  it('reports process memory, and the pool where there is one', async () => {
    const text = (await scrape()).body;
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(10 * 1024 * 1024);
    expect(sample(text, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    if (dialect === 'postgres') {
      expect(sample(text, 'tessera_db_pool_max_connections')).toBe(5);
      expect(sample(text, 'tessera_db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'tessera_db_pool_idle_connections')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'tessera_db_pool_waiting_requests')).toBe(0);
    } else {
      expect(text).not.toContain('tessera_db_pool_');
    }
  });

  it('without TESSERA_METRICS_TOKEN answers only direct connections from this machine', async () => {
    expect((await scrape()).statusCode).toBe(200);
    const ipv6 = await open.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' });
    expect(ipv6.statusCode).toBe(200);
    const remote = await open.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '10.0.0.7' });
    expect(remote.statusCode).toBe(403);
    expect(JSON.parse(remote.body).error).toBe('ERR_FORBIDDEN');
    for (const header of ['x-forwarded-for', 'forwarded', 'x-real-ip']) {
      const proxied = await open.app.inject({
        method: 'GET',
        url: '/metrics',
        headers: { [header]: '203.0.113.9' },
      });
      expect(proxied.statusCode).toBe(403);
    }
    // An API token is not a metrics credential.
    const withApiToken = await open.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '10.0.0.7',
      headers: { 'xc-token': t.token },
    });
    expect(withApiToken.statusCode).toBe(403);
  });

  it('with TESSERA_METRICS_TOKEN answers the bearer of that token, from anywhere', async () => {
    const token = 'metrics-token-4b1d9e0c77f2';
    const guarded = await buildLoggedApp(t, 'silent', { metricsToken: token });
    try {
      const call = (headers: Record<string, string>, remoteAddress = '10.0.0.7') =>
        guarded.app.inject({ method: 'GET', url: '/metrics', headers, remoteAddress });
      const none = await call({}, '127.0.0.1');
      expect(none.statusCode).toBe(401);
      expect(none.headers['www-authenticate']).toBe('Bearer realm="metrics"');
      expect(JSON.parse(none.body).error).toBe('ERR_AUTHENTICATION_REQUIRED');
      expect((await call({ authorization: `Bearer ${token}x` })).statusCode).toBe(401);
      expect((await call({ authorization: token })).statusCode).toBe(401);
      const allowed = await call({ authorization: `Bearer ${token}` });
      expect(allowed.statusCode).toBe(200);
      expect(allowed.body).toContain('# TYPE tessera_http_request_duration_seconds histogram');
    } finally {
      await guarded.app.close();
    }
  });
});
