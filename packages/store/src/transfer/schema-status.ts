import { sql } from 'kysely';
import type { Database } from '../dialect/dialect-adapter.ts';
import { migrations } from '../migrations/migration-list.ts';
import type { AnyTables, Executor } from '../store-context.ts';
import { catalogFor, type TransferCatalog } from './catalog/transfer-catalog.ts';

export interface SchemaStatus {
  /** False when the database has no Tessera schema yet (nothing was ever migrated). */
  readonly initialized: boolean;
  readonly current: number;
  /** The newest version this Tessera knows. */
  readonly latest: number;
  /** Migrations `migrate up` would apply, oldest first. */
  readonly pending: readonly { readonly version: number; readonly name: string }[];
}

/** The schema version recorded in `tessera_migrations`, or null when that table does not exist. */
export async function recordedSchemaVersion(
  executor: Executor,
  catalog: TransferCatalog,
): Promise<number | null> {
  const tables = await catalog.tables(executor);
  if (!tables.some((t) => t.name === 'tessera_migrations')) return null;
  const row = await sql<{ version: number | null }>`
    select max(version) as version from tessera_migrations`.execute(executor);
  return Number(row.rows[0]?.version ?? 0);
}

/**
 * Where the database's schema stands, read without changing anything (unlike the migration
 * runner's status, which creates the schema and the migrations table).
 */
export async function readSchemaStatus(database: Database<AnyTables>): Promise<SchemaStatus> {
  const recorded = await recordedSchemaVersion(database.db, catalogFor(database.dialect));
  const current = recorded ?? 0;
  return {
    initialized: recorded !== null,
    current,
    latest: migrations.at(-1)?.version ?? 0,
    pending: migrations.filter((m) => m.version > current).map((m) => ({ version: m.version, name: m.name })),
  };
}
