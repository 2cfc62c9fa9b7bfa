// The grid's own server calls: record pages with several ANDed `where`s, rows by id, bulk
// writes with `typecast`, and the header menu's view-sort and view-meta changes.

import { metaApi } from '../../api/meta-api.ts';
import { recordsApi } from '../../api/records-api.ts';
import type { RecordRow } from '../../api/types.ts';

export interface PageQuery {
  readonly viewId: string;
  /** Filters ANDed by the server (it reads `where` repeated). */
  readonly where: readonly string[];
  readonly offset: number;
  readonly limit: number;
}

export const gridApi = {
  listPage: (tableId: string, query: PageQuery, signal?: AbortSignal) =>
    recordsApi.list(
      tableId,
      {
        viewId: query.viewId,
        where: query.where.length > 0 ? query.where : undefined,
        offset: query.offset,
        limit: query.limit,
      },
      signal,
    ),

  /** The given records as the view shows them (those its filters still match). */
  rowsByIds: (tableId: string, viewId: string, ids: readonly number[]) =>
    recordsApi.list(tableId, { viewId, pks: ids.join(','), limit: Math.max(1, ids.length) }),

  update: (tableId: string, rows: RecordRow[], typecast: boolean) =>
    recordsApi.update(tableId, rows, { typecast }),
  create: (tableId: string, rows: RecordRow[], typecast: boolean) =>
    recordsApi.create(tableId, rows, { typecast }),

  mergeViewMeta: metaApi.mergeViewMeta,

  /** Sorts the view by a field: changes the field's sort when it has one, else adds one. */
  async sortViewBy(viewId: string, fieldId: string, direction: 'asc' | 'desc'): Promise<void> {
    const sorts = await metaApi.viewSorts(viewId);
    const existing = sorts.list.find((sort) => sort.fk_column_id === fieldId);
    if (existing) await metaApi.updateSort(existing.id, { direction });
    else await metaApi.addSort(viewId, { fk_column_id: fieldId, direction });
  },
};
