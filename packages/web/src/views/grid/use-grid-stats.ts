// Keeps the grid's published stats (grid-stats.ts) current: after each page of rows, when the
// first rows are painted, and when the layout changes.
import { type RefObject, useCallback, useEffect, useRef } from 'react';
import { type GridStats, publishGridStats } from './grid-stats.ts';
import type { RecordCache } from './record-cache.ts';

export type GridLayoutStats = Pick<
  GridStats,
  'headerHeight' | 'rowHeight' | 'markerWidth' | 'columns' | 'frozenColumns'
>;

/** Answers a stable function that publishes the stats now. */
export function useGridStats(
  container: RefObject<HTMLElement | null>,
  cache: RecordCache,
  layout: GridLayoutStats,
): () => void {
  const latest = useRef(layout);
  latest.current = layout;
  const firstPaintAt = useRef<number | undefined>(undefined);

  const publish = useCallback(() => {
    if (firstPaintAt.current === undefined && cache.loadedRows > 0)
      requestAnimationFrame(() => {
        if (firstPaintAt.current !== undefined) return;
        firstPaintAt.current = performance.now();
        publish();
      });
    publishGridStats(container.current, {
      ...latest.current,
      loadedPages: cache.loadedPages,
      loadedRows: cache.loadedRows,
      totalRows: cache.totalRows,
      firstPaintAt: firstPaintAt.current,
    });
  }, [container, cache]);

  const { rowHeight, columns, frozenColumns } = layout;
  // biome-ignore lint/correctness/useExhaustiveDependencies: republish when the layout changes
  useEffect(() => publish(), [publish, rowHeight, columns, frozenColumns]);
  return publish;
}
