import { fieldFilterKind, fieldStorage } from '../fields/field-value-kind.ts';
import type { FilterFieldResolver } from '../filter/filter-field.ts';
import type { FieldModel, TableModel } from './schema-model.ts';

/**
 * The field a client names: by title first, then field id, then physical column name. Used
 * for record bodies, `fields`, `sort` and `where` alike, so every surface resolves the same way.
 */
export function findFieldByRef(table: TableModel, ref: string): FieldModel | undefined {
  return (
    table.fields.find((f) => f.title === ref) ??
    table.fields.find((f) => f.id === ref) ??
    table.fields.find((f) => f.columnName === ref)
  );
}

/** The filter language's view of a table's fields; unknown names resolve to undefined. */
export function filterFieldResolver(table: TableModel): FilterFieldResolver {
  return (ref) => {
    const field = findFieldByRef(table, ref);
    if (!field) return undefined;
    return {
      id: field.id,
      title: field.title,
      columnName: field.columnName,
      uidt: field.uidt,
      filterKind: fieldFilterKind(field),
      storage: fieldStorage(field),
    };
  };
}
