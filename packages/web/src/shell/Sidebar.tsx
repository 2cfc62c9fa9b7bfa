// The left sidebar: every base the user can reach, each expandable to its tables and its
// members page; create, rename and delete through "⋯" menus or a right-click; the user menu
// at the foot. The item the page shows is highlighted.
import { type MouseEvent, useEffect, useState } from 'react';
import type { Base, Table } from '../api/types.ts';
import { navigate, type Route } from '../app/router.ts';
import { AppLink } from './AppLink.tsx';
import { useBaseAccess } from './base-access.ts';
import { type MenuAction, PopupMenu, pointUnder, useMenu } from './PopupMenu.tsx';
import { type SchemaActions, useSchemaActions } from './schema-actions.tsx';
import { dataOf, reloadBases, useBases, useTables } from './schema-store.ts';
import { UserMenu } from './UserMenu.tsx';

/** A row's "⋯" button and right-click both open its menu. */
function useRowMenu(actions: () => MenuAction[]) {
  const menu = useMenu();
  const onContextMenu = (event: MouseEvent<HTMLElement>) => {
    event.preventDefault();
    menu.open({ x: event.clientX, y: event.clientY });
  };
  const onMenuButton = (event: MouseEvent<HTMLElement>) => {
    event.stopPropagation();
    menu.open(pointUnder(event));
  };
  const popup = menu.at && <PopupMenu at={menu.at} onClose={menu.close} actions={actions()} />;
  return { onContextMenu, onMenuButton, popup };
}

function MenuButton({
  label,
  testId,
  onClick,
}: {
  label: string;
  testId: string;
  onClick(e: MouseEvent<HTMLElement>): void;
}) {
  return (
    <button
      type="button"
      className="icon-button sidebar-row-menu"
      aria-label={label}
      onClick={onClick}
      data-testid={testId}
    >
      ⋯
    </button>
  );
}

function TableRow({
  table,
  active,
  actions,
  canDesign,
}: {
  table: Table;
  active: boolean;
  actions: SchemaActions;
  canDesign: boolean;
}) {
  const menu = useRowMenu(() => [
    { label: 'Rename table', testId: 'table-menu-rename', onSelect: () => actions.renameTable(table) },
    {
      label: 'Delete table',
      testId: 'table-menu-delete',
      danger: true,
      onSelect: () => actions.deleteTable(table),
    },
  ]);
  return (
    <li
      className={`sidebar-row sidebar-table${active ? ' active' : ''}`}
      onContextMenu={canDesign ? menu.onContextMenu : undefined}
    >
      <AppLink
        to={{ page: 'table', baseId: table.base_id, tableId: table.id }}
        className="sidebar-link"
        aria-current={active ? 'page' : undefined}
        data-testid={`sidebar-table-${table.title}`}
      >
        <span className="sidebar-icon" aria-hidden="true">
          ▤
        </span>
        <span className="sidebar-label">{table.title}</span>
      </AppLink>
      {canDesign && (
        <MenuButton
          label={`Actions for table ${table.title}`}
          testId={`table-menu-${table.title}`}
          onClick={menu.onMenuButton}
        />
      )}
      {menu.popup}
    </li>
  );
}

function BaseTables({ base, route, actions }: { base: Base; route: Route; actions: SchemaActions }) {
  const tables = useTables(base.id);
  const access = useBaseAccess(base.id);
  const list = dataOf(tables);
  const membersActive = route.page === 'members' && route.baseId === base.id;
  return (
    <ul className="sidebar-tables">
      {!list && tables.status !== 'error' && <li className="sidebar-hint">Loading…</li>}
      {tables.status === 'error' && !list && <li className="sidebar-hint sidebar-error">{tables.message}</li>}
      {list?.length === 0 && <li className="sidebar-hint">No tables yet</li>}
      {list?.map((table) => (
        <TableRow
          key={table.id}
          table={table}
          actions={actions}
          canDesign={access.canDesign}
          active={route.page === 'table' && route.tableId === table.id}
        />
      ))}
      {access.canDesign && (
        <li className="sidebar-row">
          <button
            type="button"
            className="sidebar-link sidebar-add"
            onClick={() => actions.createTable(base.id)}
            data-testid={`sidebar-new-table-${base.title}`}
          >
            <span className="sidebar-icon" aria-hidden="true">
              +
            </span>
            <span className="sidebar-label">New table</span>
          </button>
        </li>
      )}
      <li className={`sidebar-row${membersActive ? ' active' : ''}`}>
        <AppLink
          to={{ page: 'members', baseId: base.id }}
          className="sidebar-link"
          data-testid={`sidebar-members-${base.title}`}
        >
          <span className="sidebar-icon" aria-hidden="true">
            ☺
          </span>
          <span className="sidebar-label">Members</span>
        </AppLink>
      </li>
    </ul>
  );
}

