import { type FieldModel, getFieldType, type TableModel } from '@tessera/core';
import { CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import type { Executor } from '../store-context.ts';

export interface SortSpec {
  readonly field: FieldModel;
  readonly direction: 'asc' | 'desc';
}

/**
 * Columns the page query adds so a list reads its table's stats in the same statement; the
 * data version (which keys the totals of filtered lists) only when the list is filtered.
 */
export const ROW_COUNT = '__tessera_row_count';
export const DATA_VERSION = '__tessera_data_version';

/** How many distinct list statements are remembered (least recently used dropped first). */
const MAX_STATEMENTS = 500;

function statsColumn(tableId: string, column: 'row_count' | 'data_version', alias: string) {
  return sql`(select coalesce(sum(${sql.ref(column)}), 0) from tessera_table_stats where table_id = ${tableId})`.as(
    alias,
  );
}

export interface ListStatementSpec {
  readonly columns: readonly string[];
  readonly pkColumn: string;
  readonly filter: {
    readonly builder: RawBuilder<boolean>;
    readonly sql: string;
    readonly parameters: readonly unknown[];
  } | null;
  readonly sorts: readonly SortSpec[];
  readonly shuffle: boolean;
  readonly limit: number;
  readonly offset: number;
}

/**
 * Builds the SQL of one list page through Kysely, and remembers it: later pages of the same
 * shape (table, columns, sorts, limit, filter text) reuse the SQL with new parameters instead of
 * building and compiling the query tree again, which was most of a list request's CPU time.
 * A statement is only remembered when its parameters are exactly the ones this module
 * would bind, so reuse can never bind a value to the wrong placeholder.
 */
export class ListStatements {
  readonly #sql = new Map<string, string>();
  /** Column lists joined for the key, per (reused) column array. */
  readonly #columnKeys = new WeakMap<readonly string[], string>();

  statement(
    db: Executor,
    dialect: DialectAdapter,
    table: TableModel,
    spec: ListStatementSpec,
  ): CompiledQuery {
    if (!Number.isSafeInteger(spec.limit) || spec.limit < 0)
      throw new TypeError(`list limit must be a whole number, got ${spec.limit}`);
    const filter = spec.filter;
    const parameters = filter
      ? [table.id, table.id, ...filter.parameters, spec.offset]
      : [table.id, spec.offset];
    const sortKey = spec.sorts.map((s) => `${s.field.columnName}:${s.field.uidt}:${s.direction}`).join(',');
    let columnKey = this.#columnKeys.get(spec.columns);
    if (columnKey === undefined) {
      columnKey = spec.columns.join(',');
      this.#columnKeys.set(spec.columns, columnKey);
    }
    const key = [table.tableName, columnKey, sortKey, spec.shuffle, spec.limit, filter?.sql ?? ''].join(
      '\u0000',
    );
    const known = this.#sql.get(key);
    if (known !== undefined) {
      this.#sql.delete(key);
      this.#sql.set(key, known);
      return CompiledQuery.raw(known, parameters);
    }
    const compiled = buildListQuery(db, dialect, table, spec).compile();
    if (sameValues(compiled.parameters, parameters)) {
      this.#sql.set(key, compiled.sql);
      if (this.#sql.size > MAX_STATEMENTS) {
        const oldest = this.#sql.keys().next().value;
        if (oldest !== undefined) this.#sql.delete(oldest);
      }
    }
    return compiled;
  }
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

function buildListQuery(db: Executor, dialect: DialectAdapter, table: TableModel, spec: ListStatementSpec) {
  const ref = (column: string) => sql.ref(column);
  let query = db
    .selectFrom(table.tableName)
    // The table's stats ride along with the page: one round trip, one consistent snapshot.
    .select(
      spec.filter
        ? [statsColumn(table.id, 'row_count', ROW_COUNT), statsColumn(table.id, 'data_version', DATA_VERSION)]
        : [statsColumn(table.id, 'row_count', ROW_COUNT)],
    )
    .select(spec.columns.map((c) => ref(c).as(c)));
  if (spec.filter) query = query.where(spec.filter.builder);
  if (spec.shuffle) query = query.orderBy(dialect.randomOrder());
  for (const sort of spec.sorts) {
    const column = ref(sort.field.columnName);
    const textual = getFieldType(sort.field.uidt).storage === 'text';
    const nulls = sort.direction === 'asc' ? sql.raw('nulls first') : sql.raw('nulls last');
    const direction = sql.raw(sort.direction);
    if (textual) query = query.orderBy(sql`lower(${column}) ${direction} ${nulls}`);
    query = query.orderBy(sql`${column} ${direction} ${nulls}`);
  }
  // The primary key breaks ties in the direction of the last sort, so an index on
  // (field, id) serves the whole ORDER BY in either direction.
  const tieBreak = sql.raw(spec.sorts.at(-1)?.direction === 'desc' ? 'desc' : 'asc');
  // The limit is written into the SQL: SQLite re-plans a statement on every run when its
  // LIMIT is a bound parameter (the planner uses the value), which cost as much as the read.
  return query
    .orderBy(sql`${ref(spec.pkColumn)} ${tieBreak}`)
    .limit(sql.lit<number>(spec.limit))
    .offset(spec.offset);
}
