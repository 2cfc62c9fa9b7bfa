import type { DatabaseConfig } from './database-config.ts';
import type { Database } from './dialect-adapter.ts';
import { openPostgresDatabase } from './postgres/postgres-database.ts';
import { openSqliteDatabase } from './sqlite/sqlite-database.ts';

export function openDatabase<Schema>(
  config: DatabaseConfig,
  onPoolError?: (error: Error) => void,
): Database<Schema> {
  return config.kind === 'sqlite'
    ? openSqliteDatabase<Schema>(config)
    : openPostgresDatabase<Schema>(config, onPoolError);
}
