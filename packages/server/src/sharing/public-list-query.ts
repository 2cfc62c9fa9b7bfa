import {
  combineFilters,
  type FieldModel,
  type FilterExpression,
  findFieldByRef,
  type TableModel,
  TesseraError,
} from '@tessera/core';
import { parseSorts, type RawListQuery, rawListQuery } from '../records/list-query.ts';

function conditionFields(expression: FilterExpression): string[] {
  return expression.terms.flatMap(({ node }) =>
    node.kind === 'group' ? conditionFields(node.expression) : [node.field],
  );
}

/**
 * The list query a shared view's reader may send: `where`, `sort` and paging, over the fields
 * the view shows only (filtering or sorting by a hidden field would reveal its values). The
 * field list, nested reads, `pks` and shuffling are not offered; the view's own filters and
 * sorts still apply.
 */
export function publicListQuery(
  table: TableModel,
  shown: readonly FieldModel[],
  query: Record<string, unknown>,
): RawListQuery {
  const raw = rawListQuery(query);
  const visible = new Set(shown.map((field) => field.id));
  const isShown = (ref: string) => {
    const field = findFieldByRef(table, ref);
    return field !== undefined && visible.has(field.id);
  };
  const wheres = Array.isArray(raw.where)
    ? raw.where.map(String)
    : typeof raw.where === 'string'
      ? raw.where
      : [];
  const expression = combineFilters(wheres);
  for (const ref of expression ? conditionFields(expression) : [])
    if (!isShown(ref))
      throw new TesseraError('ERR_INVALID_FILTER', `Column alias '${ref}' not found.`, { field: ref });
  const hiddenSort = parseSorts(table, raw.sort).find(({ field }) => !visible.has(field.id));
  if (hiddenSort)
    throw new TesseraError(
      'ERR_FIELD_NOT_FOUND',
      `Field '${hiddenSort.field.title}' not found in this shared view`,
      { field: hiddenSort.field.title },
    );
  return { where: raw.where, sort: raw.sort, limit: raw.limit, offset: raw.offset, page: raw.page };
}
