import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDialect } from '../../../../test/support/test-databases.ts';
import {
  backupInstance,
  copyInstance,
  type DatabaseConfig,
  openStore,
  restoreInstance,
  TransferError,
} from '../../src/index.ts';
import { buildInstance, instanceDump, nextRecordId, uploadsDump, writeUploads } from './instance-fixture.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const scratch = mkdtempSync(join(tmpdir(), 'tessera-transfer-'));
cleanups.push(async () => rmSync(scratch, { recursive: true, force: true }));

async function database(dialect: TestDialect): Promise<DatabaseConfig> {
  const created = await createTestDatabase(dialect);
  cleanups.push(created.drop);
  return created.config;
}

function dataDir(): string {
  return mkdtempSync(join(scratch, 'data-'));
}

/** An instance with data and uploads, built once per dialect. */
const sources = new Map<TestDialect, Promise<{ config: DatabaseConfig; dataDir: string; tableId: string }>>();
function source(dialect: TestDialect) {
  let found = sources.get(dialect);
  if (!found) {
    found = (async () => {
      const config = await database(dialect);
      const dir = dataDir();
      const { tableId } = await buildInstance(config);
      writeUploads(dir);
      return { config, dataDir: dir, tableId };
    })();
    sources.set(dialect, found);
  }
  return found;
}

function archiveLines(file: string): string[] {
  return gunzipSync(readFileSync(file)).toString('utf8').split('\n');
}

function writeArchiveLines(file: string, lines: readonly string[]): void {
  writeFileSync(file, gzipSync(lines.join('\n')));
}

describe.each([
  ['sqlite', 'sqlite'],
  ['postgres', 'postgres'],
  ['sqlite', 'postgres'],
] as const)('backup from %s, restore into %s', (from, to) => {
  it('gives the same instance, row by row, with its uploads and its next record id', async () => {
    const src = await source(from);
    const file = join(scratch, `${from}-${to}.tessera.gz`);
    const backup = await backupInstance(src.config, { file, dataDir: src.dataDir });
    expect(backup.ok).toBe(true);
    expect(backup.tables.find((t) => t.name === 'everything')?.rows).toBe(40);
    expect(backup.files).toMatchObject({ included: true, count: 3 });

    const target = await database(to);
    const targetDir = dataDir();
    const report = await restoreInstance(target, { file, dataDir: targetDir });
    expect(report.ok).toBe(true);
    expect(report.tables.every((t) => t.targetRows === t.rows && t.targetChecksum === t.checksum)).toBe(true);
    expect(await instanceDump(target)).toEqual(await instanceDump(src.config));
    expect(await uploadsDump(targetDir)).toEqual(await uploadsDump(src.dataDir));
    expect(Object.keys(await uploadsDump(targetDir))).toHaveLength(3);
    // Both continue past the deleted records' ids, and agree.
    expect(await nextRecordId(target, src.tableId)).toBe(43);
  });
});

describe('copy between databases', () => {
  it('SQLite → PostgreSQL → SQLite gives identical data and uploads, with equal checksums', async () => {
    const src = await source('sqlite');
    const pg = await database('postgres');
    const pgDir = dataDir();
    const first = await copyInstance(src.config, pg, { fromDataDir: src.dataDir, toDataDir: pgDir });
    expect(first.ok).toBe(true);
    expect(first.target).toMatchObject({ dialect: 'postgres' });
    const back = await database('sqlite');
    const backDir = dataDir();
    const second = await copyInstance(pg, back, { fromDataDir: pgDir, toDataDir: backDir });
    expect(second.ok).toBe(true);
    // Checksums are dialect-neutral: each table has the same one on all three databases.
    expect(second.tables.map((t) => [t.name, t.checksum])).toEqual(
      first.tables.map((t) => [t.name, t.checksum]),
    );
    const expected = await instanceDump(src.config);
    expect(await instanceDump(pg)).toEqual(expected);
    expect(await instanceDump(back)).toEqual(expected);
    expect(await uploadsDump(backDir)).toEqual(await uploadsDump(src.dataDir));
  });

  it('refuses to copy a database onto itself', async () => {
    const src = await source('sqlite');
    await expect(copyInstance(src.config, { ...src.config })).rejects.toMatchObject({
      code: 'same-database',
    });
  });
});

