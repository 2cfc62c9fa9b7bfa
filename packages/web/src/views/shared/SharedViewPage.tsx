// The public, read-only page of a shared grid, gallery or kanban view
// (`/shared/view/:uuid`): its title, a search box, and its rows with the view's visible fields.
import { useDeferredValue, useState } from 'react';
import { ViewType } from '../../api/types.ts';
import type { SharedMeta } from './public-api.ts';
import { SharedCards } from './SharedCards.tsx';
import { NotAvailable, SharedPageGate } from './SharedPageGate.tsx';
import { SharedRowsTable } from './SharedRowsTable.tsx';
import { searchFieldOf, searchWhere } from './shared-search.ts';
import { useSharedMeta } from './use-shared-meta.ts';
import { useSharedRows } from './use-shared-rows.ts';

function SharedViewBody({
  uuid,
  meta,
  password,
}: {
  uuid: string;
  meta: SharedMeta;
  password: string | undefined;
}) {
  const [term, setTerm] = useState('');
  const { view } = meta;
  // The key and system fields (created/updated times) are not shown, as in the app's views.
  const columns = meta.columns.filter((column) => !column.pk && !column.system);
  const searchField = searchFieldOf(columns);
  const where = searchWhere(searchField, useDeferredValue(term));
  const rows = useSharedRows(uuid, password, where);
  const groupField =
    view.type === ViewType.kanban ? columns.find((c) => c.id === view.fk_grp_col_id) : undefined;
  const count =
    rows.total === null ? '' : rows.total === 1 ? '1 record' : `${rows.total.toLocaleString()} records`;

  return (
    <div className="shared-view" data-testid="shared-view">
      <header className="shared-view-head">
        <div>
          <h1 data-testid="shared-view-title">{view.title}</h1>
          <div className="public-muted">
            {meta.table.title}
            {count && ` · ${count}`} · read-only
          </div>
        </div>
        {searchField && (
          <input
            className="input shared-search"
            type="search"
            placeholder={`Search ${searchField.title}`}
            aria-label={`Search ${searchField.title}`}
            value={term}
            onChange={(event) => setTerm(event.target.value)}
            data-testid="shared-search"
          />
        )}
      </header>
      {columns.length === 0 ? (
        <div className="empty-state">This view shows no fields.</div>
      ) : rows.rows.length === 0 && !rows.loading && !rows.error ? (
        <div className="empty-state" data-testid="shared-empty">
          {where ? 'No records match the search.' : 'There are no records to show.'}
        </div>
      ) : view.type === ViewType.grid ? (
        <SharedRowsTable columns={columns} rows={rows} />
      ) : (
        <SharedCards columns={columns} rows={rows} groupField={groupField} />
      )}
    </div>
  );
}

export function SharedViewPage({ uuid }: { uuid: string }) {
  const loader = useSharedMeta(uuid);
  return (
    <SharedPageGate loader={loader} what="view" wide>
      {(meta, password) =>
        meta.view.type === ViewType.form ? (
          <NotAvailable what="view">
            This link opens a form, not a view:{' '}
            <a href={`/shared/form/${encodeURIComponent(uuid)}`}>open the form</a>.
          </NotAvailable>
        ) : (
          <SharedViewBody uuid={uuid} meta={meta} password={password} />
        )
      }
    </SharedPageGate>
  );
}
