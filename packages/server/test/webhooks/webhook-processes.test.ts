// Real server processes (node packages/server/src/main.ts): a SIGKILL in the middle of a
// delivery loses nothing (the restarted server sends it again with the same delivery id), and
// two processes on one PostgreSQL send each event exactly once.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { createOpsTable } from '../../../../test/ops/support/ops-table.ts';
import { startTessera, type TesseraProcess } from '../../../../test/ops/support/tessera-process.ts';
import { testPostgresUrl } from '../../../../test/support/test-databases.ts';
import { type Received, startReceiver } from './support/webhook-receiver.ts';

/** Short timeout (so a dead process's lease, 2 × timeout + 1 s, runs out in 3 s) and a tight poll. */
const WEBHOOK_ENV = {
  TESSERA_WEBHOOK_TIMEOUT_MS: '1000',
  TESSERA_WEBHOOK_POLL_MS: '50',
  TESSERA_WEBHOOK_RETRY_BASE_MS: '100',
  TESSERA_WEBHOOK_RETRY_MAX_MS: '500',
};

const schemas: string[] = [];
const dirs: string[] = [];

/** A fresh database for the servers to share: a SQLite data dir, or a PostgreSQL schema. */
function database(dialect: 'sqlite' | 'postgres'): { env: Record<string, string>; dataDir?: string } {
  if (dialect === 'sqlite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-hooks-'));
    dirs.push(dataDir);
    return { env: {}, dataDir };
  }
  const schema = `hooks_${randomBytes(5).toString('hex')}`;
  schemas.push(schema);
  return { env: { DATABASE_URL: testPostgresUrl(), TESSERA_PG_SCHEMA: schema } };
}

afterAll(async () => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: testPostgresUrl() });
  await client.connect();
  for (const schema of schemas) await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

