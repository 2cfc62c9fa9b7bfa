// What the column headers do: resize (width saved when the drag ends), move (orders saved),
// hide, freeze up to a column (saved in the view's meta), sort the view by a field, delete a
// field. Changes to the view are saved only for those who may design it; others keep them
// for this page.
import { useCallback, useMemo, useRef, useState } from 'react';
import { metaApi } from '../../api/meta-api.ts';
import type { Field, View } from '../../api/types.ts';
import { showToast } from '../../ui/toasts.tsx';
import { gridApi } from './grid-api.ts';
import { type GridField, reorderedColumns } from './grid-fields.ts';
import { announceViewSetupChange } from './grid-query.ts';
import type { ViewColumnsState } from './use-view-columns.ts';

export interface ColumnActionsInput {
  readonly view: View;
  readonly fields: readonly Field[];
  readonly shown: readonly GridField[];
  readonly columns: ViewColumnsState;
  readonly canDesign: boolean;
  reloadTable(): Promise<void>;
  /** Loads the rows again (the view's sorts changed). */
  reloadRows(): void;
}

export interface ColumnActions {
  /** Widths being dragged, by field id (shown before they are saved). */
  readonly liveWidths: Readonly<Record<string, number>>;
  /** Frozen columns chosen here, overriding the view's until the toolbar changes them. */
  readonly frozen: number | undefined;
  resizeStart(fieldId: string): void;
  resize(fieldId: string, width: number): void;
  resizeEnd(fieldId: string, width: number): void;
  move(from: number, to: number): void;
  hide(field: Field): void;
  freezeUpTo(index: number): void;
  sort(field: Field, direction: 'asc' | 'desc'): void;
  removeField(field: Field): void;
  clearFrozen(): void;
}

const failed = (reason: unknown) =>
  showToast(reason instanceof Error ? reason.message : String(reason), 'error');

export function useColumnActions(input: ColumnActionsInput): ColumnActions {
  const { view, fields, shown, columns, canDesign, reloadTable, reloadRows } = input;
  const [liveWidths, setLiveWidths] = useState<Record<string, number>>({});
  const [frozen, setFrozen] = useState<number | undefined>(undefined);

  // Glide may report one more size after the drag ended; only sizes between a start and an
  // end count.
  const resizing = useRef<string | undefined>(undefined);
  const resizeStart = useCallback((fieldId: string) => {
    resizing.current = fieldId;
  }, []);

  const resize = useCallback((fieldId: string, width: number) => {
    if (resizing.current !== fieldId) return;
    setLiveWidths((widths) => ({ ...widths, [fieldId]: Math.round(width) }));
  }, []);

  const resizeEnd = useCallback(
    (fieldId: string, width: number) => {
      resizing.current = undefined;
      setLiveWidths((widths) => ({ ...widths, [fieldId]: Math.round(width) }));
      if (!canDesign) return;
      void columns
        .update(fieldId, { width: `${Math.round(width)}px` })
        .then(() => setLiveWidths(({ [fieldId]: _, ...rest }) => rest));
    },
    [canDesign, columns],
  );

  const move = useCallback(
    (from: number, to: number) => {
      if (!canDesign || !columns.columns) return;
      const sequence = [...shown];
      const [moved] = sequence.splice(from, 1);
      if (!moved) return;
      sequence.splice(to, 0, moved);
      const before = sequence[to + 1]?.field.id;
      const saves = reorderedColumns(columns.columns, fields, moved.field.id, before).map((change) =>
        columns.update(change.fieldId, { order: change.order }),
      );
      void Promise.allSettled(saves).then(() => announceViewSetupChange(view.id));
    },
    [canDesign, columns, fields, shown, view.id],
  );

  const hide = useCallback(
    (field: Field) => {
      if (canDesign)
        void Promise.resolve(columns.update(field.id, { show: false })).then(() =>
          announceViewSetupChange(view.id),
        );
    },
    [canDesign, columns, view.id],
  );

  const freezeUpTo = useCallback(
    (index: number) => {
      const count = index + 1;
      setFrozen(count);
      if (!canDesign) return;
      gridApi
        .mergeViewMeta(view.id, { frozenColumns: count })
        .then(() => reloadTable())
        .catch(failed);
    },
    [canDesign, view.id, reloadTable],
  );

  const sort = useCallback(
    (field: Field, direction: 'asc' | 'desc') => {
      gridApi
        .sortViewBy(view.id, field.id, direction)
        .then(() => {
          reloadRows();
          announceViewSetupChange(view.id);
          return reloadTable();
        })
        .catch(failed);
    },
    [view.id, reloadRows, reloadTable],
  );

  const removeField = useCallback(
    (field: Field) => {
      metaApi
        .deleteField(field.id)
        .then(() => reloadTable())
        .catch(failed);
    },
    [reloadTable],
  );

  const clearFrozen = useCallback(() => setFrozen(undefined), []);

  return useMemo(
    () => ({
      liveWidths,
      frozen,
      resizeStart,
      resize,
      resizeEnd,
      move,
      hide,
      freezeUpTo,
      sort,
      removeField,
      clearFrozen,
    }),
    [
      liveWidths,
      frozen,
      resizeStart,
      resize,
      resizeEnd,
      move,
      hide,
      freezeUpTo,
      sort,
      removeField,
      clearFrozen,
    ],
  );
}
