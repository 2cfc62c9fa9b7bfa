// Changes to the grid query from the toolbar's panels, which answer asynchronously: each
// change is applied over the latest query (not the one a panel saw when it started), and
// `refetch` bumps the revision so the grid loads its rows again.
import { useCallback, useMemo, useRef } from 'react';
import type { GridQuery } from '../grid-query.ts';

export interface QueryUpdater {
  update(change: Partial<GridQuery>): void;
  /** The view's filters, sorts or columns changed on the server. */
  refetch(): void;
}

export function useQueryUpdater(query: GridQuery, onQueryChange: (query: GridQuery) => void): QueryUpdater {
  const latest = useRef(query);
  const rendered = useRef(query);
  if (rendered.current !== query) {
    rendered.current = query;
    latest.current = query;
  }
  const update = useCallback(
    (change: Partial<GridQuery>) => {
      const next = { ...latest.current, ...change };
      latest.current = next;
      onQueryChange(next);
    },
    [onQueryChange],
  );
  const refetch = useCallback(() => update({ revision: latest.current.revision + 1 }), [update]);
  return useMemo(() => ({ update, refetch }), [update, refetch]);
}
