// Create, rename and delete bases and tables, each through a dialog. The sidebar, the home page
// and the base page share these: `useSchemaActions()` gives the actions and the open dialog.
import { type ReactNode, useState } from 'react';
import { metaApi } from '../api/meta-api.ts';
import type { Base, Table } from '../api/types.ts';
import { navigate, useRoute } from '../app/router.ts';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { showToast } from '../ui/toasts.tsx';
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

interface DeleteRequest {
  readonly noun: 'base' | 'table';
  readonly title: string;
  /** What goes with it, e.g. "all its tables and records". */
  readonly contents: string;
  remove(): Promise<unknown>;
  /** Leaves its page when it is the one shown. */
  leave(): void;
  reload(): Promise<void>;
}

export function useSchemaActions(): SchemaActions {
  const route = useRoute();
  const [dialog, setDialog] = useState<ReactNode>(null);
  const close = () => setDialog(null);
  const currentBase = 'baseId' in route ? route.baseId : undefined;
  const currentTable = route.page === 'table' ? route.tableId : undefined;

  const askName = (
    title: string,
    label: string,
    submitLabel: string,
    initial: string | undefined,
    save: (name: string) => Promise<void>,
  ) =>
    setDialog(
      <NameDialog
        title={title}
        label={label}
        initial={initial}
        submitLabel={submitLabel}
        onClose={close}
        onSubmit={save}
      />,
    );
  const askDelete = ({ noun, title, contents, remove, leave, reload }: DeleteRequest) =>
    setDialog(
      <ConfirmDialog
        title={`Delete ${noun}`}
        confirmLabel={`Delete ${noun}`}
        onClose={close}
        onConfirm={async () => {
          await remove();
          close();
          leave();
          await reload();
          showToast(`${noun === 'base' ? 'Base' : 'Table'} “${title}” deleted`);
        }}
      >
        Delete <strong>{title}</strong> with {contents}? This cannot be undone.
      </ConfirmDialog>,
    );

  return {
    dialog,
    createBase() {
      askName('New base', 'Base name', 'Create base', undefined, async (title) => {
        const base = await metaApi.createBase(title);
        await reloadBases();
        close();
        navigate({ page: 'base', baseId: base.id });
      });
    },
    renameBase(base) {
      askName('Rename base', 'Base name', 'Rename', base.title, async (title) => {
        await metaApi.updateBase(base.id, { title });
        await reloadBases();
        close();
      });
    },
    deleteBase(base) {
      askDelete({
        noun: 'base',
        title: base.title,
        contents: 'all its tables and records',
        remove: () => metaApi.deleteBase(base.id),
        leave: () => currentBase === base.id && navigate({ page: 'home' }),
        reload: reloadBases,
      });
    },
    createTable(baseId) {
      askName('New table', 'Table name', 'Create table', undefined, async (title) => {
        const table = await metaApi.createTable(baseId, { title, columns: starterColumns });
        await reloadTables(baseId);
        close();
        navigate({ page: 'table', baseId, tableId: table.id });
      });
    },
    renameTable(table) {
      askName('Rename table', 'Table name', 'Rename', table.title, async (title) => {
        await metaApi.renameTable(table.id, title);
        await reloadTables(table.base_id);
        close();
      });
    },
    deleteTable(table) {
      askDelete({
        noun: 'table',
        title: table.title,
        contents: 'all its records, fields and views',
        remove: () => metaApi.deleteTable(table.id),
        leave: () => currentTable === table.id && navigate({ page: 'base', baseId: table.base_id }),
        reload: () => reloadTables(table.base_id),
      });
    },
  };
}