describe('restore safety', () => {
  it('refuses a target with data unless forced, and with force replaces all of it', async () => {
    const src = await source('sqlite');
    const file = join(scratch, 'force.tessera.gz');
    await backupInstance(src.config, { file, dataDir: src.dataDir });
    const target = await database('postgres');
    const targetDir = dataDir();
    await buildInstance(target, 3);
    writeFileSync(join(scratch, 'unused'), '');
    const before = await instanceDump(target);

    const refused = await restoreInstance(target, { file, dataDir: targetDir }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TransferError);
    expect(refused).toMatchObject({ code: 'target-not-empty' });
    expect((refused as Error).message).toMatch(/tessera_bases \(2 rows\).*--force/);
    expect(await instanceDump(target)).toEqual(before);

    const report = await restoreInstance(target, { file, dataDir: targetDir, force: true });
    expect(report.ok).toBe(true);
    expect(await instanceDump(target)).toEqual(await instanceDump(src.config));
  });

  it('commits nothing when a row differs from the manifest', async () => {
    const src = await source('sqlite');
    const file = join(scratch, 'tampered.tessera.gz');
    await backupInstance(src.config, { file, dataDir: src.dataDir });
    const lines = archiveLines(file);
    const at = lines.findIndex((l) => l.includes('"row 5"'));
    lines[at] = lines[at]!.replace('"row 5"', '"row five"');
    writeArchiveLines(file, lines);

    for (const dialect of ['sqlite', 'postgres'] as const) {
      const target = await database(dialect);
      const targetDir = dataDir();
      const failed = await restoreInstance(target, { file, dataDir: targetDir }).catch((e: unknown) => e);
      expect(failed).toMatchObject({ code: 'verification-failed' });
      const report = (failed as TransferError).report!;
      expect(report.tables.filter((t) => !t.ok).map((t) => t.name)).toEqual(['everything']);
      const store = openStore(target);
      expect(await store.bases.list()).toEqual([]);
      await store.close();
      expect(await uploadsDump(targetDir)).toEqual({});
    }
  });

  it('refuses truncated archives, other files and unsafe upload paths', async () => {
    const src = await source('sqlite');
    const file = join(scratch, 'whole.tessera.gz');
    await backupInstance(src.config, { file, dataDir: src.dataDir });
    const lines = archiveLines(file);
    const target = await database('sqlite');

    const truncated = join(scratch, 'truncated.tessera.gz');
    writeArchiveLines(truncated, lines.slice(0, -3));
    await expect(restoreInstance(target, { file: truncated })).rejects.toMatchObject({ code: 'bad-archive' });

    const cut = join(scratch, 'cut.tessera.gz');
    writeFileSync(cut, readFileSync(file).subarray(0, 2000));
    await expect(restoreInstance(target, { file: cut })).rejects.toMatchObject({ code: 'bad-archive' });

    const other = join(scratch, 'other.gz');
    writeFileSync(other, gzipSync('{"hello":"world"}\n'));
    await expect(restoreInstance(target, { file: other })).rejects.toThrow(/not a Tessera archive/);

    const unsafe = join(scratch, 'unsafe.tessera.gz');
    writeArchiveLines(
      unsafe,
      lines.map((l) => l.replace('"path":"notes ü.txt"', '"path":"../escape.txt"')),
    );
    const targetDir = dataDir();
    await expect(restoreInstance(target, { file: unsafe, dataDir: targetDir })).rejects.toThrow(
      /unsafe upload path/,
    );
    const store = openStore(target);
    expect(await store.bases.list()).toEqual([]);
    await store.close();
  });
});
