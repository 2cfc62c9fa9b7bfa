// The rows of a shared view, a page at a time: the first page on open (and whenever the
// search changes), the next one on demand (scrolling to the end, or "Load more").
import { useCallback, useEffect, useState } from 'react';
import type { RecordRow } from '../../api/types.ts';
import { publicApi } from './public-api.ts';

export const sharedPageSize = 50;

export interface SharedRows {
  readonly rows: RecordRow[];
  readonly total: number | null;
  readonly loading: boolean;
  readonly error: string | null;
  readonly done: boolean;
  /** Loads the next page, or the failed one again. */
  loadMore(): void;
}

interface Request {
  readonly where: string | undefined;
  readonly page: number;
  readonly attempt: number;
}

export function useSharedRows(
  uuid: string,
  password: string | undefined,
  where: string | undefined,
): SharedRows {
  const [request, setRequest] = useState<Request>({ where, page: 0, attempt: 0 });
  const [rows, setRows] = useState<RecordRow[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  // A new search starts over from the first page.
  if (request.where !== where) setRequest({ where, page: 0, attempt: 0 });

  useEffect(() => {
    const abort = new AbortController();
    const { page } = request;
    setLoading(true);
    setError(null);
    publicApi
      .rows(
        uuid,
        { limit: sharedPageSize, offset: page * sharedPageSize, where: request.where },
        password,
        abort.signal,
      )
      .then((answer) => {
        setRows((previous) => (page === 0 ? answer.list : [...previous, ...answer.list]));
        setTotal(answer.pageInfo?.totalRows ?? null);
        setDone(answer.pageInfo?.isLastPage ?? answer.list.length < sharedPageSize);
        setLoading(false);
      })
      .catch((failure: Error) => {
        if (abort.signal.aborted) return;
        setError(failure.message);
        setLoading(false);
      });
    return () => abort.abort();
  }, [uuid, password, request]);

  const loadMore = useCallback(() => {
    if (error) setRequest((r) => ({ ...r, attempt: r.attempt + 1 }));
    else if (!loading && !done) setRequest((r) => ({ ...r, page: r.page + 1 }));
  }, [loading, done, error]);

  return { rows, total, loading, error, done, loadMore };
}
