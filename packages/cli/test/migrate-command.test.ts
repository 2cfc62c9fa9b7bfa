import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../test/support/test-databases.ts';
import { latestSchemaVersion } from '../../store/src/index.ts';
import { instanceEnv, runInProcess, runTessera } from './support/run-tessera.ts';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups) await cleanup();
});

async function freshInstance(dialect: (typeof testDialects)[number]) {
  const database = await createTestDatabase(dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-migrate-'));
  cleanups.push(database.drop, async () => rmSync(dataDir, { recursive: true, force: true }));
  return instanceEnv(database.config, dataDir);
}

describe.each(testDialects)('tessera migrate on %s', (dialect) => {
  it('reports pending migrations without changing anything, applies them, then reports none', async () => {
    const env = await freshInstance(dialect);
    const before = await runInProcess(['migrate', 'status', '--json'], env);
    expect(before.code).toBe(0);
    expect(before.json()).toMatchObject({
      initialized: false,
      current: 0,
      latest: latestSchemaVersion,
      upToDate: false,
    });
    expect(before.json().pending.map((m: { version: number }) => m.version)).toEqual(
      Array.from({ length: latestSchemaVersion }, (_, i) => i + 1),
    );
    // Status changed nothing: still uninitialised.
    expect((await runInProcess(['migrate', 'status', '--json'], env)).json().initialized).toBe(false);

    const up = await runInProcess(['migrate', 'up', '--json'], env);
    expect(up.code).toBe(0);
    expect(up.json()).toMatchObject({ current: latestSchemaVersion, latest: latestSchemaVersion });
    expect(up.json().applied).toHaveLength(latestSchemaVersion);

    const again = await runInProcess(['migrate', 'up'], env);
    expect(again.stdout).toBe(`Already at the latest schema version (${latestSchemaVersion}).\n`);
    const after = await runInProcess(['migrate', 'status'], env);
    expect(after.stdout).toContain(`schema version: ${latestSchemaVersion}`);
    expect(after.stdout).toContain('Up to date.');
  });
});

describe('tessera migrate as a child process', () => {
  it('applies migrations and prints the status as JSON', async () => {
    const env = await freshInstance('sqlite');
    const up = await runTessera(['migrate', 'up'], env);
    expect(up.code).toBe(0);
    expect(up.stdout).toMatch(/^Applied migrations? 1(, \d+)*; schema version is now \d+\.\n$/);
    const status = await runTessera(['migrate', 'status', '--json'], env);
    expect(status.code).toBe(0);
    expect(status.json()).toMatchObject({ initialized: true, current: latestSchemaVersion, pending: [] });
  });
});
