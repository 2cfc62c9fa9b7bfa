// One base: its tables as a list with "New table", links to members, and the base's own
// rename and delete. The empty state invites creating the first table.
import type { ReactNode } from 'react';
import { AppLink } from './AppLink.tsx';
import { useBaseAccess } from './base-access.ts';
import { EmptyState, LoadError, Loading } from './LoadState.tsx';
import { Page } from './Page.tsx';
import { useSchemaActions } from './schema-actions.tsx';
import { dataOf, reloadBases, reloadTables, useBases, useTables } from './schema-store.ts';

export function BasePage({ baseId }: { baseId: string }) {
  const bases = useBases();
  const tables = useTables(baseId);
  const access = useBaseAccess(baseId);
  const actions = useSchemaActions();
  const baseList = dataOf(bases);
  const base = baseList?.find((b) => b.id === baseId);
  const list = dataOf(tables);

  if (!baseList && bases.status === 'error')
    return <LoadError message={bases.message} onRetry={() => void reloadBases()} />;
  if (!baseList) return <Loading label="Loading base" />;
  if (!base)
    return (
      <EmptyState title="Base not found">
        <p>It was deleted, or you are not a member.</p>
        <AppLink to={{ page: 'home' }}>Back to your bases</AppLink>
      </EmptyState>
    );

  let body: ReactNode;
  if (!list && tables.status === 'error')
    body = <LoadError message={tables.message} onRetry={() => void reloadTables(baseId)} />;
  else if (!list) body = <Loading label="Loading tables" />;
  else if (list.length === 0)
    body = (
      <EmptyState title="No tables yet">
        {access.canDesign ? (
          <>
            <p>Tables hold your records. Start with one, add fields, then invite people.</p>
            <button
              type="button"
              className="button button-primary"
              onClick={() => actions.createTable(baseId)}
              data-testid="empty-new-table"
            >
              Create the first table
            </button>
          </>
        ) : (
          <p>The base's creators have not added tables yet.</p>
        )}
      </EmptyState>
    );
  else
    body = (
      <ul className="table-list card" data-testid="table-list">
        {list.map((table) => (
          <li key={table.id}>
            <AppLink
              to={{ page: 'table', baseId, tableId: table.id }}
              className="table-list-item"
              data-testid={`table-item-${table.title}`}
            >
              <span className="sidebar-icon" aria-hidden="true">
                ▤
              </span>
              <span className="table-list-title">{table.title}</span>
              {table.description && <span className="table-list-description">{table.description}</span>}
            </AppLink>
          </li>
        ))}
      </ul>
    );

  return (
    <Page
      title={base.title}
      testId="base-page"
      actions={
        <div className="page-actions">
          <AppLink to={{ page: 'members', baseId }} className="button" data-testid="base-members-link">
            Members
          </AppLink>
          {access.canDesign && (
            <button
              type="button"
              className="button"
              onClick={() => actions.renameBase(base)}
              data-testid="rename-base"
            >
              Rename
            </button>
          )}
          {access.canManage && (
            <button
              type="button"
              className="button button-danger"
              onClick={() => actions.deleteBase(base)}
              data-testid="delete-base"
            >
              Delete
            </button>
          )}
          {access.canDesign && list && list.length > 0 && (
            <button
              type="button"
              className="button button-primary"
              onClick={() => actions.createTable(baseId)}
              data-testid="new-table"
            >
              + New table
            </button>
          )}
        </div>
      }
    >
      {base.description && <p className="page-description">{base.description}</p>}
      {body}
      {actions.dialog}
    </Page>
  );
}
