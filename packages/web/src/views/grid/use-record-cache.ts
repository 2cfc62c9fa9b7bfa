// The grid's record cache for one view: pages through the view (its filters and sorts apply
// by viewId) with the toolbar's search and a group's condition ANDed; starts over when they
// change, and refreshes the rows on screen when the window gets focus back.
import { useEffect, useRef, useState } from 'react';
import { gridApi } from './grid-api.ts';
import { RecordCache } from './record-cache.ts';

export interface RecordCacheState {
  readonly cache: RecordCache;
  /** Rows in the view; undefined until the first page answered. */
  readonly total: number | undefined;
  /** The first page could not be loaded. */
  readonly error: string | undefined;
}

/** Rows first asked for, before the grid reports what it shows. */
const firstRows = 60;

export function useRecordCache(
  tableId: string,
  viewId: string,
  where: readonly string[],
  revision: string,
  rowsChanged: (first: number, last: number) => void,
): RecordCacheState {
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const whereRef = useRef(where);
  whereRef.current = where;
  const rowsChangedRef = useRef(rowsChanged);
  rowsChangedRef.current = rowsChanged;

  const [cache] = useState(
    () =>
      new RecordCache(
        (offset, limit, signal) =>
          gridApi.listPage(tableId, { viewId, where: whereRef.current, offset, limit }, signal),
        {
          rowsChanged: (first, last) => {
            setError(undefined);
            rowsChangedRef.current(first, last);
          },
          totalChanged: setTotal,
          failed: (reason) => setError(reason instanceof Error ? reason.message : String(reason)),
        },
      ),
  );

  const started = useRef(false);
  const whereKey = where.join('\u0001');
  // biome-ignore lint/correctness/useExhaustiveDependencies: the where text and revision trigger a reload
  useEffect(() => {
    if (!started.current) {
      started.current = true;
      cache.show(0, firstRows);
      return;
    }
    cache.reset();
  }, [cache, whereKey, revision]);

  useEffect(() => {
    const onFocus = () => cache.refresh();
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [cache]);

  return { cache, total, error };
}