async function createHook(tessera: TesseraProcess, tableId: string, url: string): Promise<string> {
  const reply = await tessera.request('POST', `/api/v2/meta/tables/${tableId}/hooks`, {
    title: 'pipeline',
    operation: ['insert'],
    version: 'v3',
    notification: { type: 'URL', payload: { method: 'POST', path: url } },
  });
  if (reply.status !== 200)
    throw new Error(`creating the hook: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.id;
}

async function insert(tessera: TesseraProcess, tableId: string, tag: string): Promise<number> {
  const reply = await tessera.request('POST', `/api/v2/tables/${tableId}/records`, { Tag: tag });
  if (reply.status !== 200) throw new Error(`insert ${tag}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body.Id;
}

const tagOf = (request: Received): string => request.json.data.rows[0].Tag;

describe.each(['sqlite', 'postgres'] as const)('webhooks across a SIGKILL on %s', (dialect) => {
  it('sends the delivery in flight again with the same id after a restart, and every later one', async () => {
    const receiver = await startReceiver();
    const { env, dataDir } = database(dialect);
    let tessera = await startTessera({ ...env, ...WEBHOOK_ENV }, dataDir);
    try {
      await tessera.waitUntilReady();
      const table = await createOpsTable(tessera);
      // The first request is held (never answered) so the server dies with it in flight.
      receiver.answer('/pipeline', (_request, index) =>
        index === 0 ? { status: 200, delayMs: 60_000 } : { status: 200 },
      );
      await createHook(tessera, table.id, receiver.url('/pipeline'));
      for (const tag of ['a1', 'a2', 'a3', 'a4']) await insert(tessera, table.id, tag);
      await receiver.waitFor('the first delivery in flight', (r) => r.length === 1);
      tessera.kill('SIGKILL');
      expect(await tessera.exited).toEqual({ code: null, signal: 'SIGKILL' });

      tessera = await startTessera({ ...env, ...WEBHOOK_ENV }, dataDir);
      await tessera.waitUntilReady();
      for (const tag of ['b1', 'b2']) await insert(tessera, table.id, tag);
      await receiver.waitFor(
        'six distinct deliveries',
        () => receiver.distinct('/pipeline').length === 6,
        20_000,
      );
      await new Promise((resolve) => setTimeout(resolve, 300));

      const requests = receiver.at('/pipeline');
      const distinct = receiver.distinct('/pipeline');
      // What a receiver de-duplicating by X-Tessera-Delivery sees: each event once, in order.
      expect(distinct.map(tagOf)).toEqual(['a1', 'a2', 'a3', 'a4', 'b1', 'b2']);
      // At least once: the delivery cut off by the kill came again, with the same id.
      const first = requests.filter((r) => r.deliveryId === distinct[0]?.deliveryId);
      expect(first.length).toBe(2);
      expect(first.map((r) => r.headers['x-tessera-attempt'])).toEqual(['1', '2']);
      expect(first[1]?.body).toBe(first[0]?.body);
      expect(requests.length).toBe(7);
    } finally {
      await tessera.dispose();
      await receiver.close();
    }
  }, 60_000);
});

describe('webhooks across a SIGTERM', () => {
  it('waits for the send in flight and records it, so nothing is sent again after a restart', async () => {
    const receiver = await startReceiver();
    const { env, dataDir } = database('sqlite');
    let tessera = await startTessera({ ...env, ...WEBHOOK_ENV }, dataDir);
    try {
      await tessera.waitUntilReady();
      const table = await createOpsTable(tessera);
      receiver.answer('/graceful', () => ({ status: 200, delayMs: 700, body: 'taken' }));
      const hookId = await createHook(tessera, table.id, receiver.url('/graceful'));
      await insert(tessera, table.id, 'last words');
      await receiver.waitFor('the delivery in flight', (r) => r.length === 1);
      tessera.kill('SIGTERM');
      expect(await tessera.exited).toEqual({ code: 0, signal: null });

      tessera = await startTessera({ ...env, ...WEBHOOK_ENV }, dataDir);
      await tessera.waitUntilReady();
      const log = await tessera.request('GET', `/api/v2/meta/hooks/${hookId}/logs`);
      expect(log.body.list).toEqual([
        expect.objectContaining({ status: 'succeeded', attempts: 1, response: 'taken' }),
      ]);
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(receiver.at('/graceful')).toHaveLength(1);
    } finally {
      await tessera.dispose();
      await receiver.close();
    }
  }, 60_000);
});

describe('two server processes on one PostgreSQL', () => {
  it('send each event exactly once', async () => {
    const receiver = await startReceiver();
    const { env } = database('postgres');
    const token = randomBytes(30).toString('hex');
    const shared = {
      ...env,
      ...WEBHOOK_ENV,
      REDIS_URL: 'redis://127.0.0.1:6379',
      TESSERA_BOOTSTRAP_TOKEN: token,
    };
    const started: TesseraProcess[] = [];
    try {
      for (let i = 0; i < 2; i += 1) started.push(await startTessera(shared));
      const [one, two] = started as [TesseraProcess, TesseraProcess];
      await Promise.all([one.waitUntilReady(), two.waitUntilReady()]);
      const table = await createOpsTable(one);
      // A little slow, so both processes poll and claim while deliveries are in flight.
      receiver.answer('/both', () => ({ status: 200, delayMs: 5 }));
      receiver.answer('/second', () => ({ status: 200, delayMs: 5 }));
      await createHook(two, table.id, receiver.url('/both'));
      await createHook(one, table.id, receiver.url('/second'));
      const tags = Array.from({ length: 40 }, (_, i) => `t${i}`);
      await Promise.all(tags.map((tag, i) => insert(i % 2 === 0 ? one : two, table.id, tag)));
      for (const path of ['/both', '/second'])
        await receiver.waitFor(
          `40 deliveries to ${path}`,
          () => receiver.distinct(path).length === 40,
          20_000,
        );
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const path of ['/both', '/second']) {
        const requests = receiver.at(path);
        expect(requests.length).toBe(40);
        expect(new Set(requests.map((r) => r.deliveryId)).size).toBe(40);
        expect(requests.map(tagOf).sort()).toEqual([...tags].sort());
      }
      const hookId = receiver.at('/both')[0]?.headers['x-tessera-hook'];
      const log = await one.request('GET', `/api/v2/meta/hooks/${hookId}/logs?limit=100`);
      expect(log.body.list.map((e: { attempts: number }) => e.attempts)).toEqual(Array(40).fill(1));
      // Both processes took part: each attempt names the process that made it.
      const senders = new Set<string>();
      for (const entry of log.body.list as { id: string }[]) {
        const detail = await two.request('GET', `/api/v2/meta/hooks/${hookId}/logs/${entry.id}`);
        for (const attempt of detail.body.attempt_log as { sent_by: string }[])
          senders.add(attempt.sent_by.split(':')[1] ?? '');
      }
      expect(senders).toEqual(new Set([String(one.pid), String(two.pid)]));
    } finally {
      await Promise.all(started.map((tessera) => tessera.dispose()));
      await receiver.close();
    }
  }, 60_000);
});
