// SIGKILL in the middle of bulk inserts: after a restart every request is wholly in or wholly
// out, and the kept row count (tessera_table_stats) equals the rows really there.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDriver from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ControllablePostgres, createControllablePostgres } from './support/controllable-postgres.ts';
import { createOpsTable, type OpsTable } from './support/ops-table.ts';
import { startTessera, type TesseraProcess } from './support/tessera-process.ts';

const batchSize = 1000;
const batches = 10;

let postgres: ControllablePostgres;
const dataDir = mkdtempSync(join(tmpdir(), 'tessera-crash-'));

beforeAll(async () => {
  postgres = await createControllablePostgres();
  await postgres.start();
}, 60_000);

afterAll(async () => {
  await postgres?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

interface Setup {
  readonly env: Record<string, string>;
  readonly dataDir: string;
  /** Runs one SQL query against the database directly. */
  query(text: string, parameters?: unknown[]): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

const setups: Record<'sqlite' | 'postgres', () => Promise<Setup>> = {
  async sqlite() {
    const dir = mkdtempSync(join(dataDir, 'sqlite-'));
    let driver: SqliteDriver.Database | undefined;
    return {
      env: {},
      dataDir: dir,
      async query(text, parameters = []) {
        driver ??= new SqliteDriver(join(dir, 'tessera.db'));
        return driver.prepare(text).all(...parameters) as Record<string, unknown>[];
      },
      async close() {
        driver?.close();
      },
    };
  },
  async postgres() {
    const schema = `crash_${randomBytes(4).toString('hex')}`;
    const client = new pg.Client({ connectionString: postgres.url() });
    await client.connect();
    await client.query(`set search_path = ${schema}`);
    return {
      env: { DATABASE_URL: postgres.url(), TESSERA_PG_SCHEMA: schema },
      dataDir: mkdtempSync(join(dataDir, 'pg-')),
      async query(text, parameters = []) {
        return (await client.query(text, parameters)).rows;
      },
      close: () => client.end(),
    };
  },
};

/** Sends every batch at once and SIGKILLs the server as soon as the first one is acknowledged. */
async function insertAndKill(tessera: TesseraProcess, table: OpsTable) {
  const acknowledged: number[] = [];
  let cutOff = 0;
  let killed = false;
  let firstAcknowledged: () => void = () => {};
  const first = new Promise<void>((resolve) => {
    firstAcknowledged = resolve;
  });
  const requests = Array.from({ length: batches }, async (_, batch) => {
    const body = Array.from({ length: batchSize }, (_, i) => ({ Tag: `b${batch}-${i}`, Batch: batch }));
    try {
      const reply = await tessera.request('POST', `/api/v2/tables/${table.id}/records`, body);
      if (reply.status !== 200)
        throw new Error(`batch ${batch}: ${reply.status} ${JSON.stringify(reply.body)}`);
      acknowledged.push(batch);
      firstAcknowledged();
    } catch (error) {
      if (!killed) throw error;
      cutOff += 1;
    }
  });
  await first;
  killed = true;
  tessera.kill('SIGKILL');
  await Promise.all(requests);
  expect(await tessera.exited).toEqual({ code: null, signal: 'SIGKILL' });
  return { acknowledged, cutOff };
}

describe.each(['sqlite', 'postgres'] as const)('SIGKILL during bulk inserts on %s', (dialect) => {
  it('leaves every request wholly in or wholly out, and the row count true', async () => {
    const setup = await setups[dialect]();
    let tessera = await startTessera(setup.env, setup.dataDir);
    try {
      await tessera.waitUntilReady();
      const table = await createOpsTable(tessera, 'Bulk Rows');
      const { acknowledged, cutOff } = await insertAndKill(tessera, table);
      expect(acknowledged.length).toBeGreaterThan(0);
      expect(cutOff).toBeGreaterThan(0);

      tessera = await startTessera(setup.env, setup.dataDir);
      await tessera.waitUntilReady();
      const batch = `"${table.columns.Batch}"`;
      const groups = await setup.query(
        `select ${batch} as batch, count(*) as n, count(distinct "${table.columns.Tag}") as tags from "${table.tableName}" group by ${batch}`,
      );
      const [{ n: total } = { n: 0 }] = await setup.query(`select count(*) as n from "${table.tableName}"`);
      const [{ n: kept } = { n: 0 }] = await setup.query(
        'select coalesce(sum(row_count), 0) as n from tessera_table_stats where table_id = $1'.replace(
          '$1',
          dialect === 'sqlite' ? '?' : '$1',
        ),
        [table.id],
      );

      expect(Number(total) % batchSize).toBe(0);
      expect(groups.length).toBe(Number(total) / batchSize);
      for (const group of groups) {
        expect(Number(group.n)).toBe(batchSize);
        expect(Number(group.tags)).toBe(batchSize);
      }
      const present = groups.map((g) => Number(g.batch));
      for (const done of acknowledged) expect(present).toContain(done);
      expect(Number(kept)).toBe(Number(total));
      const counted = await tessera.request('GET', `/api/v2/tables/${table.id}/records/count`);
      expect(counted.body).toEqual({ count: Number(total) });
    } finally {
      await tessera.dispose();
      await setup.close();
    }
  });
});
