import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SqliteDriver from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { SqliteConfig } from '../database-config.ts';
import type { Database } from '../dialect-adapter.ts';
import { sqliteAdapter } from './sqlite-adapter.ts';
import { withStatementCache } from './statement-cache.ts';

/**
 * Opens the SQLite file in WAL mode with full sync, so a write the API acknowledged survives
 * a crash or a power cut.
 */
export function openSqliteDatabase<Schema>(config: SqliteConfig): Database<Schema> {
  if (config.file !== ':memory:') mkdirSync(dirname(config.file), { recursive: true });
  const driver = new SqliteDriver(config.file);
  driver.pragma('journal_mode = WAL');
  driver.pragma('synchronous = FULL');
  driver.pragma('foreign_keys = ON');
  driver.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(driver) }) });
  return {
    db,
    dialect: sqliteAdapter,
    prepare: async () => {},
    close: () => db.destroy(),
  };
}
