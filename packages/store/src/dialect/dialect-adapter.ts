import type { StorageKind } from '@tessera/core';
import type { Kysely, RawBuilder } from 'kysely';
import type { FormulaDialect } from './formula-dialect.ts';

/**
 * What shared store code may ask of a database. Everything that differs between SQLite and
 * PostgreSQL is answered here (capability flags and small SQL fragments), so code outside
 * `dialect/<name>/` never branches on the database's name.
 */
export interface DialectAdapter {
  readonly name: 'sqlite' | 'postgres';
  /** `INSERT … RETURNING` works. */
  readonly supportsReturning: boolean;
  /**
   * INSERT/UPDATE inside WITH (data-modifying CTEs), so one statement can write several
   * tables at once, atomically and in one round trip.
   */
  readonly supportsWritableCtes: boolean;
  /** DDL (CREATE/ALTER/DROP TABLE) rolls back with the transaction it ran in. */
  readonly supportsTransactionalDdl: boolean;
  /** Many writers can commit at once (row locks), rather than one writer at a time. */
  readonly supportsConcurrentWriters: boolean;
  /**
   * NULLs come first in ascending order by default (SQLite). Tessera sorts NULLs first
   * ascending and last descending on every database; where that is not the default, indexes
   * say `nulls first` so they still serve those orders.
   */
  readonly nullsSortFirst: boolean;
  /** Rows a per-table counter is spread over, so concurrent writers rarely wait on one row. */
  readonly counterShards: number;

  /** SQL column type for a storage kind, e.g. `timestamptz` or `TEXT`. */
  columnType(storage: StorageKind): string;
  /** SQL type of the auto-increment primary key column, including its PRIMARY KEY clause. */
  autoIncrementPrimaryKey(): string;
  /** Canonical JS value (see StorageKind) → the value handed to the driver as a parameter. */
  encodeValue(storage: StorageKind, canonical: unknown): unknown;
  /** Value read from the driver → canonical JS value. */
  decodeValue(storage: StorageKind, raw: unknown): unknown;

  /** Case-insensitive LIKE with `\` as escape character. */
  likeInsensitive(column: RawBuilder<unknown>, pattern: string): RawBuilder<boolean>;
  /** Case-sensitive substring test: `haystack` contains `needle` (a text parameter). */
  containsText(haystack: RawBuilder<unknown>, needle: string): RawBuilder<boolean>;
  /**
   * A JSON column equals a JSON value (compared as JSON: `1.0` equals `1`). Meant for
   * scalars and arrays; objects compare by key order on SQLite only.
   */
  jsonEquals(column: RawBuilder<unknown>, value: unknown): RawBuilder<boolean>;
  /** A column's value as text, for text operators applied to non-text columns. */
  castToText(column: RawBuilder<unknown>): RawBuilder<string>;
  /** A JSON array of the values, in order (SQLite `json_array`, PostgreSQL `json_build_array`). */
  jsonArray(values: readonly RawBuilder<unknown>[]): RawBuilder<unknown>;
  /** Aggregate: a JSON array of `value` over the group's rows in `orderBy` order; `[]` for no rows. */
  jsonArrayAgg(value: RawBuilder<unknown>, orderBy: readonly RawBuilder<unknown>[]): RawBuilder<unknown>;
  /** ORDER BY expression for a random order. */
  randomOrder(): RawBuilder<unknown>;
  /** SQL of the formula functions that differ between databases (formula-dialect.ts). */
  readonly formula: FormulaDialect;
  /**
   * Held until the transaction ends, so two processes never run the named critical section at
   * once: migrating, or creating an account (only one first account may become the owner).
   */
  lockUntilCommit(trx: Kysely<unknown>, lock: TransactionLock): Promise<void>;
  /** Names of every table, index and sequence in Tessera's schema (one namespace in SQL). */
  relationNames(db: Kysely<unknown>): Promise<Set<string>>;
  /** What kind of constraint a driver error broke, if it is a constraint error. */
  constraintViolation(error: unknown): 'unique' | 'not_null' | 'foreign_key' | 'check' | null;
}

/** Critical sections serialised across processes by `lockUntilCommit`. */
export type TransactionLock = 'migrations' | 'accounts';

/** A connected database: the Kysely instance plus its adapter. */
export interface Database<Schema = unknown> {
  readonly db: Kysely<Schema>;
  readonly dialect: DialectAdapter;
  /** Creates what must exist before migrations run (PostgreSQL: Tessera's schema). */
  prepare(): Promise<void>;
  close(): Promise<void>;
  /** Connection pool figures for metrics; absent where there is no pool (SQLite). */
  poolStats?(): PoolStats;
}

/** A moment's view of a connection pool. */
export interface PoolStats {
  /** Connections open, idle or in use. */
  readonly total: number;
  readonly idle: number;
  /** Requests queued for a connection. */
  readonly waiting: number;
  /** Most connections the pool may open. */
  readonly max: number;
}
