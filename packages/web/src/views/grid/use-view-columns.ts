// The view's columns (visibility, order, width), loaded again when the toolbar changes the
// view or the table's fields change, and changed here by resizing, moving and hiding.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { metaApi } from '../../api/meta-api.ts';
import type { Field, ViewColumn } from '../../api/types.ts';
import { showToast } from '../../ui/toasts.tsx';

export interface ViewColumnsState {
  readonly columns: readonly ViewColumn[] | undefined;
  readonly error: string | undefined;
  /** Changes one column here and on the server; reverted with a toast when refused. */
  update(fieldId: string, change: Partial<Pick<ViewColumn, 'show' | 'order' | 'width'>>): Promise<boolean>;
}

export function useViewColumns(viewId: string, revision: number, fields: readonly Field[]): ViewColumnsState {
  const [columns, setColumns] = useState<readonly ViewColumn[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const current = useRef(columns);
  current.current = columns;

  // biome-ignore lint/correctness/useExhaustiveDependencies: fields and revision only trigger a reload
  useEffect(() => {
    let live = true;
    metaApi
      .viewColumns(viewId)
      .then((reply) => {
        if (!live) return;
        setColumns(reply.list);
        setError(undefined);
      })
      .catch(
        (reason: unknown) => live && setError(reason instanceof Error ? reason.message : String(reason)),
      );
    return () => {
      live = false;
    };
  }, [viewId, revision, fields]);

  const update = useCallback<ViewColumnsState['update']>(
    async (fieldId, change) => {
      const before = current.current?.find((column) => column.fk_column_id === fieldId);
      setColumns((list) =>
        list?.map((column) => (column.fk_column_id === fieldId ? { ...column, ...change } : column)),
      );
      try {
        await metaApi.updateViewColumn(viewId, fieldId, change);
        return true;
      } catch (reason) {
        setColumns((list) =>
          list?.map((column) => (column.fk_column_id === fieldId && before ? before : column)),
        );
        showToast(reason instanceof Error ? reason.message : String(reason), 'error');
        return false;
      }
    },
    [viewId],
  );

  return useMemo(() => ({ columns, error, update }), [columns, error, update]);
}
