// A table's views as tabs: click to open; for designers a "⋯" menu (or right-click, or a
// double-click to rename) with rename, duplicate, share and delete, and "+ View" to create a
// grid, kanban, gallery or form view.
import { type MouseEvent, useState } from 'react';
import { metaApi } from '../api/meta-api.ts';
import type { Field, View, ViewTypeNumber } from '../api/types.ts';
import { navigate } from '../app/router.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { showToast } from '../ui/toasts.tsx';
import { CreateViewDialog } from './CreateViewDialog.tsx';
import { NameDialog } from './NameDialog.tsx';
import { type MenuAction, PopupMenu, pointUnder, useMenu } from './PopupMenu.tsx';
import { ShareViewDialog } from './ShareViewDialog.tsx';
import { viewTypeOf, viewTypes } from './view-types.ts';

export interface ViewTabsProps {
  readonly baseId: string;
  readonly tableId: string;
  readonly fields: readonly Field[];
  readonly views: readonly View[];
  readonly activeViewId: string | undefined;
  readonly canDesign: boolean;
  /** Loads the table's views again after a change. */
  reload(): Promise<void>;
}

type ViewDialog =
  | { readonly kind: 'create'; readonly type: ViewTypeNumber }
  | { readonly kind: 'duplicate' | 'rename' | 'delete' | 'share'; readonly view: View };

export function ViewTabs({ baseId, tableId, fields, views, activeViewId, canDesign, reload }: ViewTabsProps) {
  const [dialog, setDialog] = useState<ViewDialog | null>(null);
  const viewMenu = useMenu();
  const [menuView, setMenuView] = useState<View | null>(null);
  const typeMenu = useMenu();
  const close = () => setDialog(null);
  const open = (viewId: string) => navigate({ page: 'table', baseId, tableId, viewId });

  const openViewMenu = (view: View, at: { x: number; y: number }) => {
    setMenuView(view);
    viewMenu.open(at);
  };
  const viewActions = (view: View): MenuAction[] => [
    { label: 'Rename', testId: 'view-menu-rename', onSelect: () => setDialog({ kind: 'rename', view }) },
    {
      label: 'Duplicate',
      testId: 'view-menu-duplicate',
      onSelect: () => setDialog({ kind: 'duplicate', view }),
    },
    { label: 'Share…', testId: 'view-menu-share', onSelect: () => setDialog({ kind: 'share', view }) },
    {
      label: 'Delete',
      testId: 'view-menu-delete',
      danger: true,
      hidden: views.length < 2,
      onSelect: () => setDialog({ kind: 'delete', view }),
    },
  ];

  const created = async (view: View) => {
    await reload();
    close();
    open(view.id);
  };

  return (
    <div className="view-tabs" role="tablist" aria-label="Views" data-testid="view-tabs">
      {views.map((view) => {
        const active = view.id === activeViewId;
        const info = viewTypeOf(view.type);
        return (
          // biome-ignore lint/a11y/noStaticElementInteractions: right-click is a shortcut; the "⋯" button opens the same menu from the keyboard
          <div
            key={view.id}
            className={`view-tab${active ? ' active' : ''}`}
            onContextMenu={
              canDesign
                ? (event: MouseEvent) => {
                    event.preventDefault();
                    openViewMenu(view, { x: event.clientX, y: event.clientY });
                  }
                : undefined
            }
          >
            <button
              type="button"
              role="tab"
              aria-selected={active}
              className="view-tab-button"
              title={`${info.label} view`}
              onClick={() => open(view.id)}
              onDoubleClick={() => canDesign && setDialog({ kind: 'rename', view })}
              data-testid={`view-tab-${view.title}`}
              data-view-type={info.key}
            >
              <span className={`view-icon view-icon-${info.key}`} aria-hidden="true">
                {info.icon}
              </span>
              <span className="view-tab-title">{view.title}</span>
            </button>
            {canDesign && active && (
              <button
                type="button"
                className="icon-button view-tab-menu"
                aria-label={`Actions for view ${view.title}`}
                onClick={(event) => openViewMenu(view, pointUnder(event))}
                data-testid="view-menu-button"
              >
                ⋯
              </button>
            )}
          </div>
        );
      })}
      {canDesign && (
        <button
          type="button"
          className="button button-small button-ghost view-add"
          onClick={(event) => typeMenu.open(pointUnder(event))}
          data-testid="new-view"
        >
          + View
        </button>
      )}
      {viewMenu.at && menuView && (
        <PopupMenu at={viewMenu.at} onClose={viewMenu.close} actions={viewActions(menuView)} />
      )}
      {typeMenu.at && (
        <PopupMenu
          at={typeMenu.at}
          onClose={typeMenu.close}
          actions={viewTypes.map((info) => ({
            label: `${info.icon}  ${info.label}`,
            testId: `new-view-${info.key}`,
            onSelect: () => setDialog({ kind: 'create', type: info.type }),
          }))}
        />
      )}
      {dialog?.kind === 'create' && (
        <CreateViewDialog
          tableId={tableId}
          fields={fields}
          views={views}
          type={dialog.type}
          onCreated={(view) => void created(view)}
          onClose={close}
        />
      )}
      {dialog?.kind === 'duplicate' && (
        <CreateViewDialog
          tableId={tableId}
          fields={fields}
          views={views}
          type={dialog.view.type}
          copyOf={dialog.view}
          onCreated={(view) => void created(view)}
          onClose={close}
        />
      )}
      {dialog?.kind === 'rename' && (
        <NameDialog
          title="Rename view"
          label="View name"
          initial={dialog.view.title}
          submitLabel="Rename"
          onClose={close}
          onSubmit={async (title) => {
            await metaApi.updateView(dialog.view.id, { title });
            await reload();
            close();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title="Delete view"
          confirmLabel="Delete view"
          onClose={close}
          onConfirm={async () => {
            const { view } = dialog;
            await metaApi.deleteView(view.id);
            close();
            if (view.id === activeViewId) {
              const next = views.find((other) => other.id !== view.id);
              navigate(
                { page: 'table', baseId, tableId, ...(next ? { viewId: next.id } : {}) },
                { replace: true },
              );
            }
            await reload();
            showToast(`View “${view.title}” deleted`);
          }}
        >
          Delete the view <strong>{dialog.view.title}</strong>? Its records stay; only this way of showing
          them goes.
        </ConfirmDialog>
      )}
      {dialog?.kind === 'share' && (
        <ShareViewDialog view={dialog.view} onClose={close} onChanged={() => void reload()} />
      )}
    </div>
  );
}
