import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testPostgresUrl } from '../../../../test/support/test-databases.ts';
import {
  type DatabaseConfig,
  type DatabaseEvent,
  type DatabaseStatus,
  type DatabaseSupervisor,
  latestSchemaVersion,
  openStore,
  superviseDatabase,
  type TesseraStore,
} from '../../src/index.ts';
import { type SwitchableProxy, switchableProxy } from './switchable-proxy.ts';

const fast = { initialMs: 20, maxMs: 40 };
let proxy: SwitchableProxy;
const cleanups: (() => Promise<void> | void)[] = [];

beforeAll(async () => {
  const target = new URL(testPostgresUrl());
  proxy = await switchableProxy(target.hostname, Number(target.port || 5432));
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await proxy.close();
});

afterAll(() => proxy.close());

/** A store on a fresh schema reached through the proxy, watched by a fast supervisor. */
function supervised(schema = `t_${randomBytes(6).toString('hex')}`) {
  const url = new URL(testPostgresUrl());
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  const config: DatabaseConfig = {
    kind: 'postgres',
    connectionString: url.toString(),
    schema,
    poolSize: 3,
    connectTimeoutMs: 1000,
  };
  let supervisor: DatabaseSupervisor | undefined;
  const store = openStore(config, (error) => supervisor?.observe(error));
  supervisor = superviseDatabase(store, { config, backoff: fast, pingTimeoutMs: 1000 });
  const events: DatabaseEvent[] = [];
  supervisor.subscribe((event) => events.push(event));
  cleanups.push(async () => {
    supervisor.stop();
    await store.close();
    const admin = new pg.Client({ connectionString: testPostgresUrl() });
    await admin.connect();
    await admin.query(`drop schema if exists "${schema}" cascade`);
    await admin.end();
  });
  return { supervisor, store, events, schema };
}

async function until(
  supervisor: DatabaseSupervisor,
  wanted: (status: DatabaseStatus) => boolean,
  timeoutMs = 10_000,
): Promise<DatabaseStatus> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = supervisor.status();
    if (wanted(status)) return status;
    if (Date.now() > deadline) throw new Error(`timed out; last status ${JSON.stringify(status)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('superviseDatabase', () => {
  it('retries an unreachable database with one explained line per attempt, then becomes ready', async () => {
    const { supervisor, events } = supervised();
    supervisor.start();
    expect(supervisor.status().state).toBe('connecting');
    await until(supervisor, (s) => s.attempts >= 3);
    const retries = events.filter((e) => e.kind === 'retrying');
    expect(retries.length).toBeGreaterThanOrEqual(3);
    expect(retries.map((e) => e.status.attempts).slice(0, 3)).toEqual([1, 2, 3]);
    expect(retries[0]?.level).toBe('warn');
    expect(retries[0]?.message).toMatch(
      new RegExp(
        `^database not ready \\(attempt 1, next try in 0\\.0 s\\): nothing listens at 127\\.0\\.0\\.1:${proxy.port} \\(ECONNREFUSED\\)`,
      ),
    );
    expect(supervisor.status()).toMatchObject({ state: 'connecting', problem: 'connection-refused' });
    expect((await supervisor.check()).state).toBe('connecting');

    await proxy.open();
    const ready = await until(supervisor, (s) => s.state === 'ready');
    expect(ready).toMatchObject({
      schemaVersion: latestSchemaVersion,
      reason: null,
      attempts: 0,
      retryInMs: null,
    });
    expect(events.at(-1)).toMatchObject({ kind: 'ready', level: 'info' });
    expect(events.at(-1)?.message).toContain(`schema version ${latestSchemaVersion}`);
  });

  it('notices a lost database from a failed query, refuses while down, and reconnects by itself', async () => {
    const { supervisor, store, events } = supervised();
    await proxy.open();
    supervisor.start();
    await until(supervisor, (s) => s.state === 'ready');

    await proxy.close();
    const failure = await sql`select 1`.execute(store.context.db).then(
      () => null,
      (error: unknown) => error,
    );
    expect(failure).not.toBeNull();
    supervisor.observe(failure);
    const down = await until(supervisor, (s) => s.state === 'down');
    expect(down.reason).toContain(`127.0.0.1:${proxy.port}`);
    expect(events.find((e) => e.kind === 'lost')?.message).toMatch(/^database connection lost \(next try in/);

    await proxy.open();
    await until(supervisor, (s) => s.state === 'ready');
    expect(events.at(-1)).toMatchObject({ kind: 'restored', level: 'info' });
    // The pool made new connections: queries work again on the same store.
    const rows = await sql<{ n: number }>`select 2 as n`.execute(store.context.db);
    expect(rows.rows[0]?.n).toBe(2);
  });

  it('a readiness check finds an outage no request has met yet', async () => {
    const { supervisor } = supervised();
    await proxy.open();
    supervisor.start();
    await until(supervisor, (s) => s.state === 'ready');
    await proxy.close();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const status = await supervisor.check();
    expect(status.state).toBe('down');
    expect(status.problem).not.toBeNull();
  });

  it('ignores errors that are not about the connection', async () => {
    const { supervisor, store } = supervised();
    await proxy.open();
    supervisor.start();
    await until(supervisor, (s) => s.state === 'ready');
    const failure = await sql`select * from no_such_table`.execute(store.context.db).catch((e: unknown) => e);
    supervisor.observe(failure);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(supervisor.status().state).toBe('ready');
  });

  it('a schema newer than this Tessera is reported once and not retried', async () => {
    const { supervisor, events, schema } = supervised();
    await proxy.open();
    const admin = new pg.Client({ connectionString: testPostgresUrl() });
    await admin.connect();
    await admin.query(`create schema "${schema}"`);
    await admin.query(
      `create table "${schema}".tessera_migrations (version integer primary key, name text not null, applied_at text not null)`,
    );
    await admin.query(`insert into "${schema}".tessera_migrations values (999, 'future', 'now')`);
    await admin.end();
    supervisor.start();
    const status = await until(supervisor, (s) => s.state === 'incompatible');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.map((e) => e.kind)).toEqual(['incompatible']);
    expect(events[0]?.level).toBe('error');
    expect(status.reason).toContain('version 999');
    expect(supervisor.status()).toMatchObject({ state: 'incompatible', retryInMs: null });
  });

  it('stop() ends the retries', async () => {
    const { supervisor, events } = supervised();
    supervisor.start();
    await until(supervisor, (s) => s.attempts >= 1);
    supervisor.stop();
    const seen = events.length;
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events.length).toBe(seen);
    expect(supervisor.status().retryInMs).toBeNull();
  });
});

describe('superviseDatabase on SQLite', () => {
  let store: TesseraStore;
  let drop: () => Promise<void>;
  afterEach(async () => {
    await store.close();
    await drop();
  });

  it('migrates and is ready at once', async () => {
    const database = await createTestDatabase('sqlite');
    drop = database.drop;
    store = openStore(database.config);
    const supervisor = superviseDatabase(store, { config: database.config });
    supervisor.start();
    const status = await until(supervisor, (s) => s.state === 'ready');
    expect(status.schemaVersion).toBe(latestSchemaVersion);
    expect((await supervisor.check()).state).toBe('ready');
    supervisor.stop();
  });
});
