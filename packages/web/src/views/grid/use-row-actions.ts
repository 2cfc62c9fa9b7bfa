// Rows as wholes: expand one (the record panel), add one (at the end, then edit its first
// editable cell), delete some after asking.
import type { DataEditorRef } from '@glideapps/glide-data-grid';
import { type RefObject, useCallback, useMemo } from 'react';
import { showToast } from '../../ui/toasts.tsx';
import { gridApi } from './grid-api.ts';
import type { GridField } from './grid-fields.ts';
import type { GridWriter } from './grid-writer.ts';
import type { RecordCache } from './record-cache.ts';

/** A question the grid asks before an action that cannot be undone. */
export interface ConfirmRequest {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  onConfirm(): void;
}

/** Most rows one delete may take. */
export const rowLimit = 50_000;

export interface RowActionsInput {
  readonly cache: RecordCache;
  readonly writer: GridWriter;
  readonly tableId: string;
  readonly viewId: string;
  readonly editor: RefObject<DataEditorRef | null>;
  readonly shown: RefObject<readonly GridField[]>;
  openRecord(id: number): void;
  confirm(request: ConfirmRequest): void;
  clearSelection(): void;
}

export interface RowActions {
  openRow(row: number): void;
  askDeleteRows(rows: readonly number[]): void;
  /** Creates an empty record and shows it at the end; answers its row (glide's onRowAppended). */
  addRow(): Promise<number | undefined>;
  /** Adds a row through glide, which then opens the editor of its first editable cell. */
  appendRowAndEdit(): void;
}

export function useRowActions(input: RowActionsInput): RowActions {
  const { cache, writer, tableId, viewId, editor, shown, openRecord, confirm, clearSelection } = input;

  const openRow = useCallback(
    (row: number) => {
      const id = cache.row(row)?.Id;
      if (typeof id === 'number') openRecord(id);
    },
    [cache, openRecord],
  );

  const askDeleteRows = useCallback(
    (rows: readonly number[]) => {
      if (rows.length === 0) return;
      if (rows.length > rowLimit) {
        showToast(`Select at most ${rowLimit.toLocaleString()} rows to delete at once.`, 'error');
        return;
      }
      void cache.ensure(Math.min(...rows), Math.max(...rows)).then(() => {
        const ids = rows
          .map((row) => cache.row(row)?.Id)
          .filter((id): id is number => typeof id === 'number');
        if (ids.length === 0) return;
        const one = ids.length === 1;
        confirm({
          title: one ? 'Delete row' : `Delete ${ids.length} rows`,
          message: one
            ? 'Delete this row? This cannot be undone.'
            : `Delete these ${ids.length} rows? This cannot be undone.`,
          confirmLabel: 'Delete',
          onConfirm: () => {
            clearSelection();
            void writer.remove(ids);
          },
        });
      });
    },
    [cache, writer, confirm, clearSelection],
  );

  const addRow = useCallback(async (): Promise<number | undefined> => {
    const ids = await writer.create([{}]);
    const id = ids?.[0];
    if (id === undefined) return undefined;
    const fresh = await gridApi.rowsByIds(tableId, viewId, [id]).catch(() => undefined);
    return cache.append(fresh?.list[0] ?? { Id: id });
  }, [writer, cache, tableId, viewId]);

  const appendRowAndEdit = useCallback(() => {
    const col = Math.max(0, shown.current?.findIndex((entry) => entry.editable) ?? 0);
    void editor.current?.appendRow(col, true);
  }, [editor, shown]);

  return useMemo(
    () => ({ openRow, askDeleteRows, addRow, appendRowAndEdit }),
    [openRow, askDeleteRows, addRow, appendRowAndEdit],
  );
}
