import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testPostgresUrl } from '../../../test/support/test-databases.ts';
import { instanceEnv, runInProcess, runTessera } from './support/run-tessera.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tessera-cli-doctor-'));
const cleanups: (() => Promise<void>)[] = [async () => rmSync(scratch, { recursive: true, force: true })];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Check {
  readonly name: string;
  readonly status: 'ok' | 'warn' | 'fail' | 'skip';
  readonly message: string;
  readonly fix?: string;
}

function byName(checks: readonly Check[]): Record<string, Check> {
  return Object.fromEntries(checks.map((c) => [c.name, c]));
}

function dataDir(): string {
  return mkdtempSync(join(scratch, 'data-'));
}

/** A PostgreSQL URL on the test server, with another database name or port. */
function postgresUrl(change: (url: URL) => void): string {
  const url = new URL(testPostgresUrl());
  change(url);
  return url.toString();
}

describe('tessera doctor', () => {
  it('passes on a healthy SQLite instance (child process) and checks every part', async () => {
    const dir = dataDir();
    const env = { TESSERA_DATA_DIR: dir };
    expect((await runTessera(['migrate', 'up'], env)).code).toBe(0);
    const run = await runTessera(['doctor'], env);
    expect(run.code).toBe(0);
    for (const name of [
      'configuration',
      'database file',
      'schema version',
      'data directory',
      'uploads folder',
      'free disk',
    ])
      expect(run.stdout).toMatch(new RegExp(`^ok {4}${name} `, 'm'));
    expect(run.stdout).toMatch(/All checks passed\.\n$/);
  });

  it('passes on PostgreSQL and reports reach, login, TLS and schema', async () => {
    const database = await createTestDatabase('postgres');
    cleanups.push(database.drop);
    const env = instanceEnv(database.config, dataDir());
    const before = await runInProcess(['doctor', '--json'], env);
    expect(before.code).toBe(0);
    expect(byName(before.json().checks)['schema version']).toMatchObject({ status: 'warn' });
    expect((await runInProcess(['migrate', 'up'], env)).code).toBe(0);

    const run = await runInProcess(['doctor', '--json'], env);
    expect(run.code).toBe(0);
    const checks = byName(run.json().checks);
    expect(run.json().ok).toBe(true);
    expect(checks['database host']).toMatchObject({ status: 'ok' });
    expect(checks['database port']?.message).toMatch(/accepts TCP connections/);
    expect(checks['credentials']?.message).toMatch(/^logged in as \S+ to database \S+ \(PostgreSQL \d+/);
    expect(checks['ssl']).toMatchObject({ status: 'ok' });
    expect(checks['schema version']).toMatchObject({
      status: 'ok',
      message: expect.stringMatching(/\(latest\)$/),
    });
  });

  it('exits 3 for a database host that does not resolve, says what to fix, and hides the password', async () => {
    const env = {
      DATABASE_URL: 'postgres://tessera:S3cret-doctor-pw@tessera-db.invalid:5432/tessera',
      TESSERA_DATA_DIR: dataDir(),
    };
    const run = await runTessera(['doctor'], env);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(
      /^FAIL {2}database host +database host "tessera-db\.invalid" does not resolve \(ENOTFOUND\)$/m,
    );
    expect(run.stdout).toMatch(/fix: is this container attached to the database's network/);
    expect(run.stdout).toMatch(/^skip {2}database port +not checked: the host does not resolve$/m);
    expect(run.stdout).toMatch(/^ok {4}data directory /m);
    expect(run.stdout).toMatch(/1 check failed\.\n$/);
    expect(`${run.stdout}${run.stderr}`).not.toContain('S3cret-doctor-pw');
  });

  it('names a port nobody listens on, and a database that does not exist', async () => {
    const refused = await runInProcess(['doctor', '--json'], {
      DATABASE_URL: postgresUrl((url) => {
        url.hostname = '127.0.0.1';
        url.port = '1';
      }),
      TESSERA_DATA_DIR: dataDir(),
    });
    expect(refused.code).toBe(3);
    expect(byName(refused.json().checks)['database port']).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('nothing listens at 127.0.0.1:1 (ECONNREFUSED)'),
      fix: expect.stringContaining('is PostgreSQL running'),
    });

    const missing = await runInProcess(['doctor', '--json'], {
      DATABASE_URL: postgresUrl((url) => {
        url.pathname = '/no_such_database_here';
      }),
      TESSERA_DATA_DIR: dataDir(),
    });
    expect(missing.code).toBe(3);
    const checks = byName(missing.json().checks);
    expect(checks['database port']).toMatchObject({ status: 'ok' });
    expect(checks['credentials']).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('database "no_such_database_here" does not exist'),
    });
    expect(checks['schema version']).toMatchObject({ status: 'skip' });
  });

  it('reports an invalid configuration and still checks the data directory', async () => {
    const file = join(scratch, 'a-file');
    writeFileSync(file, '');
    const run = await runInProcess(['doctor', '--json'], { TESSERA_DATA_DIR: file, PORT: 'eighty' });
    expect(run.code).toBe(3);
    const checks = byName(run.json().checks);
    expect(checks['configuration']).toMatchObject({ status: 'fail' });
    expect(checks['configuration']?.message).toContain('PORT must be an integer');
    expect(checks['data directory']).toMatchObject({ status: 'fail', message: `${file} is not a directory` });
  });
});
