// The records of a view, a page at a time: the first page on mount, the next on demand, and
// the shown ones again when the table changes (live events, debounced).
import { useCallback, useEffect, useRef, useState } from 'react';
import type { RecordRow } from '../../api/types.ts';
import { subscribeTable } from '../../live/live-feed.ts';
import { appendPage, fetchRecordPage, refetchShown } from './record-pages.ts';

export interface PagedRecords {
  readonly rows: readonly RecordRow[];
  /** Records in the view, or undefined before the first page arrives. */
  readonly total: number | undefined;
  readonly loading: boolean;
  readonly error: string | undefined;
  loadMore(): void;
  refresh(): void;
}

export function usePagedRecords(baseId: string, tableId: string, viewId: string): PagedRecords {
  const [rows, setRows] = useState<readonly RecordRow[]>([]);
  const [total, setTotal] = useState<number | undefined>(undefined);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | undefined>(undefined);
  const shown = useRef(0);
  const generation = useRef(0);
  shown.current = rows.length;

  const run = useCallback(
    (load: () => Promise<{ rows: RecordRow[]; total: number }>, merge: (page: RecordRow[]) => void) => {
      const mine = ++generation.current;
      setLoading(true);
      load()
        .then((page) => {
          if (mine !== generation.current) return;
          merge(page.rows);
          setTotal(page.total);
          setError(undefined);
        })
        .catch((reason: Error) => mine === generation.current && setError(reason.message))
        .finally(() => mine === generation.current && setLoading(false));
    },
    [],
  );

  const refresh = useCallback(
    () => run(() => refetchShown(tableId, viewId, undefined, shown.current), setRows),
    [run, tableId, viewId],
  );
  const loadMore = useCallback(() => {
    if (loading || (total !== undefined && shown.current >= total)) return;
    run(
      () => fetchRecordPage(tableId, viewId, undefined, shown.current),
      (page) => setRows((list) => appendPage(list, page)),
    );
  }, [run, tableId, viewId, loading, total]);

  useEffect(refresh, [refresh]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = subscribeTable(baseId, tableId, () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, 250);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [baseId, tableId, refresh]);

  return { rows, total, loading, error, loadMore, refresh };
}
