// What glide reads from the grid: one cell by position (O(1): the cache's row, a cell built
// once per record object and column layout), and blocks of cells for copy and fill (loading
// the rows first when they are not in the cache).
import type { CellArray, GetCellsThunk, GridCell, Item, Rectangle } from '@glideapps/glide-data-grid';
import { useCallback, useMemo } from 'react';
import type { RecordRow } from '../../api/types.ts';
import { type CellEditorHooks, cellFor, loadingCell } from './cell-content.ts';
import type { GridField } from './grid-fields.ts';
import type { RecordCache } from './record-cache.ts';

export interface GridCells {
  getCellContent(cell: Item): GridCell;
  getCellsForSelection(rect: Rectangle): CellArray | GetCellsThunk;
}

export function useGridCells(
  cache: RecordCache,
  shown: readonly GridField[],
  tableId: string,
  hooks: CellEditorHooks,
  rowCount: number,
): GridCells {
  // A patched record is a new object, so its cells are built again; a new layout drops them all.
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new layout must drop the built cells
  const built = useMemo(() => new WeakMap<RecordRow, GridCell[]>(), [shown, tableId, hooks]);

  const getCellContent = useCallback(
    ([col, row]: Item): GridCell => {
      const record = cache.row(row);
      const column = shown[col];
      if (!record || !column) return loadingCell;
      let cells = built.get(record);
      if (!cells) {
        cells = [];
        built.set(record, cells);
      }
      cells[col] ??= cellFor(column, record, tableId, hooks);
      return cells[col];
    },
    [cache, shown, built, tableId, hooks],
  );

  const getCellsForSelection = useCallback(
    (rect: Rectangle): CellArray | GetCellsThunk => {
      const last = Math.min(rect.y + rect.height, rowCount) - 1;
      const read = (): CellArray =>
        Array.from({ length: Math.max(0, last - rect.y + 1) }, (_, i) =>
          Array.from({ length: rect.width }, (_, j) => getCellContent([rect.x + j, rect.y + i])),
        );
      for (let row = rect.y; row <= last; row++)
        if (!cache.row(row))
          return async () => {
            await cache.ensure(rect.y, last);
            return read();
          };
      return read();
    },
    [cache, getCellContent, rowCount],
  );

  return { getCellContent, getCellsForSelection };
}
