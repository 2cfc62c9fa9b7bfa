import type { ControlledTransaction, Kysely } from 'kysely';
import type { DialectAdapter } from '../../dialect/dialect-adapter.ts';
import type { AnyTables, Executor } from '../../store-context.ts';
import { postgresCatalog } from './postgres-catalog.ts';
import { sqliteCatalog } from './sqlite-catalog.ts';

/** One column of a table that references another table's column. */
export interface ForeignKey {
  readonly column: string;
  readonly references: string;
  readonly referencedColumn: string;
}

/** A table of Tessera's schema as the database describes it. */
export interface CatalogTable {
  readonly name: string;
  /** Column names in the table's own order. */
  readonly columns: readonly string[];
  /** The column a sequence fills (SQLite AUTOINCREMENT, PostgreSQL identity or serial), if any. */
  readonly autoIncrement: string | null;
  readonly foreignKeys: readonly ForeignKey[];
}

/** A read-only transaction that sees one consistent state of the whole database. */
export type Snapshot = ControlledTransaction<AnyTables>;

/**
 * What copying a whole instance needs from a database beyond the dialect adapter: reading
 * the catalog, a consistent snapshot, rows without holding a table in memory, and sequences.
 * One implementation per dialect, next to each other in this folder.
 */
export interface TransferCatalog {
  /** Every table of Tessera's schema (PostgreSQL: the configured schema only). */
  tables(executor: Executor): Promise<CatalogTable[]>;
  beginSnapshot(db: Kysely<AnyTables>): Promise<Snapshot>;
  /** The table's rows in batches of at most `batchSize`, keyed by column name. */
  readRows(
    executor: Executor,
    table: string,
    columns: readonly string[],
    batchSize: number,
  ): AsyncGenerator<Record<string, unknown>[]>;
  /** The highest value the column's sequence has handed out, or null when it never has. */
  sequenceValue(executor: Executor, table: string, column: string): Promise<number | null>;
  /** Makes the next generated value greater than `atLeast` and than every value in the column. */
  advanceSequence(executor: Executor, table: string, column: string, atLeast: number | null): Promise<void>;
}

const catalogs: Record<DialectAdapter['name'], TransferCatalog> = {
  sqlite: sqliteCatalog,
  postgres: postgresCatalog,
};

export function catalogFor(dialect: DialectAdapter): TransferCatalog {
  return catalogs[dialect.name];
}
