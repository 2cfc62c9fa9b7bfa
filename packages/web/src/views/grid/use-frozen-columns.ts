// Columns frozen after the row numbers: chosen in the header menu, else the toolbar's once it
// changed it, else the view's saved `meta.frozenColumns`, else the toolbar's default.
import { useEffect, useRef, useState } from 'react';
import type { GridQuery } from './grid-query.ts';

export function useFrozenColumns(
  query: GridQuery,
  meta: Record<string, unknown> | null,
  chosen: number | undefined,
  clearChosen: () => void,
): number {
  const first = useRef(query.frozenColumns);
  const [toolbarChanged, setToolbarChanged] = useState(false);
  useEffect(() => {
    if (query.frozenColumns === first.current) return;
    first.current = query.frozenColumns;
    setToolbarChanged(true);
    clearChosen();
  }, [query.frozenColumns, clearChosen]);
  const saved = typeof meta?.frozenColumns === 'number' ? meta.frozenColumns : undefined;
  return chosen ?? (toolbarChanged ? query.frozenColumns : (saved ?? query.frozenColumns));
}
