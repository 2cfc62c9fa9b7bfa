import {
  type FieldModel,
  getFieldType,
  isLinkField,
  type RollupFunction,
  rollupMetaOf,
  type TableModel,
} from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import { formulaSql } from '../formula/formula-sql.ts';
import { type ComputedSchema, isComputedField } from './computed-schema.ts';
import {
  continuePath,
  displayField,
  type Hop,
  hopOf,
  type LookupPath,
  linkCountSql,
  lookupPath,
  pathFrom,
} from './link-paths.ts';
import { rollupWhereSql } from './rollup-where.ts';
import { rollupFits, valueKind } from './value-kinds.ts';

type Sql = RawBuilder<unknown>;

/** How deep computed fields may nest subqueries (lookups of rollups of lookups…). */
const MAX_SUBQUERY_DEPTH = 24;

/** What the SQL of computed fields is built with. */
export interface SqlScope {
  readonly schema: ComputedSchema;
  readonly dialect: DialectAdapter;
  /** Subquery nesting level; aliases carry it, so nested subqueries never shadow each other. */
  readonly depth: number;
}

/** The record a field belongs to: the statement's own table (unqualified columns), or an alias. */
export interface RowRef {
  readonly table: TableModel;
  readonly alias: string | null;
}

export const deeper = (scope: SqlScope): SqlScope => ({ ...scope, depth: scope.depth + 1 });

/** The name subqueries use for the record's table: its alias, or its own name at the top. */
export const outerName = (row: RowRef): string => row.alias ?? row.table.tableName;

export function columnSql(row: RowRef, column: string): Sql {
  return row.alias === null ? sql.ref(column) : sql.ref(`${row.alias}.${column}`);
}

/**
 * The ONE place that gives a field's value as SQL, for any field of any table the schema
 * holds: its column for stored fields; for computed ones a correlated subquery that reads only
 * the linked rows of the one record (through the indexed key columns), so a page computes
 * only its own rows. Links: the number of linked records (many) or the linked record's display
 * value (one); Lookup: a JSON array of the looked-up values; Rollup: the aggregate; Formula:
 * formulaSql over these same expressions.
 */
export function fieldSql(scope: SqlScope, row: RowRef, field: FieldModel): Sql {
  if (!isComputedField(field)) return columnSql(row, field.columnName);
  // Saving fields refuses circular references; a damaged schema gives NULL, not a stack overflow.
  if (scope.depth > MAX_SUBQUERY_DEPTH) return sql`null`;
  if (isLinkField(field)) {
    const hop = hopOf(scope.schema, row.table, field.id);
    if (!hop) return sql`null`;
    if (hop.meta.many) return linkCountSql(hop, outerName(row), scope.depth);
    const path = displayPath(scope.schema, hop);
    return path ? firstValueSql(scope, row, path) : sql`null`;
  }
  if (field.uidt === 'Lookup') {
    const path = lookupPath(scope.schema, row.table, field);
    return path ? lookupArraySql(scope, row, path) : sql`null`;
  }
  if (field.uidt === 'Rollup') return rollupSql(scope, row, field);
  if (field.uidt === 'Formula')
    return formulaSql(field, {
      dialect: scope.dialect,
      fieldSql: (used) => fieldSql(scope, row, used),
      fieldById: (id) => scope.schema.fieldById(id),
    });
  return sql`null`;
}

/** The path to the display value of the record a link reaches. */
export function displayPath(schema: ComputedSchema, hop: Hop): LookupPath | undefined {
  const shown = displayField(hop.to);
  return shown ? continuePath(schema, hop, shown, new Set([hop.link.id])) : undefined;
}

/** The value of `path.target` at the end of a path, as SQL over the path's last alias. */
function targetValue(scope: SqlScope, path: LookupPath, lastAlias: string): Sql {
  return fieldSql(deeper(scope), { table: path.targetTable, alias: lastAlias }, path.target);
}

/** A JSON array of the non-null values a path reaches, ordered by linked record ids. */
export function lookupArraySql(scope: SqlScope, row: RowRef, path: LookupPath): Sql {
  const p = pathFrom(path.hops, outerName(row), scope.depth);
  const value = targetValue(scope, path, p.lastAlias);
  const aggregate = scope.dialect.jsonArrayAgg(value, p.order);
  return sql`(select ${aggregate} from ${p.from} where ${p.correlation} and ${value} is not null)`;
}

/** The first non-null value a path reaches (by linked record ids): how lookups sort. */
export function firstValueSql(scope: SqlScope, row: RowRef, path: LookupPath): Sql {
  const p = pathFrom(path.hops, outerName(row), scope.depth);
  const value = targetValue(scope, path, p.lastAlias);
  return sql`(select ${value} from ${p.from} where ${p.correlation} and ${value} is not null order by ${sql.join(p.order)} limit 1)`;
}

/** True when some value a path reaches passes `test`: how lookups filter. */
export function anyValueSql(
  scope: SqlScope,
  row: RowRef,
  path: LookupPath,
  test: (value: Sql) => RawBuilder<boolean>,
): RawBuilder<boolean> {
  const p = pathFrom(path.hops, outerName(row), scope.depth);
  const value = targetValue(scope, path, p.lastAlias);
  return sql<boolean>`exists (select 1 from ${p.from} where ${p.correlation} and ${test(value)})`;
}

const aggregates: Readonly<Record<RollupFunction, (value: Sql) => Sql>> = {
  count: (v) => sql`count(${v})`,
  countDistinct: (v) => sql`count(distinct ${v})`,
  sum: (v) => sql`sum(${v})`,
  sumDistinct: (v) => sql`sum(distinct ${v})`,
  avg: (v) => sql`avg(${v})`,
  avgDistinct: (v) => sql`avg(distinct ${v})`,
  min: (v) => sql`min(${v})`,
  max: (v) => sql`max(${v})`,
};

/**
 * The rollup target of a Rollup field and its hop, when both still exist and fit (a target
 * converted since to a type its function cannot aggregate makes the rollup empty, not fail).
 */
export function rollupParts(schema: ComputedSchema, table: TableModel, field: FieldModel, depth = 0) {
  const meta = rollupMetaOf(field);
  const hop = meta ? hopOf(schema, table, meta.relationFieldId) : undefined;
  const target = meta && hop ? hop.to.fields.find((f) => f.id === meta.rollupFieldId) : undefined;
  if (!meta || !hop || !target || target.uidt === 'Lookup' || isLinkField(target)) return undefined;
  if (!rollupFits(meta.fn, valueKind(schema, hop.to, target, depth + 1))) return undefined;
  return { meta, hop, target };
}

function rollupSql(scope: SqlScope, row: RowRef, field: FieldModel): Sql {
  const parts = rollupParts(scope.schema, row.table, field);
  if (!parts) return sql`null`;
  const p = pathFrom([parts.hop], outerName(row), scope.depth);
  const related: RowRef = { table: parts.hop.to, alias: p.lastAlias };
  const value = fieldSql(deeper(scope), related, parts.target);
  const where = parts.meta.where ? rollupWhereSql(deeper(scope), related, parts.meta.where) : null;
  const condition = where ? sql`${p.correlation} and ${where}` : p.correlation;
  return sql`(select ${aggregates[parts.meta.fn](value)} from ${p.from} where ${condition})`;
}

/** Storage kind of a stored field's column (computed fields: see value-kinds.ts). */
export function storageOf(field: FieldModel) {
  return getFieldType(field.uidt).storage;
}
