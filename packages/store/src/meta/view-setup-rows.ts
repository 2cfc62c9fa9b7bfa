import { newId, type ViewFilterModel, type ViewModel, type ViewSortModel } from '@tessera/core';
import type { Executor } from '../store-context.ts';
import { flag } from './meta-rows.ts';

/** Stores one filter (or filter group) of a view. */
export async function insertFilterRow(executor: Executor, filter: ViewFilterModel): Promise<void> {
  await executor
    .insertInto('tessera_view_filters')
    .values({
      id: filter.id,
      view_id: filter.viewId,
      parent_id: filter.parentId,
      field_id: filter.fieldId,
      comparison_op: filter.comparisonOp,
      comparison_sub_op: filter.comparisonSubOp,
      value: filter.value,
      logical_op: filter.logicalOp,
      is_group: flag(filter.isGroup),
      is_enabled: flag(filter.enabled),
      sort_order: filter.order,
    })
    .execute();
}

/** Stores one sort of a view. */
export async function insertSortRow(executor: Executor, sort: ViewSortModel): Promise<void> {
  await executor
    .insertInto('tessera_view_sorts')
    .values({
      id: sort.id,
      view_id: sort.viewId,
      field_id: sort.fieldId,
      direction: sort.direction,
      sort_order: sort.order,
    })
    .execute();
}

/** Copies a view's columns, filters (keeping their nesting) and sorts to a new view. */
export async function copyViewSetup(trx: Executor, source: ViewModel, viewId: string): Promise<void> {
  for (const column of source.fields)
    await trx
      .insertInto('tessera_view_fields')
      .values({
        view_id: viewId,
        field_id: column.fieldId,
        is_shown: flag(column.show),
        sort_order: column.order,
        width: column.width,
        meta: JSON.stringify(column.meta),
      })
      .execute();
  const newFilterIds = new Map<string, string>();
  for (const filter of source.filters) newFilterIds.set(filter.id, newId('fi'));
  for (const filter of source.filters)
    await insertFilterRow(trx, {
      ...filter,
      id: newFilterIds.get(filter.id) ?? newId('fi'),
      viewId,
      parentId: filter.parentId ? (newFilterIds.get(filter.parentId) ?? null) : null,
    });
  for (const sort of source.sorts) await insertSortRow(trx, { ...sort, id: newId('so'), viewId });
}
