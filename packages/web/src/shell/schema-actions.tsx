// Create, rename and delete bases and tables, each through a dialog. The sidebar, the home page
// and the base page share these: `useSchemaActions()` gives the actions and the open dialog.
import { type ReactNode, useState } from 'react';
import { metaApi } from '../api/meta-api.ts';
import type { Base, Table } from '../api/types.ts';
import { navigate, useRoute } from '../app/router.ts';
import { showToast } from '../ui/toasts.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';
import { NameDialog } from './NameDialog.tsx';
import { reloadBases, reloadTables } from './schema-store.ts';

/** A new table starts with a text field for its display value, as in NocoDB. */
const starterColumns = [{ title: 'Title', uidt: 'SingleLineText' as const }];

export interface SchemaActions {
  /** The open dialog, to render somewhere in the caller. */
  readonly dialog: ReactNode;
  createBase(): void;
  renameBase(base: Base): void;
  deleteBase(base: Base): void;
  createTable(baseId: string): void;
  renameTable(table: Table): void;
  deleteTable(table: Table): void;
}

export function useSchemaActions(): SchemaActions {
  const route = useRoute();
  const [dialog, setDialog] = useState<ReactNode>(null);
  const close = () => setDialog(null);
  const currentBase = 'baseId' in route ? route.baseId : undefined;
  const currentTable = route.page === 'table' ? route.tableId : undefined;

  return {
    dialog,
    createBase() {
      setDialog(
        <NameDialog
          title="New base"
          label="Base name"
          submitLabel="Create base"
          onClose={close}
          onSubmit={async (title) => {
            const base = await metaApi.createBase(title);
            await reloadBases();
            close();
            navigate({ page: 'base', baseId: base.id });
          }}
        />,
      );
    },
    renameBase(base) {
      setDialog(
        <NameDialog
          title="Rename base"
          label="Base name"
          initial={base.title}
          submitLabel="Rename"
          onClose={close}
          onSubmit={async (title) => {
            await metaApi.updateBase(base.id, { title });
            await reloadBases();
            close();
          }}
        />,
      );
    },
    deleteBase(base) {
      setDialog(
        <ConfirmDialog
          title="Delete base"
          confirmLabel="Delete base"
          onClose={close}
          onConfirm={async () => {
            await metaApi.deleteBase(base.id);
            close();
            if (currentBase === base.id) navigate({ page: 'home' });
            await reloadBases();
            showToast(`Base “${base.title}” deleted`);
          }}
        >
          Delete <strong>{base.title}</strong> with all its tables and records? This cannot be undone.
        </ConfirmDialog>,
      );
    },
    createTable(baseId) {
      setDialog(
        <NameDialog
          title="New table"
          label="Table name"
          submitLabel="Create table"
          onClose={close}
          onSubmit={async (title) => {
            const table = await metaApi.createTable(baseId, { title, columns: starterColumns });
            await reloadTables(baseId);
            close();
            navigate({ page: 'table', baseId, tableId: table.id });
          }}
        />,
      );
    },
    renameTable(table) {
      setDialog(
        <NameDialog
          title="Rename table"
          label="Table name"
          initial={table.title}
          submitLabel="Rename"
          onClose={close}
          onSubmit={async (title) => {
            await metaApi.renameTable(table.id, title);
            await reloadTables(table.base_id);
            close();
          }}
        />,
      );
    },
    deleteTable(table) {
      setDialog(
        <ConfirmDialog
          title="Delete table"
          confirmLabel="Delete table"
          onClose={close}
          onConfirm={async () => {
            await metaApi.deleteTable(table.id);
            close();
            if (currentTable === table.id) navigate({ page: 'base', baseId: table.base_id });
            await reloadTables(table.base_id);
            showToast(`Table “${table.title}” deleted`);
          }}
        >
          Delete <strong>{table.title}</strong> with all its records, fields and views? This cannot be undone.
        </ConfirmDialog>,
      );
    },
  };
}
