// SIGTERM / SIGINT: stop accepting, finish the requests in flight, close the pool, exit 0;
// a second signal exits at once. Requests are held in flight by a table lock the test takes.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type ControllablePostgres, createControllablePostgres } from './support/controllable-postgres.ts';
import { createOpsTable, type OpsTable } from './support/ops-table.ts';
import { poll, type Reply, startTessera, type TesseraProcess } from './support/tessera-process.ts';

let postgres: ControllablePostgres;
let admin: pg.Client;
let tessera: TesseraProcess | undefined;

beforeAll(async () => {
  postgres = await createControllablePostgres();
  await postgres.start();
  admin = new pg.Client({ connectionString: postgres.url() });
  await admin.connect();
}, 60_000);

afterEach(async () => {
  await admin.query('rollback').catch(() => {});
  await tessera?.dispose();
  tessera = undefined;
});

afterAll(async () => {
  await admin?.end();
  await postgres?.dispose();
});

/** A ready server with an empty table, and `inFlight` record writes blocked on a lock the test holds. */
async function writesHeldInFlight(schema: string, inFlight: number) {
  tessera = await startTessera({ DATABASE_URL: postgres.url(), TESSERA_PG_SCHEMA: schema });
  await tessera.waitUntilReady();
  const table = await createOpsTable(tessera);
  // One write first, so the table's schema is cached and the held writes all reach the lock.
  const warmUp = await tessera.request('POST', `/api/v2/tables/${table.id}/records`, { Tag: 'warm-up' });
  expect(warmUp.status).toBe(200);
  await admin.query('begin');
  await admin.query(`lock table ${schema}."${table.tableName}" in exclusive mode`);
  const server = tessera;
  const writes = Array.from({ length: inFlight }, (_, i) =>
    server
      .request('POST', `/api/v2/tables/${table.id}/records`, [
        { Tag: `in-flight-${i}`, Batch: i },
        { Tag: `in-flight-${i}`, Batch: i },
      ])
      .then(
        (reply): Reply | Error => reply,
        (error: Error) => error,
      ),
  );
  // Writes queue behind the first one (on the lock, a pooled connection or the schema cache);
  // once one waits on the lock, the rest are inside the server too.
  await poll('a write waiting on the lock', async () => ((await lockWaiters()) > 0 ? true : undefined));
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { server, table, writes };
}

/** Sessions other than the test's own waiting on a lock. */
async function lockWaiters(): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    "select count(*) as n from pg_stat_activity where wait_event_type = 'Lock' and pid <> pg_backend_pid()",
  );
  return Number(rows[0]?.n);
}

async function rowCount(schema: string, table: OpsTable): Promise<number> {
  const { rows } = await admin.query<{ n: string }>(
    `select count(*) as n from ${schema}."${table.tableName}"`,
  );
  return Number(rows[0]?.n);
}

describe('graceful shutdown', () => {
  it('SIGTERM lets in-flight requests finish, refuses new connections, and exits 0', async () => {
    const { server, table, writes } = await writesHeldInFlight('shutdown_term', 3);

    server.kill('SIGTERM');
    await server.waitForMessage(/^SIGTERM received: finishing in-flight requests/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(server.isRunning()).toBe(true);
    await expect(server.request('GET', '/api/v1/health', undefined, { token: false })).rejects.toThrow();

    await admin.query('commit');
    const replies = await Promise.all(writes);
    for (const reply of replies) {
      expect(reply).not.toBeInstanceOf(Error);
      expect((reply as Reply).status).toBe(200);
      expect((reply as Reply).body).toHaveLength(2);
    }
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.messages()).toContain('shut down cleanly');
    expect(await rowCount('shutdown_term', table)).toBe(1 + 6);
  });

  it('a second signal exits at once, and the interrupted writes leave nothing behind', async () => {
    const { server, table, writes } = await writesHeldInFlight('shutdown_twice', 2);

    server.kill('SIGINT');
    await server.waitForMessage(/^SIGINT received: finishing in-flight requests/);
    server.kill('SIGINT');
    expect(await server.exited).toEqual({ code: 130, signal: null });
    for (const reply of await Promise.all(writes)) expect(reply).toBeInstanceOf(Error);

    await admin.query('commit');
    // PostgreSQL ends the dead sessions and rolls their transactions back.
    await poll('the interrupted sessions to end', async () =>
      (await lockWaiters()) === 0 ? true : undefined,
    );
    expect(await rowCount('shutdown_twice', table)).toBe(1);
  });
});
