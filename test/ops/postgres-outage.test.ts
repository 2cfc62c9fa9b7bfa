// PostgreSQL away at start, and PostgreSQL stopped under write load: the server keeps
// running (same process), answers 503 with Retry-After meanwhile (never 500), reconnects by
// itself, and no acknowledged write is lost.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { latestSchemaVersion } from '../../packages/store/src/index.ts';
import { type ControllablePostgres, createControllablePostgres } from './support/controllable-postgres.ts';
import { createOpsTable } from './support/ops-table.ts';
import { type Reply, startTessera, type TesseraProcess } from './support/tessera-process.ts';

const password = `Outage-${randomBytes(8).toString('hex')}`;
let postgres: ControllablePostgres;
let databaseUrl: string;
let tessera: TesseraProcess | undefined;

beforeAll(async () => {
  postgres = await createControllablePostgres();
  await postgres.start();
  const admin = new pg.Client({ connectionString: postgres.url() });
  await admin.connect();
  await admin.query(`create role tessera_app login password '${password}'`);
  await admin.query('grant create on database postgres to tessera_app');
  await admin.end();
  await postgres.stop();
  databaseUrl = postgres.url({ user: 'tessera_app', password });
}, 60_000);

afterEach(async () => {
  await tessera?.dispose();
  tessera = undefined;
});

afterAll(async () => {
  await postgres?.dispose();
});

function expectUnavailable(reply: Reply): void {
  expect(reply.status).toBe(503);
  expect(reply.body.error).toBe('ERR_DATABASE_UNAVAILABLE');
  expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
}

describe('PostgreSQL not running when Tessera starts', () => {
  it('serves liveness, 503 elsewhere, and becomes ready when PostgreSQL starts, without a restart', async () => {
    tessera = await startTessera({ DATABASE_URL: databaseUrl });
    const pid = tessera.pid;
    await tessera.waitForMessage(/^database not ready \(attempt 2,/);
    expect(tessera.messages()).toContainEqual(
      expect.stringMatching(
        new RegExp(
          `nothing listens at 127\\.0\\.0\\.1:${postgres.port} \\(ECONNREFUSED\\): is PostgreSQL running`,
        ),
      ),
    );

    expect((await tessera.request('GET', '/api/v1/health', undefined, { token: false })).status).toBe(200);
    const notReady = await tessera.request('GET', '/api/v1/health/ready', undefined, { token: false });
    expectUnavailableReadiness(notReady);
    expect((await tessera.request('GET', '/api/v1/ready', undefined, { token: false })).status).toBe(503);
    expectUnavailable(await tessera.request('GET', '/api/v2/meta/bases'));
    expectUnavailable(await tessera.request('POST', '/api/v2/meta/bases', { title: 'Too early' }));

    await postgres.start();
    await tessera.waitUntilReady();
    const ready = await tessera.request('GET', '/api/v1/health/ready', undefined, { token: false });
    expect(ready.body).toEqual({ status: 'ready', db: 'up', schemaVersion: latestSchemaVersion });
    expect(tessera.pid).toBe(pid);
    expect(tessera.isRunning()).toBe(true);
    const bases = await tessera.request('GET', '/api/v2/meta/bases');
    expect(bases.status).toBe(200);
    expect(tessera.messages()).toContainEqual(expect.stringMatching(/^database ready at schema version/));
    expect(tessera.messages().join('\n')).not.toContain(password);
  });
});

function expectUnavailableReadiness(reply: Reply): void {
  expect(reply.status).toBe(503);
  expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  expect(reply.body).toMatchObject({ status: 'not ready', db: 'down' });
  expect(reply.body.reason).toContain('ECONNREFUSED');
}

describe('PostgreSQL stopped under write load', () => {
  it('acknowledges only committed writes, answers 503 meanwhile, and recovers by itself', async () => {
    await postgres.start();
    tessera = await startTessera({ DATABASE_URL: databaseUrl });
    await tessera.waitUntilReady();
    const table = await createOpsTable(tessera);
    const pid = tessera.pid;

    const perRequest = 3;
    const acknowledged = new Map<string, number[]>();
    const refused: string[] = [];
    const statuses: number[] = [];
    let phase: 'before' | 'outage' | 'after' = 'before';
    const acknowledgedIn = { before: 0, outage: 0, after: 0 };
    let running = true;
    let sequence = 0;
    const writer = async (writerId: number) => {
      while (running) {
        const tag = `w${writerId}-${sequence++}`;
        const body = Array.from({ length: perRequest }, (_, i) => ({ Tag: tag, Batch: i }));
        const reply = await tessera!.request('POST', `/api/v2/tables/${table.id}/records`, body);
        statuses.push(reply.status);
        if (reply.status === 200) {
          acknowledged.set(
            tag,
            (reply.body as { Id: number }[]).map((r) => r.Id),
          );
          acknowledgedIn[phase] += 1;
        } else {
          expectUnavailable(reply);
          refused.push(tag);
          // A client honouring Retry-After would wait; a short pause keeps the test quick.
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      }
    };
    const writers = Array.from({ length: 8 }, (_, i) => writer(i));
    await new Promise((resolve) => setTimeout(resolve, 700));
    phase = 'outage';
    await postgres.stop();
    await tessera.waitForMessage(/^database connection lost/);
    await new Promise((resolve) => setTimeout(resolve, 700));
    await postgres.start();
    await tessera.waitForMessage(/^database reachable again/);
    phase = 'after';
    await new Promise((resolve) => setTimeout(resolve, 700));
    running = false;
    await Promise.all(writers);

    expect(new Set(statuses)).toEqual(new Set([200, 503]));
    expect(acknowledgedIn.before).toBeGreaterThan(0);
    expect(acknowledgedIn.after).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(tessera.pid).toBe(pid);
    expect(tessera.isRunning()).toBe(true);

    const client = new pg.Client({ connectionString: postgres.url() });
    await client.connect();
    const { rows } = await client.query<{ id: string; tag: string }>(
      `select "id", "${table.columns.Tag}" as tag from tessera."${table.tableName}"`,
    );
    const stats = await client.query<{ n: string }>(
      'select coalesce(sum(row_count), 0) as n from tessera.tessera_table_stats where table_id = $1',
      [table.id],
    );
    await client.end();

    // Every acknowledged write is there, by id and tag.
    const tagById = new Map(rows.map((r) => [Number(r.id), r.tag]));
    for (const [tag, ids] of acknowledged) {
      expect(ids).toHaveLength(perRequest);
      for (const id of ids) expect(tagById.get(id)).toBe(tag);
    }
    // Every request is wholly in or wholly out; rows beyond the acknowledged ones can only
    // come from requests answered 503 whose commit had already happened.
    const rowsByTag = new Map<string, number>();
    for (const row of rows) rowsByTag.set(row.tag, (rowsByTag.get(row.tag) ?? 0) + 1);
    for (const [tag, n] of rowsByTag) {
      expect(n).toBe(perRequest);
      expect(acknowledged.has(tag) || refused.includes(tag)).toBe(true);
    }
    expect(rows.length).toBeGreaterThanOrEqual(acknowledged.size * perRequest);
    expect(rows.length - acknowledged.size * perRequest).toBeLessThanOrEqual(refused.length * perRequest);
    expect(Number(stats.rows[0]?.n)).toBe(rows.length);
    const counted = await tessera.request('GET', `/api/v2/tables/${table.id}/records/count`);
    expect(counted.body).toEqual({ count: rows.length });
  });
});
