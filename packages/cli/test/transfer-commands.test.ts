import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDialect } from '../../../test/support/test-databases.ts';
import type { DatabaseConfig } from '../../store/src/index.ts';
import {
  buildInstance,
  instanceDump,
  uploadsDump,
  writeUploads,
} from '../../store/test/transfer/instance-fixture.ts';
import { instanceEnv, runInProcess, runTessera } from './support/run-tessera.ts';

const scratch = mkdtempSync(join(tmpdir(), 'tessera-cli-transfer-'));
const cleanups: (() => Promise<void>)[] = [async () => rmSync(scratch, { recursive: true, force: true })];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

interface Instance {
  readonly config: DatabaseConfig;
  readonly dataDir: string;
  readonly env: Record<string, string>;
}

async function instance(dialect: TestDialect, withData: boolean): Promise<Instance> {
  const database = await createTestDatabase(dialect);
  cleanups.push(database.drop);
  const dataDir = mkdtempSync(join(scratch, 'data-'));
  if (withData) {
    await buildInstance(database.config, 25);
    writeUploads(dataDir);
  }
  return { config: database.config, dataDir, env: instanceEnv(database.config, dataDir) };
}

async function expectSameInstance(a: Instance, b: Instance): Promise<void> {
  expect(await instanceDump(b.config)).toEqual(await instanceDump(a.config));
  expect(await uploadsDump(b.dataDir)).toEqual(await uploadsDump(a.dataDir));
}

describe('tessera backup and restore', () => {
  it('SQLite backup → PostgreSQL restore, as child processes, gives the same instance', async () => {
    const source = await instance('sqlite', true);
    const file = join(scratch, 'sqlite.tessera.gz');
    const backup = await runTessera(['backup', file], source.env);
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(
      /^Backed up \d+ tables \(\d+ rows\) and 3 uploaded files .* to .*sqlite\.tessera\.gz/,
    );
    // Not a terminal: progress comes as plain lines on stderr.
    expect(backup.stderr).toMatch(/^backing up: 100% \(/m);
    expect(backup.stderr).not.toContain('\r');

    const target = await instance('postgres', false);
    const restore = await runTessera(['restore', file], target.env);
    expect(restore.code).toBe(0);
    expect(restore.stdout).toMatch(/^Restored: sqlite \(schema \d+\) → postgres \(schema \d+\)/);
    expect(restore.stdout).toMatch(/^ {2}everything +25 +25 {2}ok$/m);
    expect(restore.stdout).toMatch(/Verified: \d+ tables \(\d+ rows\) and 3 files match\./);
    await expectSameInstance(source, target);

    // A second restore is refused (exit 1), then replaces everything with --force.
    const refused = await runTessera(['restore', file], target.env);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/The target is not empty: .*Pass --force/);
    const forced = await runTessera(['restore', file, '--force', '--json'], target.env);
    expect(forced.code).toBe(0);
    expect(forced.json()).toMatchObject({ ok: true, target: { dialect: 'postgres' } });
    await expectSameInstance(source, target);
  });

  it('PostgreSQL backup → PostgreSQL and SQLite restores give the same instance', async () => {
    const source = await instance('postgres', true);
    const file = join(scratch, 'postgres.tessera.gz');
    const backup = await runInProcess(['backup', file, '--json'], source.env);
    expect(backup.code).toBe(0);
    expect(backup.json()).toMatchObject({ ok: true, source: { dialect: 'postgres' }, files: { count: 3 } });
    expect(backup.stderr).toBe('');
    for (const dialect of ['postgres', 'sqlite'] as const) {
      const target = await instance(dialect, false);
      const restore = await runInProcess(['restore', file, '--json'], target.env);
      expect(restore.code).toBe(0);
      expect(restore.json().tables.every((t: { ok: boolean }) => t.ok)).toBe(true);
      await expectSameInstance(source, target);
    }
  });

  it('exits 3 and commits nothing when the archive does not verify', async () => {
    const source = await instance('sqlite', true);
    const file = join(scratch, 'tampered.tessera.gz');
    expect((await runInProcess(['backup', file], source.env)).code).toBe(0);
    const lines = gunzipSync(readFileSync(file)).toString('utf8').split('\n');
    const at = lines.findIndex((l) => l.includes('"row 5"'));
    lines[at] = lines[at]!.replace('"row 5"', '"row five"');
    writeFileSync(file, gzipSync(lines.join('\n')));

    const target = await instance('sqlite', false);
    const run = await runTessera(['restore', file, '--json'], target.env);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('The target differs from the source in everything; nothing was committed');
    const output = run.json();
    expect(output).toMatchObject({ ok: false, code: 'verification-failed' });
    expect(output.report.tables.find((t: { name: string }) => t.name === 'everything')).toMatchObject({
      rows: 25,
      targetRows: 25,
      ok: false,
    });
    expect(await instanceDump(target.config)).toEqual([]);
  });

  it('exits 1 for a file that is not an archive', async () => {
    const target = await instance('sqlite', false);
    const file = join(scratch, 'not-an-archive.txt');
    writeFileSync(file, 'hello');
    const run = await runInProcess(['restore', file], target.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/not a readable Tessera archive|not a Tessera archive/);
  });
});

describe('tessera copy-db', () => {
  it('SQLite → PostgreSQL → SQLite gives identical data and uploads, verified table by table', async () => {
    const source = await instance('sqlite', true);
    const pg = await instance('postgres', false);
    const toPg = await runTessera(
      [
        'copy-db',
        '--to',
        pg.config.kind === 'postgres' ? pg.config.connectionString : '',
        '--to-schema',
        pg.env.TESSERA_PG_SCHEMA!,
        '--to-data-dir',
        pg.dataDir,
      ],
      source.env,
    );
    expect(toPg.code).toBe(0);
    expect(toPg.stderr).toMatch(/^copying sqlite .* → postgres/);
    expect(toPg.stderr).toMatch(/^verifying: 100% /m);
    expect(toPg.stdout).toMatch(/^Copied: sqlite \(schema \d+\) → postgres \(schema \d+\)/);
    expect(toPg.stdout).toMatch(/^ {2}uploaded files .* ok$/m);
    await expectSameInstance(source, pg);

    const back = await instance('sqlite', false);
    const file = back.config.kind === 'sqlite' ? back.config.file : '';
    const toSqlite = await runInProcess(
      ['copy-db', '--to', `sqlite:${file}`, '--to-data-dir', back.dataDir, '--json'],
      pg.env,
    );
    expect(toSqlite.code).toBe(0);
    const report = toSqlite.json();
    expect(report).toMatchObject({
      ok: true,
      source: { dialect: 'postgres' },
      target: { dialect: 'sqlite' },
    });
    expect(report.tables.find((t: { name: string }) => t.name === 'everything')).toMatchObject({
      rows: 25,
      targetRows: 25,
    });
    await expectSameInstance(source, back);

    // The target now holds data: a second copy is refused unless forced.
    const again = await runInProcess(['copy-db', '--to', `sqlite:${file}`], pg.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    expect((await runInProcess(['copy-db', '--to', `sqlite:${file}`, '--force'], pg.env)).code).toBe(0);
  });

  it('refuses a bad --to URL with exit 1 and never prints its password', async () => {
    const source = await instance('sqlite', false);
    const run = await runInProcess(['copy-db', '--to', 'mysql://root:hunter2@db/x'], source.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--to uses the unsupported scheme "mysql:"');
    expect(run.stderr).not.toContain('hunter2');
  });
});
