import { type FilterFieldResolver, findFieldByRef, isLinkField, type TableModel } from '@tessera/core';
import type { FilterTarget, FilterTargets } from '../query/filter-compiler.ts';
import type { StoreContext } from '../store-context.ts';
import { computedSchema, isComputedField } from './computed-schema.ts';
import { anyValueSql, columnSql, displayPath, fieldSql, type RowRef, type SqlScope } from './field-sql.ts';
import { hopOf, type LookupPath, lookupPath } from './link-paths.ts';
import { valueKind } from './value-kinds.ts';

/** How a `where` filter sees a table's fields: names to resolve, and the SQL of each. */
export interface FieldFilter {
  readonly resolve: FilterFieldResolver;
  readonly targets: FilterTargets;
}

/** The path a many-valued field (lookup, one-record link) tests its values along. */
function valuesPath(scope: SqlScope, table: TableModel, fieldId: string): LookupPath | undefined {
  const field = table.fields.find((f) => f.id === fieldId);
  if (!field) return undefined;
  if (field.uidt === 'Lookup') return lookupPath(scope.schema, table, field);
  if (!isLinkField(field)) return undefined;
  const hop = hopOf(scope.schema, table, field.id);
  return hop && !hop.meta.many ? displayPath(scope.schema, hop) : undefined;
}

/**
 * The filter view of a table's fields for records referenced by `row` (the statement's own
 * table, or an alias inside a subquery): stored fields are their columns; computed fields
 * filter in the database on their SQL, lookups and one-record links on each of their values.
 */
export function fieldFilter(scope: SqlScope, row: RowRef): FieldFilter {
  const { table } = row;
  return {
    resolve(ref) {
      const field = findFieldByRef(table, ref);
      if (!field) return undefined;
      const kind = valueKind(scope.schema, table, field);
      return {
        id: field.id,
        title: field.title,
        columnName: field.columnName,
        uidt: field.uidt,
        filterKind: kind.filterKind,
        storage: kind.storage,
      };
    },
    targets(filterField): FilterTarget {
      const field = table.fields.find((f) => f.id === filterField.id);
      if (!field || !isComputedField(field)) return { value: columnSql(row, filterField.columnName) };
      const path = valuesPath(scope, table, field.id);
      if (path)
        return { value: fieldSql(scope, row, field), any: (test) => anyValueSql(scope, row, path, test) };
      return { value: fieldSql(scope, row, field) };
    },
  };
}

/** The filter view of a table's fields at the top of a statement over that table. */
export async function tableFieldFilter(context: StoreContext, table: TableModel): Promise<FieldFilter> {
  const schema = await computedSchema(context, table);
  return fieldFilter({ schema, dialect: context.dialect, depth: 1 }, { table, alias: null });
}
