import { type FieldModel, isLinkField, type TableModel } from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import { type ComputedSchema, isComputedField } from './computed-schema.ts';
import {
  columnSql,
  deeper,
  displayPath,
  fieldSql,
  firstValueSql,
  outerName,
  type RowRef,
  type SqlScope,
} from './field-sql.ts';
import { type Hop, hopOf, linkedIdsSql, lookupPath } from './link-paths.ts';
import { linkedRecordFields, NESTED_LIMIT, type ReadShape, shapeKey } from './read-shape.ts';
import { valueKind } from './value-kinds.ts';

type Sql = RawBuilder<unknown>;

/** A computed field's value, selected under the field's column name. */
export interface ComputedColumn {
  readonly alias: string;
  readonly expression: Sql;
}

/** What a sort orders by: the expression, and whether text compares case-insensitively first. */
export interface SortExpression {
  readonly expression: Sql;
  readonly textual: boolean;
}

/** The SELECT and ORDER BY parts of reading some fields of a table with computed fields. */
export interface ComputedSelection {
  /** Stored columns to read, the primary key first. */
  readonly columns: readonly string[];
  readonly computed: readonly ComputedColumn[];
  /** Names all of the SQL above and of `sort` (schema version, read shape, fields). */
  readonly key: string;
  sort(field: FieldModel): SortExpression;
}

const col = (alias: string, column: string) => sql.ref(`${alias}.${column}`);

/**
 * Linked records as `[id, value…]` JSON arrays: an array of them (many; at most
 * NESTED_LIMIT, by id) or one (a one-record link, null when none).
 */
function linkedRecordsSql(scope: SqlScope, row: RowRef, hop: Hop, fields: readonly FieldModel[]): Sql {
  const alias = `__o${scope.depth}`;
  const linked: RowRef = { table: hop.to, alias };
  const values = [col(alias, hop.toPk), ...fields.map((f) => fieldSql(deeper(scope), linked, f))];
  const record = scope.dialect.jsonArray(values);
  const from = sql`${sql.table(hop.to.tableName)} as ${sql.id(alias)}`;
  const outerPk = col(outerName(row), hop.fromPk);
  if (hop.meta.holder === 'self')
    return sql`(select ${record} from ${from} where ${col(alias, hop.toPk)} = ${col(outerName(row), hop.keyColumn)})`;
  const ids = linkedIdsSql(hop, outerPk, scope.depth, hop.meta.many ? NESTED_LIMIT : 1);
  const where = sql`${col(alias, hop.toPk)} in (${ids})`;
  if (!hop.meta.many) return sql`(select ${record} from ${from} where ${where})`;
  const aggregate = scope.dialect.jsonArrayAgg(record, [col(alias, hop.toPk)]);
  return sql`(select ${aggregate} from ${from} where ${where})`;
}

/** A field as a list shows it: link fields as linked records (v2 Links: their count). */
export function selectedSql(scope: SqlScope, row: RowRef, field: FieldModel, shape: ReadShape): Sql {
  if (!isLinkField(field)) return fieldSql(scope, row, field);
  const hop = hopOf(scope.schema, row.table, field.id);
  if (!hop) return sql`null`;
  if (hop.meta.many && shape.version === 'v2') return fieldSql(scope, row, field);
  return linkedRecordsSql(scope, row, hop, linkedRecordFields(hop.to, field.id, shape.nested));
}

/**
 * What sorting on a field orders by: stored fields their column; lookups and one-record
 * links their first value (by linked record id); other computed fields their value.
 */
export function sortSql(scope: SqlScope, row: RowRef, field: FieldModel): SortExpression {
  const kind = valueKind(scope.schema, row.table, field);
  const textual = kind.storage === 'text';
  if (!isComputedField(field)) return { expression: columnSql(row, field.columnName), textual };
  let path = field.uidt === 'Lookup' ? lookupPath(scope.schema, row.table, field) : undefined;
  if (isLinkField(field)) {
    const hop = hopOf(scope.schema, row.table, field.id);
    if (hop && !hop.meta.many) path = displayPath(scope.schema, hop);
  }
  return { expression: path ? firstValueSql(scope, row, path) : fieldSql(scope, row, field), textual };
}

/** The selection of `fields` of the schema's table, in the given read shape. */
export function computedSelection(
  schema: ComputedSchema,
  scope: SqlScope,
  fields: readonly FieldModel[],
  shape: ReadShape,
): ComputedSelection {
  const table: TableModel = schema.table;
  const row: RowRef = { table, alias: null };
  const pk = table.fields.find((f) => f.pk)?.columnName ?? 'id';
  const columns = [pk];
  const computed: ComputedColumn[] = [];
  for (const field of fields) {
    if (!isComputedField(field)) {
      if (!columns.includes(field.columnName)) columns.push(field.columnName);
    } else if (!computed.some((c) => c.alias === field.columnName))
      computed.push({ alias: field.columnName, expression: selectedSql(scope, row, field, shape) });
  }
  return {
    columns,
    computed,
    key: `${schema.version}:${shapeKey(shape)}:${computed.map((c) => c.alias).join(',')}`,
    sort: (field) => sortSql(scope, row, field),
  };
}

/**
 * True for compiled SQL that reads linked rows: every subquery of computed fields and link
 * lists aliases its tables `__c…`, `__j…`, `__k…` or `__o…`. Such a filter's result changes with
 * other tables, so a count cached against the listed table's own version may not be reused.
 */
export function readsLinkedRows(compiledSql: string): boolean {
  return /"__[cjko]\d/.test(compiledSql);
}

/** Selections remembered per schema; more than this many field lists and a schema's start over. */
const MAX_SELECTIONS_PER_SCHEMA = 64;

/**
 * Computed selections per computed schema, field list and read shape, so a page of a table
 * with computed fields builds their SQL (formulas parsed and checked, links resolved) once.
 */
export class ComputedSelections {
  readonly #bySchema = new WeakMap<ComputedSchema, Map<string, ComputedSelection>>();
  readonly #fieldKeys = new WeakMap<readonly FieldModel[], string>();

  get(
    schema: ComputedSchema,
    scope: SqlScope,
    fields: readonly FieldModel[],
    shape: ReadShape,
  ): ComputedSelection {
    let fieldKey = this.#fieldKeys.get(fields);
    if (fieldKey === undefined) {
      fieldKey = fields.map((f) => f.id).join(',');
      this.#fieldKeys.set(fields, fieldKey);
    }
    const key = `${shapeKey(shape)}\u0000${fieldKey}`;
    let selections = this.#bySchema.get(schema);
    if (!selections) {
      selections = new Map();
      this.#bySchema.set(schema, selections);
    }
    let selection = selections.get(key);
    if (!selection) {
      if (selections.size >= MAX_SELECTIONS_PER_SCHEMA) selections.clear();
      selection = computedSelection(schema, scope, fields, shape);
      selections.set(key, selection);
    }
    return selection;
  }
}
