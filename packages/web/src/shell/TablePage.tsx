// One table: its views as tabs over the open view, a "Fields" button for designers, and the
// expanded record (`?record=<Id>`) in a side panel. Without a view in the address it opens
// the first view.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/http.ts';
import { metaApi } from '../api/meta-api.ts';
import type { View } from '../api/types.ts';
import { useMe } from '../app/me-context.ts';
import { navigate, type Route } from '../app/router.ts';
import { RecordPanel } from '../record/RecordPanel.tsx';
import { ViewHost } from '../views/ViewHost.tsx';
import type { TableWithColumns, ViewProps } from '../views/view-props.ts';
import { AppLink } from './AppLink.tsx';
import { useBaseAccess } from './base-access.ts';
import { FieldsDialog } from './FieldsDialog.tsx';
import { EmptyState, LoadError, Loading } from './LoadState.tsx';
import { dataOf, useTables } from './schema-store.ts';
import { ViewTabs } from './ViewTabs.tsx';

type TableRoute = Extract<Route, { page: 'table' }>;

type TableState =
  | { readonly status: 'loading' }
  | { readonly status: 'ready'; readonly table: TableWithColumns; readonly views: View[] }
  | { readonly status: 'error'; readonly message: string; readonly missing: boolean };

/** The table with its fields and views, and a way to load them again. */
function useTable(tableId: string): [TableState, () => Promise<void>] {
  const [state, setState] = useState<TableState>({ status: 'loading' });
  const load = useCallback(async () => {
    try {
      const table = await metaApi.getTable(tableId);
      const views = table.views ?? (await metaApi.listViews(tableId)).list;
      setState({
        status: 'ready',
        table: { ...table, columns: table.columns ?? [] },
        views: [...views].sort((a, b) => a.order - b.order),
      });
    } catch (error) {
      const missing = error instanceof ApiError && (error.status === 404 || error.status === 403);
      setState({ status: 'error', message: (error as Error).message, missing });
    }
  }, [tableId]);
  useEffect(() => {
    void load();
  }, [load]);
  return [state, load];
}

export function TablePage({ route }: { route: TableRoute }) {
  const me = useMe();
  const access = useBaseAccess(route.baseId);
  const [state, reload] = useTable(route.tableId);
  const [fieldsOpen, setFieldsOpen] = useState(false);
  const listed = dataOf(useTables(route.baseId))?.find((t) => t.id === route.tableId);
  const { baseId, tableId, viewId, recordId } = route;

  const views = state.status === 'ready' ? state.views : undefined;
  const view = views?.find((v) => v.id === viewId) ?? views?.[0];
  useEffect(() => {
    if (view && view.id !== viewId)
      navigate({ page: 'table', baseId, tableId, viewId: view.id, recordId }, { replace: true });
  }, [view, viewId, baseId, tableId, recordId]);

  const openRecord = useCallback(
    (id: number) => navigate({ page: 'table', baseId, tableId, viewId: view?.id, recordId: id }),
    [baseId, tableId, view?.id],
  );
  const closeRecord = useCallback(
    () => navigate({ page: 'table', baseId, tableId, viewId: view?.id }),
    [baseId, tableId, view?.id],
  );

  const table = state.status === 'ready' ? state.table : undefined;
  // The sidebar's list knows a rename made there before this page reloads.
  const shownTable = useMemo(
    () => (table && listed && listed.title !== table.title ? { ...table, title: listed.title } : table),
    [table, listed],
  );

  if (state.status === 'loading') return <Loading label="Loading table" />;
  if (state.status === 'error')
    return state.missing ? (
      <EmptyState title="Table not found">
        <p>It was deleted, or you have no access to it.</p>
        <AppLink to={{ page: 'base', baseId }}>Back to the base</AppLink>
      </EmptyState>
    ) : (
      <LoadError message={state.message} onRetry={() => void reload()} />
    );
  if (!shownTable) return null;

  const viewProps: ViewProps | undefined = view && {
    table: shownTable,
    view,
    me,
    canEdit: access.canEdit,
    canDesign: access.canDesign,
    openRecord,
    reloadTable: reload,
  };

  return (
    <div className="table-page" data-testid="table-page" data-table-id={tableId} data-view-id={view?.id}>
      <div className="table-header">
        <h1 className="table-title" title={shownTable.title}>
          {shownTable.title}
        </h1>
        <ViewTabs
          baseId={baseId}
          tableId={tableId}
          fields={shownTable.columns}
          views={state.views}
          activeViewId={view?.id}
          canDesign={access.canDesign}
          reload={reload}
        />
        {access.canDesign && (
          <button
            type="button"
            className="button button-small table-header-button"
            onClick={() => setFieldsOpen(true)}
            title="Add, edit or delete the table's fields"
            data-testid="fields-button"
          >
            Edit fields
          </button>
        )}
      </div>
      <div className="table-body">
        {viewProps ? (
          <ViewHost {...viewProps} />
        ) : (
          <EmptyState title="This table has no views">
            {access.canDesign ? (
              <p>Create one with “+ View” above.</p>
            ) : (
              <p>Ask a creator of the base to add one.</p>
            )}
          </EmptyState>
        )}
      </div>
      {recordId !== undefined && (
        <RecordPanel
          key={recordId}
          table={shownTable}
          recordId={recordId}
          canEdit={access.canEdit}
          canComment={access.canComment}
          onClose={closeRecord}
        />
      )}
      {fieldsOpen && <FieldsDialog table={shownTable} reload={reload} onClose={() => setFieldsOpen(false)} />}
    </div>
  );
}
