import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { DatabaseConfig } from '../../packages/store/src/dialect/database-config.ts';

/** One database every behaviour is run against; `it.each(testDialects)` style. */
export const testDialects = ['sqlite', 'postgres'] as const;
export type TestDialect = (typeof testDialects)[number];

export function testPostgresUrl(): string {
  const url = process.env.TESSERA_TEST_PG_URL;
  if (!url) throw new Error('TESSERA_TEST_PG_URL is not set (test/global-setup.ts sets it)');
  return url;
}

/**
 * A fresh, empty database of the given dialect for one test file: a new SQLite file in a temp
 * folder, or a new PostgreSQL schema. `drop()` removes it.
 */
export async function createTestDatabase(
  dialect: TestDialect,
): Promise<{ config: DatabaseConfig; drop: () => Promise<void> }> {
  const tag = `t_${randomBytes(6).toString('hex')}`;
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'tessera-test-'));
    return {
      config: { kind: 'sqlite', file: join(dir, 'tessera.db') },
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const connectionString = testPostgresUrl();
  return {
    config: { kind: 'postgres', connectionString, schema: tag, poolSize: 5 },
    drop: async () => {
      const client = new pg.Client({ connectionString });
      await client.connect();
      await client.query(`drop schema if exists "${tag}" cascade`);
      await client.end();
    },
  };
}
