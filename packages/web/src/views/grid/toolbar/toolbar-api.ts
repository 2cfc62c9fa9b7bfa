// The server calls of the grid toolbar: view filters and sorts, view columns, view meta and
// group counts (docs/api.md "Views", "View filters and sorts", "Group counts").
import { api } from '../../../api/http.ts';
import { metaApi } from '../../../api/meta-api.ts';
import type { ListOf, ViewFilter } from '../../../api/types.ts';

export interface FilterBody {
  readonly fk_column_id?: string | null;
  readonly comparison_op?: string | null;
  readonly comparison_sub_op?: string | null;
  readonly value?: string | null;
  readonly logical_op?: 'and' | 'or' | 'not';
  readonly is_group?: boolean;
  readonly fk_parent_id?: string | null;
  readonly enabled?: boolean;
  readonly order?: number;
}

export type { SortBody } from '../../../api/meta-api.ts';

/** One group of the groupby route: the field's value under its title, and the count. */
export type GroupCount = Record<string, unknown> & { count: number };

export interface GroupCountParams {
  readonly columnName: string;
  readonly viewId: string;
  /** Filters ANDed by the server with the view's (search, enclosing groups). */
  readonly where: readonly string[];
  readonly sort: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

export const toolbarApi = {
  addFilter: (viewId: string, body: FilterBody) =>
    api<ViewFilter>('POST', `/api/v2/meta/views/${viewId}/filters`, body),
  updateFilter: (filterId: string, body: FilterBody) =>
    api<ViewFilter>('PATCH', `/api/v2/meta/filters/${filterId}`, body),
  removeFilter: (filterId: string) => api<boolean>('DELETE', `/api/v2/meta/filters/${filterId}`),

  addSort: metaApi.addSort,
  updateSort: metaApi.updateSort,
  removeSort: (sortId: string) => api<boolean>('DELETE', `/api/v2/meta/sorts/${sortId}`),

  showAllColumns: (viewId: string, show: boolean) =>
    api<boolean>('POST', `/api/v2/meta/views/${viewId}/${show ? 'show-all' : 'hide-all'}`),

  /** Changes some keys of the view's meta, keeping the others (see metaApi.mergeViewMeta). */
  mergeViewMeta: metaApi.mergeViewMeta,

  groupCounts: (tableId: string, params: GroupCountParams, signal?: AbortSignal) =>
    api<ListOf<GroupCount>>('GET', `/api/v2/tables/${tableId}/groupby`, undefined, {
      query: {
        column_name: params.columnName,
        viewId: params.viewId,
        where: params.where.length > 0 ? params.where : undefined,
        sort: params.sort,
        limit: params.limit,
        offset: params.offset,
      },
      signal,
    }),
};
