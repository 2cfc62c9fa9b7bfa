// Two real Tessera processes on one PostgreSQL schema with REDIS_URL: a WebSocket on process B
// sees writes made through process A at once through Redis, and by polling while Redis is away.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTessera, type TesseraProcess } from '../../../../test/ops/support/tessera-process.ts';
import { testPostgresUrl } from '../../../../test/support/test-databases.ts';
import { connectFeed, type FeedClient } from './support/feed-client.ts';
import { createTestRedis, redisServerAvailable, type TestRedis } from './support/test-redis.ts';

/**
 * While Redis is up a process polls only every 15 s, so of several writes in a row each seen
 * within this, at most one can have been found by a poll: the others came through Redis.
 */
const THROUGH_REDIS_MS = 3000;

describe.skipIf(!redisServerAvailable())('realtime fan-out between processes through Redis', () => {
  const schema = `t_fanout_${randomBytes(4).toString('hex')}`;
  const token = randomBytes(30).toString('hex');
  let redis: TestRedis;
  let a: TesseraProcess;
  let b: TesseraProcess;
  let aUrl: string;
  let bUrl: string;
  let baseId: string;
  let tableId: string;
  let client: FeedClient;

  /** A JSON request with the shared token; the parsed body of a 200 answer. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  const call = async (server: string, method: string, path: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${server}${path}`, {
      method,
      headers: { 'xc-token': token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const parsed = await response.json();
    expect(response.status, JSON.stringify(parsed)).toBe(200);
    return parsed;
  };

  beforeAll(async () => {
    redis = await createTestRedis();
    await redis.start();
    // Both register the same bootstrap token (a different one would replace the other's).
    const env = {
      DATABASE_URL: testPostgresUrl(),
      TESSERA_PG_SCHEMA: schema,
      REDIS_URL: redis.url,
      TESSERA_BOOTSTRAP_TOKEN: token,
    };
    a = await startTessera(env);
    b = await startTessera(env);
    await Promise.all([a.waitUntilReady(), b.waitUntilReady()]);
    const urlOf = async (server: TesseraProcess) =>
      /listening at (http:\/\/\S+)/.exec(await server.waitForMessage(/listening at http:/))?.[1] as string;
    aUrl = await urlOf(a);
    bUrl = await urlOf(b);
    for (const server of [a, b]) await server.waitForMessage(/news from other processes comes through Redis/);
    baseId = (await call(aUrl, 'POST', '/api/v2/meta/bases', { title: 'Fan-out' })).id;
    tableId = (
      await call(aUrl, 'POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'Items',
        columns: [{ title: 'Tag', uidt: 'SingleLineText' }],
      })
    ).id;
    client = await connectFeed(bUrl, { 'xc-token': token });
    client.send({ type: 'subscribe', baseId });
    await client.next((m) => m.type === 'subscribed');
  }, 60_000);

  afterAll(async () => {
    await client?.close();
    await a?.dispose();
    await b?.dispose();
    await redis?.stop();
    const admin = new pg.Client({ connectionString: testPostgresUrl() });
    await admin.connect();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });

  /** Writes one record through A; resolves with how long B's socket took to see it. */
  const writeThroughA = async (tag: string): Promise<number> => {
    const seen = client.events().length;
    const started = Date.now();
    await call(aUrl, 'POST', `/api/v2/tables/${tableId}/records`, { Tag: tag });
    const events = await client.waitForEvents(seen + 1, 10_000);
    expect(events.at(-1)?.rows[0].Tag).toBe(tag);
    return Date.now() - started;
  };

  it('shows a socket on B the writes made through A, at once', async () => {
    for (let i = 0; i < 4; i++) expect(await writeThroughA(`live ${i}`)).toBeLessThan(THROUGH_REDIS_MS);
    // B's long poll is woken the same way.
    const latest = client.events().at(-1)?.seq as number;
    const response = call(bUrl, 'GET', `/api/v2/meta/bases/${baseId}/events?after=${latest}&wait=20`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await writeThroughA('polled');
    const page = await response;
    expect(page.list.map((e: { rows: { Tag: string }[] }) => e.rows[0]?.Tag)).toEqual(['polled']);
    expect(Date.now() - started).toBeLessThan(THROUGH_REDIS_MS * 2);
  });

  it('keeps writes working and B informed by polling while Redis is away, and uses it again once back', async () => {
    await redis.stop();
    await b.waitForMessage(/Redis at redis:\/\/127\.0\.0\.1:\d+ is unreachable/);
    // Writes through A still succeed; B's socket hears of them by polling (every 1.5 s).
    expect(await writeThroughA('while Redis is away')).toBeLessThan(5000);
    expect(await writeThroughA('still away')).toBeLessThan(5000);
    const outageLines = b.messages().filter((line) => /is unreachable/.test(line));
    expect(outageLines).toHaveLength(1);

    await redis.start();
    for (const server of [a, b]) await server.waitForMessage(/Redis is reachable again/, 15_000);
    for (let i = 0; i < 3; i++) expect(await writeThroughA(`back ${i}`)).toBeLessThan(THROUGH_REDIS_MS);
    expect(client.events().map((e) => e.seq)).toEqual(
      Array.from({ length: client.events().length }, (_, i) => i + 1),
    );
  }, 60_000);
});
