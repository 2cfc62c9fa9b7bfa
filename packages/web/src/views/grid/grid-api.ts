// The grid's own server calls: record pages with several ANDed `where`s, rows by id, bulk
// writes with `typecast`, and the header menu's view-sort and view-meta changes.

import { api } from '../../api/http.ts';
import { metaApi } from '../../api/meta-api.ts';
import type { ListOf, RecordRow, ViewSort } from '../../api/types.ts';

const recordsPath = (tableId: string) => `/api/v2/tables/${tableId}/records`;

export interface PageQuery {
  readonly viewId: string;
  /** Filters ANDed by the server (it reads `where` repeated). */
  readonly where: readonly string[];
  readonly offset: number;
  readonly limit: number;
}

export const gridApi = {
  listPage: (tableId: string, query: PageQuery, signal?: AbortSignal) =>
    api<ListOf<RecordRow>>('GET', recordsPath(tableId), undefined, {
      query: {
        viewId: query.viewId,
        where: query.where.length > 0 ? query.where : undefined,
        offset: query.offset,
        limit: query.limit,
      },
      signal,
    }),

  /** The given records as the view shows them (those its filters still match). */
  rowsByIds: (tableId: string, viewId: string, ids: readonly number[]) =>
    api<ListOf<RecordRow>>('GET', recordsPath(tableId), undefined, {
      query: { viewId, pks: ids.join(','), limit: Math.max(1, ids.length) },
    }),

  update: (tableId: string, rows: RecordRow[], typecast: boolean) =>
    api<{ Id: number }[]>('PATCH', recordsPath(tableId), rows, {
      query: { typecast: typecast ? 'true' : undefined },
    }),

  create: (tableId: string, rows: RecordRow[], typecast: boolean) =>
    api<{ Id: number }[]>('POST', recordsPath(tableId), rows, {
      query: { typecast: typecast ? 'true' : undefined },
    }),

  mergeViewMeta: metaApi.mergeViewMeta,

  /** Sorts the view by a field: changes the field's sort when it has one, else adds one. */
  async sortViewBy(viewId: string, fieldId: string, direction: 'asc' | 'desc'): Promise<void> {
    const sorts = await api<ListOf<ViewSort>>('GET', `/api/v2/meta/views/${viewId}/sorts`);
    const existing = sorts.list.find((sort) => sort.fk_column_id === fieldId);
    if (existing) await api('PATCH', `/api/v2/meta/sorts/${existing.id}`, { direction });
    else await api('POST', `/api/v2/meta/views/${viewId}/sorts`, { fk_column_id: fieldId, direction });
  },
};
