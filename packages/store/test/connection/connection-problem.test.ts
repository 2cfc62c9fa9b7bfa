import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TesseraError } from '@tessera/core';
import SqliteDriver from 'better-sqlite3';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { testPostgresUrl } from '../../../../test/support/test-databases.ts';
import {
  type DatabaseConfig,
  databaseTarget,
  describeProblem,
  diagnoseDatabaseError,
  isDatabaseUnavailable,
  redactSecrets,
} from '../../src/index.ts';

/** The error a real connection attempt fails with. */
async function connectError(connectionString: string, timeoutMs = 2000): Promise<unknown> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    return error;
  } finally {
    await client.end().catch(() => {});
  }
  throw new Error(`connecting to ${connectionString} unexpectedly worked`);
}

function postgres(connectionString: string): DatabaseConfig {
  return { kind: 'postgres', connectionString, schema: 'tessera', poolSize: 1 };
}

const servers: Server[] = [];
/** A local TCP server doing `onConnection` to every client; resolves to its port. */
async function tcpServer(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer(onConnection);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : 0;
}

async function closedPort(): Promise<number> {
  const port = await tcpServer(() => {});
  const server = servers.pop()!;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

afterAll(async () => {
  for (const server of servers) server.close();
});

describe('diagnoseDatabaseError on real connection failures', () => {
  it('a host that does not resolve names the host and the network', async () => {
    const url = 'postgres://tessera:s3cret-pw@tessera-db.invalid:5432/app';
    const error = await connectError(url);
    const problem = diagnoseDatabaseError(error, databaseTarget(postgres(url)));
    expect(problem?.kind).toBe('host-not-found');
    expect(describeProblem(problem!)).toBe(
      'database host "tessera-db.invalid" does not resolve (ENOTFOUND): ' +
        "is this container attached to the database's network, and is the host name in DATABASE_URL right?",
    );
    expect(problem?.unavailable).toBe(true);
    // Without a target, the host comes from the error itself.
    expect(diagnoseDatabaseError(error)?.cause).toContain('"tessera-db.invalid"');
  });

  it('a port nothing listens on is ECONNREFUSED at host:port', async () => {
    const port = await closedPort();
    const url = `postgres://tessera:pw@127.0.0.1:${port}/app`;
    const problem = diagnoseDatabaseError(await connectError(url), databaseTarget(postgres(url)));
    expect(problem?.kind).toBe('connection-refused');
    expect(problem?.cause).toBe(`nothing listens at 127.0.0.1:${port} (ECONNREFUSED)`);
    expect(problem?.fix).toContain('is PostgreSQL running');
  });

  it('localhost refusing on every address (an AggregateError) is still ECONNREFUSED', async () => {
    const port = await closedPort();
    const problem = diagnoseDatabaseError(await connectError(`postgres://u@localhost:${port}/app`));
    expect(problem?.kind).toBe('connection-refused');
    expect(problem?.cause).toContain(String(port));
  });

  it('a server that never answers is a timeout', async () => {
    const port = await tcpServer(() => {});
    const url = `postgres://u@127.0.0.1:${port}/app`;
    const problem = diagnoseDatabaseError(await connectError(url, 200), databaseTarget(postgres(url)));
    expect(problem?.kind).toBe('timeout');
    expect(problem?.cause).toContain(`127.0.0.1:${port}`);
    expect(problem?.fix).toContain('TESSERA_PG_CONNECT_TIMEOUT_MS');
  });

  it('a server that hangs up is a lost connection', async () => {
    const port = await tcpServer((socket) => socket.destroy());
    const problem = diagnoseDatabaseError(await connectError(`postgres://u@127.0.0.1:${port}/app`));
    expect(problem?.kind).toBe('connection-lost');
    expect(problem?.unavailable).toBe(true);
  });

  it('a database that does not exist is 3D000, named', async () => {
    const url = new URL(testPostgresUrl());
    url.pathname = '/tessera_no_such_db';
    const problem = diagnoseDatabaseError(
      await connectError(url.toString()),
      databaseTarget(postgres(url.toString())),
    );
    expect(problem?.kind).toBe('database-not-found');
    expect(problem?.cause).toContain('database "tessera_no_such_db" does not exist');
  });

  it('a locked SQLite file is unavailable for now', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-busy-'));
    const file = join(dir, 'busy.db');
    const holder = new SqliteDriver(file);
    const other = new SqliteDriver(file, { timeout: 0 });
    try {
      holder.exec('create table t (x integer); begin immediate; insert into t values (1)');
      let caught: unknown;
      try {
        other.exec('insert into t values (2)');
      } catch (error) {
        caught = error;
      }
      expect(diagnoseDatabaseError(caught)?.kind).toBe('database-locked');
      expect(isDatabaseUnavailable(caught)).toBe(true);
    } finally {
      holder.close();
      other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('isDatabaseUnavailable', () => {
  it('is false for errors that are not about the connection', async () => {
    const client = new pg.Client({ connectionString: testPostgresUrl() });
    await client.connect();
    let syntax: unknown;
    try {
      await client.query('select from where');
    } catch (error) {
      syntax = error;
    } finally {
      await client.end();
    }
    expect(isDatabaseUnavailable(syntax)).toBe(false);
    expect(isDatabaseUnavailable(new TesseraError('ERR_UNKNOWN_FIELD', 'nope'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('boom'))).toBe(false);
    for (const value of [null, undefined, 'ECONNREFUSED', 42])
      expect(isDatabaseUnavailable(value)).toBe(false);
  });

  it('follows the cause of a wrapped error', async () => {
    const port = await closedPort();
    const wrapped = new Error('request failed', {
      cause: await connectError(`postgres://u@127.0.0.1:${port}/a`),
    });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });
});

describe('no password in any message', () => {
  it('redacts URL passwords a driver message might quote', () => {
    expect(redactSecrets('cannot reach postgres://app:hunter2@db:5432/x now')).toBe(
      'cannot reach postgres://app:***@db:5432/x now',
    );
    const problem = diagnoseDatabaseError(new Error('Connection terminated: postgres://app:hunter2@db/x'));
    expect(problem?.cause).not.toContain('hunter2');
  });

  it('the target never carries the password', () => {
    const target = databaseTarget(postgres('postgres://app:hunter2@db.internal:6543/main?sslmode=require'));
    expect(target).toEqual({ host: 'db.internal', port: 6543, database: 'main', user: 'app' });
    expect(databaseTarget({ kind: 'sqlite', file: '/tmp/x.db' })).toEqual({});
  });
});
