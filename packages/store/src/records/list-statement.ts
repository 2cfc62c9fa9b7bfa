import { type FieldModel, fieldStorage, type TableModel } from '@tessera/core';
import { CompiledQuery, type RawBuilder, sql } from 'kysely';
import type { ComputedColumn, SortExpression } from '../computed/computed-selection.ts';
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
/**
 * The view's record positions (record-positions.ts), joined under names no field's column can
 * have, so the list's unqualified column names stay unambiguous.
 */
const POSITIONS = '__tessera_positions';
const POSITION = '__tessera_position';
const POSITION_RECORD = '__tessera_position_record';

/** How many distinct list statements are remembered (least recently used dropped first). */
const MAX_STATEMENTS = 500;

function statsColumn(tableId: string, column: 'row_count' | 'data_version', alias: string) {
  return sql`(select coalesce(sum(${sql.ref(column)}), 0) from tessera_table_stats where table_id = ${tableId})`.as(
    alias,
  );
}

export interface ListStatementSpec {
  readonly columns: readonly string[];
  /**
   * Computed fields (links, lookups, rollups, formulas), selected under their column names
   * with the SQL of computed/computed-selection.ts; `sort` gives what their sorts order by,
   * and `key` names all of that SQL, for the statement cache.
   */
  readonly computed?: {
    readonly columns: readonly ComputedColumn[];
    readonly key: string;
    sort(field: FieldModel): SortExpression;
  };
  readonly pkColumn: string;
  readonly filter: {
    readonly builder: RawBuilder<boolean>;
    readonly sql: string;
    readonly parameters: readonly unknown[];
  } | null;
  readonly sorts: readonly SortSpec[];
  readonly shuffle: boolean;
  /**
   * A view whose record positions order the list (ascending, records without one after,
   * then by id); used only without sorts or shuffle. Absent: the list does not look at them.
   */
  readonly orderOfView?: string;
  readonly limit: number;
  readonly offset: number;
}

/** The view whose positions order this list, if they apply (no sorts, no shuffle). */
function positionsView(spec: ListStatementSpec): string | undefined {
  return spec.sorts.length === 0 && !spec.shuffle ? spec.orderOfView : undefined;
}

/**
 * Builds the SQL of one list page through Kysely, and remembers it: later pages of the same
 * shape (table, columns, sorts, limit, filter text) reuse the SQL with new parameters instead of
 * building and compiling the query tree again, which was most of a list request's CPU time.
 * A statement is only remembered when its parameters are exactly the ones this module
 * would bind, so reuse can never bind a value to the wrong placeholder. Computed fields may
 * bring constant parameters of their own (a formula's text literals), remembered with the SQL.
 */
export class ListStatements {
  readonly #sql = new Map<string, KnownStatement>();
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
    const orderOfView = positionsView(spec);
    // In statement order; with computed columns the page is a subquery, read in order again.
    const parametersWith = (constants: StatementConstants) => [
      ...(filter ? [table.id, table.id] : [table.id]),
      ...constants.select,
      ...(orderOfView === undefined ? [] : [orderOfView]),
      ...(filter?.parameters ?? []),
      ...constants.sort,
      spec.offset,
      ...(spec.computed?.columns.length && !spec.shuffle ? constants.sort : []),
    ];
    const sortKey = spec.sorts.map((s) => `${s.field.columnName}:${s.field.uidt}:${s.direction}`).join(',');
    let columnKey = this.#columnKeys.get(spec.columns);
    if (columnKey === undefined) {
      columnKey = spec.columns.join(',');
      this.#columnKeys.set(spec.columns, columnKey);
    }
    const key = [
      table.tableName,
      columnKey,
      spec.computed?.key ?? '',
      sortKey,
      spec.shuffle,
      orderOfView === undefined ? '' : 'positions',
      spec.limit,
      filter?.sql ?? '',
    ].join('\u0000');
    const known = this.#sql.get(key);
    if (known !== undefined) {
      this.#sql.delete(key);
      this.#sql.set(key, known);
      return CompiledQuery.raw(known.sql, parametersWith(known.constants));
    }
    const compiled = buildListQuery(db, dialect, table, spec).compile();
    const constants = computedConstants(db, spec);
    if (sameValues(compiled.parameters, parametersWith(constants))) {
      this.#sql.set(key, { sql: compiled.sql, constants });
      if (this.#sql.size > MAX_STATEMENTS) {
        const oldest = this.#sql.keys().next().value;
        if (oldest !== undefined) this.#sql.delete(oldest);
      }
    }
    return compiled;
  }
}

/** Parameters computed fields put in the SELECT list and the ORDER BY, in statement order. */
interface StatementConstants {
  readonly select: readonly unknown[];
  readonly sort: readonly unknown[];
}

