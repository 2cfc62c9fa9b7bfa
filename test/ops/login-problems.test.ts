// Refused logins explained: a wrong password, a server that demands TLS, and a server without
// TLS, each named with its likely fix, and the password never shown.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type DatabaseConfig,
  databaseTarget,
  describeProblem,
  diagnoseDatabaseError,
  openStore,
} from '../../packages/store/src/index.ts';
import { type ControllablePostgres, createControllablePostgres } from './support/controllable-postgres.ts';
import { startTessera } from './support/tessera-process.ts';

let postgres: ControllablePostgres;

beforeAll(async () => {
  postgres = await createControllablePostgres();
  await postgres.start();
}, 60_000);

afterAll(async () => {
  await postgres?.dispose();
});

async function connectError(connectionString: string): Promise<unknown> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
  client.on('error', () => {});
  return client.connect().then(
    async () => {
      await client.end();
      throw new Error('the connection unexpectedly worked');
    },
    (error: unknown) => error,
  );
}

describe('a login the server refuses', () => {
  it('a wrong password: the server says so once per retry, without the password', async () => {
    const wrong = 'Wrong-Pa55word-here';
    const tessera = await startTessera({ DATABASE_URL: postgres.url({ password: wrong }) });
    try {
      const line = await tessera.waitForMessage(/^database not ready \(attempt 2,/);
      expect(line).toContain(
        'password authentication failed for user "postgres" (28P01): check the user name and password in DATABASE_URL',
      );
      const ready = await tessera.request('GET', '/api/v1/health/ready', undefined, { token: false });
      expect(ready.status).toBe(503);
      expect(ready.body.reason).toContain('28P01');
      expect(tessera.messages().join('\n')).not.toContain(wrong);
      expect(tessera.isRunning()).toBe(true);
    } finally {
      await tessera.dispose();
    }
  });

  it('sslmode=require against a server without TLS says to turn it off', async () => {
    const config: DatabaseConfig = {
      kind: 'postgres',
      connectionString: postgres.url({ query: '?sslmode=require' }),
      schema: 'tessera',
      poolSize: 1,
    };
    const store = openStore(config);
    const failure = await store.migrate().then(
      () => null,
      (error: unknown) => error,
    );
    await store.close();
    const problem = diagnoseDatabaseError(failure, databaseTarget(config));
    expect(problem?.kind).toBe('ssl-unsupported');
    expect(describeProblem(problem!)).toBe(
      `the database server at 127.0.0.1:${postgres.port} does not support SSL: set sslmode=disable in DATABASE_URL, or enable SSL on the server`,
    );
  });

  it('a server that refuses unencrypted connections says to add sslmode=require', async () => {
    await postgres.prependHbaRule('hostnossl all all all reject');
    await postgres.stop();
    await postgres.start();
    const url = postgres.url();
    const problem = diagnoseDatabaseError(
      await connectError(url),
      databaseTarget({ kind: 'postgres', connectionString: url, schema: 'tessera', poolSize: 1 }),
    );
    expect(problem?.kind).toBe('ssl-required');
    expect(describeProblem(problem!)).toMatch(/no encryption\): add \?sslmode=require to DATABASE_URL$/);
    expect(problem?.unavailable).toBe(true);
  });
});
