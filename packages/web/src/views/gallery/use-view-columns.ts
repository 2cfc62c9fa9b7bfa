// A view's columns (which fields its cards show, in what order), with a toggle that shows or
// hides one field at once and saves it; a refused save is undone and shown.
import { useCallback, useEffect, useState } from 'react';
import { metaApi } from '../../api/meta-api.ts';
import type { ViewColumn } from '../../api/types.ts';
import { showToast } from '../../ui/toasts.tsx';

export interface ViewColumnsState {
  /** The columns, or undefined while they load. */
  readonly columns: readonly ViewColumn[] | undefined;
  setShown(fieldId: string, show: boolean): void;
}

export function useViewColumns(viewId: string): ViewColumnsState {
  const [columns, setColumns] = useState<readonly ViewColumn[] | undefined>(undefined);

  useEffect(() => {
    let live = true;
    metaApi
      .viewColumns(viewId)
      .then((answer) => live && setColumns(answer.list))
      .catch((error: Error) => {
        if (!live) return;
        setColumns([]);
        showToast(`Could not load the view's fields: ${error.message}`, 'error');
      });
    return () => {
      live = false;
    };
  }, [viewId]);

  const setShown = useCallback(
    (fieldId: string, show: boolean) => {
      const mark = (value: boolean) =>
        setColumns((list) => list?.map((c) => (c.fk_column_id === fieldId ? { ...c, show: value } : c)));
      mark(show);
      metaApi.updateViewColumn(viewId, fieldId, { show }).catch((error: Error) => {
        mark(!show);
        showToast(error.message, 'error');
      });
    },
    [viewId],
  );

  return { columns, setShown };
}