interface KnownStatement {
  readonly sql: string;
  readonly constants: StatementConstants;
}

const noConstants: StatementConstants = { select: [], sort: [] };

/** The parameters of the computed parts of a list statement (see buildListQuery). */
function computedConstants(db: Executor, spec: ListStatementSpec): StatementConstants {
  const computed = spec.computed;
  if (!computed) return noConstants;
  const select = computed.columns.flatMap((c) => c.expression.compile(db).parameters);
  const sort = spec.sorts.flatMap(({ field }) => {
    const { expression, textual } = computed.sort(field);
    const parameters = expression.compile(db).parameters;
    return textual ? [...parameters, ...parameters] : parameters;
  });
  return { select, sort };
}

function sameValues(a: readonly unknown[], b: readonly unknown[]): boolean {
  return a.length === b.length && a.every((value, index) => value === b[index]);
}

/** The ORDER BY of a list: shuffle or the sorts, then the primary key. */
function orderedBy(spec: ListStatementSpec, dialect: DialectAdapter): RawBuilder<unknown>[] {
  const order: RawBuilder<unknown>[] = [];
  if (spec.shuffle) order.push(dialect.randomOrder());
  if (positionsView(spec) !== undefined) order.push(sql`${sql.ref(POSITION)} asc nulls last`);
  for (const sort of spec.sorts) {
    const { expression: column, textual } = spec.computed?.sort(sort.field) ?? {
      expression: sql.ref(sort.field.columnName),
      textual: fieldStorage(sort.field) === 'text',
    };
    const nulls = sort.direction === 'asc' ? sql.raw('nulls first') : sql.raw('nulls last');
    const direction = sql.raw(sort.direction);
    if (textual) order.push(sql`lower(${column}) ${direction} ${nulls}`);
    order.push(sql`${column} ${direction} ${nulls}`);
  }
  // The primary key breaks ties in the direction of the last sort, so an index on
  // (field, id) serves the whole ORDER BY in either direction.
  const tieBreak = sql.raw(spec.sorts.at(-1)?.direction === 'desc' ? 'desc' : 'asc');
  order.push(sql`${sql.ref(spec.pkColumn)} ${tieBreak}`);
  return order;
}

/** Reading the outer page again in the page's order (a shuffled page keeps the order it came in). */
function pageOrder(spec: ListStatementSpec, dialect: DialectAdapter): RawBuilder<unknown>[] {
  return spec.shuffle ? [] : orderedBy(spec, dialect);
}

function buildListQuery(db: Executor, dialect: DialectAdapter, table: TableModel, spec: ListStatementSpec) {
  const ref = (column: string) => sql.ref(column);
  // The table's stats ride along with the page: one round trip, one consistent snapshot.
  const stats = spec.filter
    ? [statsColumn(table.id, 'row_count', ROW_COUNT), statsColumn(table.id, 'data_version', DATA_VERSION)]
    : [statsColumn(table.id, 'row_count', ROW_COUNT)];
  const computed = spec.computed?.columns ?? [];
  const orderOfView = positionsView(spec);
  const from =
    orderOfView === undefined
      ? db.selectFrom(table.tableName)
      : db.selectFrom(table.tableName).leftJoin(
          db
            .selectFrom('tessera_record_positions')
            .select([ref('record_id').as(POSITION_RECORD), ref('position').as(POSITION)])
            .where('view_id', '=', orderOfView)
            .as(POSITIONS),
          (join) => join.onRef(`${POSITIONS}.${POSITION_RECORD}`, '=', `${table.tableName}.${spec.pkColumn}`),
        );
  let page =
    computed.length > 0 ? from.selectAll() : from.select(stats).select(spec.columns.map((c) => ref(c).as(c)));
  if (spec.filter) page = page.where(spec.filter.builder);
  for (const order of orderedBy(spec, dialect)) page = page.orderBy(order);
  // The limit is written into the SQL: SQLite re-plans a statement on every run when its
  // LIMIT is a bound parameter (the planner uses the value), which cost as much as the read.
  page = page.limit(sql.lit<number>(spec.limit)).offset(spec.offset);
  if (computed.length === 0) return page;
  // Computed fields are computed for the page's rows only: the page is chosen first (under
  // the table's own name, which their subqueries refer to), then read with them, whatever
  // plan the database would otherwise pick for many subqueries or a large offset.
  let query = db
    .selectFrom(page.as(table.tableName))
    .select(stats)
    .select(spec.columns.map((c) => ref(c).as(c)))
    .select(computed.map((c) => c.expression.as(c.alias)));
  for (const order of pageOrder(spec, dialect)) query = query.orderBy(order);
  return query;
}
