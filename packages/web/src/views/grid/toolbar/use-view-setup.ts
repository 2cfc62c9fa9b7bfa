// A view's filters, sorts and columns as the toolbar shows them: loaded when the grid opens
// (the buttons show counts), kept up to date by the panels after each change they save, and
// read again when the grid announces a change of its own (announceViewSetupChange).
import { useCallback, useEffect, useState } from 'react';
import { metaApi } from '../../../api/meta-api.ts';
import type { ViewColumn, ViewFilter, ViewSort } from '../../../api/types.ts';
import { onViewSetupChange } from '../grid-query.ts';

export interface ViewSetup {
  readonly filters: readonly ViewFilter[];
  readonly sorts: readonly ViewSort[];
  readonly columns: readonly ViewColumn[];
  readonly loaded: boolean;
  readonly error: string | null;
  setFilters(change: (filters: readonly ViewFilter[]) => readonly ViewFilter[]): void;
  setSorts(change: (sorts: readonly ViewSort[]) => readonly ViewSort[]): void;
  setColumns(change: (columns: readonly ViewColumn[]) => readonly ViewColumn[]): void;
  /** Reads everything again (panels open with fresh lists: the grid's header menu edits too). */
  reload(): Promise<void>;
}

export function useViewSetup(viewId: string): ViewSetup {
  const [filters, setFilters] = useState<readonly ViewFilter[]>([]);
  const [sorts, setSorts] = useState<readonly ViewSort[]>([]);
  const [columns, setColumns] = useState<readonly ViewColumn[]>([]);
  const [loaded, setLoaded] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [f, s, c] = await Promise.all([
        metaApi.viewFilters(viewId),
        metaApi.viewSorts(viewId),
        metaApi.viewColumns(viewId),
      ]);
      setFilters(f.list);
      setSorts(s.list);
      setColumns(c.list);
      setError(null);
    } catch (failure) {
      setError((failure as Error).message);
    } finally {
      setLoaded(true);
    }
  }, [viewId]);

  useEffect(() => {
    void reload();
    return onViewSetupChange((changed) => {
      if (changed === viewId) void reload();
    });
  }, [reload, viewId]);

  return { filters, sorts, columns, loaded, error, setFilters, setSorts, setColumns, reload };
}
