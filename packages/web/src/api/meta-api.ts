// Bases, tables, fields and views through the v2 meta API.
import { api } from './http.ts';
import type { Base, Field, ListOf, Table, View, ViewColumn, ViewFilter, ViewSort } from './types.ts';

/** A view sort's body (docs/api.md "View filters and sorts"). */
export interface SortBody {
  readonly fk_column_id?: string;
  readonly direction?: 'asc' | 'desc';
  readonly order?: number;
}

const viewPaths = { 1: 'forms', 2: 'galleries', 3: 'grids', 4: 'kanbans' } as const;

/** The last meta write of each view, so merges of one view run one after another. */
const metaWrites = new Map<string, Promise<unknown>>();

/** The view as stored now (any type's read path answers every view). */
const readView = (viewId: string) => api<View>('GET', `/api/v2/meta/grids/${viewId}`);

/**
 * Changes some keys of a view's meta. The server replaces meta whole, so the current meta is
 * read first and the change merged over it: keys other screens keep (frozen columns, row
 * height, grouping, collapsed stacks) survive. Merges of one view run one after another.
 */
function mergeViewMeta(viewId: string, change: Record<string, unknown>): Promise<View> {
  const run = async () => {
    const current = await readView(viewId);
    return api<View>('PATCH', `/api/v2/meta/views/${viewId}`, {
      meta: { ...(current.meta ?? {}), ...change },
    });
  };
  const result = (metaWrites.get(viewId) ?? Promise.resolve()).then(run, run);
  const settled = result.then(
    () => undefined,
    () => undefined,
  );
  metaWrites.set(viewId, settled);
  void settled.then(() => {
    if (metaWrites.get(viewId) === settled) metaWrites.delete(viewId);
  });
  return result;
}

export const metaApi = {
  listBases: () => api<ListOf<Base>>('GET', '/api/v2/meta/bases'),
  createBase: (title: string) => api<Base>('POST', '/api/v2/meta/bases', { title }),
  updateBase: (baseId: string, change: Partial<Pick<Base, 'title' | 'description' | 'color'>>) =>
    api<Base>('PATCH', `/api/v2/meta/bases/${baseId}`, change),
  deleteBase: (baseId: string) => api<boolean>('DELETE', `/api/v2/meta/bases/${baseId}`),

  listTables: (baseId: string) => api<ListOf<Table>>('GET', `/api/v2/meta/bases/${baseId}/tables`),
  getTable: (tableId: string) => api<Table>('GET', `/api/v2/meta/tables/${tableId}`),
  createTable: (baseId: string, body: { title: string; columns?: Partial<Field>[] }) =>
    api<Table>('POST', `/api/v2/meta/bases/${baseId}/tables`, body),
  renameTable: (tableId: string, title: string) => api('PATCH', `/api/v2/meta/tables/${tableId}`, { title }),
  deleteTable: (tableId: string) => api<boolean>('DELETE', `/api/v2/meta/tables/${tableId}`),

  /** Adds a field; answers the whole table. Errors (formula, conversion) come as ApiError. */
  addField: (tableId: string, body: Record<string, unknown>) =>
    api<Table>('POST', `/api/v2/meta/tables/${tableId}/columns`, body),
  updateField: (fieldId: string, body: Record<string, unknown>) =>
    api<Table>('PATCH', `/api/v2/meta/columns/${fieldId}`, body),
  deleteField: (fieldId: string) => api<Table>('DELETE', `/api/v2/meta/columns/${fieldId}`),

  listViews: (tableId: string) => api<ListOf<View>>('GET', `/api/v2/meta/tables/${tableId}/views`),
  createView: (tableId: string, type: View['type'], body: Record<string, unknown>) =>
    api<View>('POST', `/api/v2/meta/tables/${tableId}/${viewPaths[type]}`, body),
  readView,
  mergeViewMeta,
  updateView: (viewId: string, body: Record<string, unknown>) =>
    api<View>('PATCH', `/api/v2/meta/views/${viewId}`, body),
  deleteView: (viewId: string) => api<boolean>('DELETE', `/api/v2/meta/views/${viewId}`),
  viewColumns: (viewId: string) => api<ListOf<ViewColumn>>('GET', `/api/v2/meta/views/${viewId}/columns`),
  updateViewColumn: (viewId: string, fieldId: string, body: Record<string, unknown>) =>
    api<ViewColumn>('PATCH', `/api/v2/meta/views/${viewId}/columns/${fieldId}`, body),
  viewFilters: (viewId: string) => api<ListOf<ViewFilter>>('GET', `/api/v2/meta/views/${viewId}/filters`),
  addSort: (viewId: string, body: SortBody) =>
    api<ViewSort>('POST', `/api/v2/meta/views/${viewId}/sorts`, body),
  updateSort: (sortId: string, body: SortBody) =>
    api<ViewSort>('PATCH', `/api/v2/meta/sorts/${sortId}`, body),
  viewSorts: (viewId: string) => api<ListOf<ViewSort>>('GET', `/api/v2/meta/views/${viewId}/sorts`),
};