function BaseRow({
  base,
  route,
  expanded,
  onToggle,
  actions,
}: {
  base: Base;
  route: Route;
  expanded: boolean;
  onToggle(): void;
  actions: SchemaActions;
}) {
  const active = route.page === 'base' && route.baseId === base.id;
  const menu = useRowMenu(() => [
    { label: 'New table', testId: 'base-menu-new-table', onSelect: () => actions.createTable(base.id) },
    { label: 'Rename base', testId: 'base-menu-rename', onSelect: () => actions.renameBase(base) },
    {
      label: 'Members',
      testId: 'base-menu-members',
      onSelect: () => navigate({ page: 'members', baseId: base.id }),
    },
    {
      label: 'Delete base',
      testId: 'base-menu-delete',
      danger: true,
      onSelect: () => actions.deleteBase(base),
    },
  ]);
  return (
    <li className="sidebar-base">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: right-click is a shortcut; the "⋯" button opens the same menu from the keyboard */}
      <div className={`sidebar-row${active ? ' active' : ''}`} onContextMenu={menu.onContextMenu}>
        <button
          type="button"
          className="icon-button sidebar-toggle"
          aria-label={expanded ? `Collapse ${base.title}` : `Expand ${base.title}`}
          aria-expanded={expanded}
          onClick={onToggle}
          data-testid={`sidebar-toggle-${base.title}`}
        >
          {expanded ? '▾' : '▸'}
        </button>
        <AppLink
          to={{ page: 'base', baseId: base.id }}
          className="sidebar-link sidebar-base-link"
          aria-current={active ? 'page' : undefined}
          data-testid={`sidebar-base-${base.title}`}
        >
          <span className="sidebar-label">{base.title}</span>
        </AppLink>
        <MenuButton
          label={`Actions for base ${base.title}`}
          testId={`base-menu-${base.title}`}
          onClick={menu.onMenuButton}
        />
        {menu.popup}
      </div>
      {expanded && <BaseTables base={base} route={route} actions={actions} />}
    </li>
  );
}

export function Sidebar({ route }: { route: Route }) {
  const bases = useBases();
  const actions = useSchemaActions();
  const routeBase = 'baseId' in route ? route.baseId : undefined;
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(routeBase ? [routeBase] : []));
  useEffect(() => {
    if (routeBase) setExpanded((open) => (open.has(routeBase) ? open : new Set([...open, routeBase])));
  }, [routeBase]);
  const toggle = (baseId: string) =>
    setExpanded((open) => {
      const next = new Set(open);
      if (!next.delete(baseId)) next.add(baseId);
      return next;
    });
  const list = dataOf(bases);

  return (
    <aside className="sidebar" data-testid="sidebar">
      <div className="sidebar-header">
        <AppLink to={{ page: 'home' }} className="sidebar-brand" data-testid="sidebar-home">
          <span className="brand-logo" aria-hidden="true">
            ▦
          </span>
          Tessera
        </AppLink>
      </div>
      <div className="sidebar-section">
        <span>Bases</span>
        <button
          type="button"
          className="icon-button"
          aria-label="New base"
          title="New base"
          onClick={actions.createBase}
          data-testid="sidebar-new-base"
        >
          +
        </button>
      </div>
      <nav className="sidebar-tree" aria-label="Bases and tables">
        {!list && bases.status !== 'error' && (
          <div className="spinner sidebar-spinner" role="progressbar" aria-label="Loading bases" />
        )}
        {bases.status === 'error' && (
          <div className="sidebar-hint sidebar-error">
            {bases.message}{' '}
            <button type="button" className="link-button" onClick={() => void reloadBases()}>
              Retry
            </button>
          </div>
        )}
        {list?.length === 0 && <div className="sidebar-hint">No bases yet</div>}
        <ul>
          {list?.map((base) => (
            <BaseRow
              key={base.id}
              base={base}
              route={route}
              expanded={expanded.has(base.id)}
              onToggle={() => toggle(base.id)}
              actions={actions}
            />
          ))}
        </ul>
      </nav>
      <UserMenu />
      {actions.dialog}
    </aside>
  );
}
