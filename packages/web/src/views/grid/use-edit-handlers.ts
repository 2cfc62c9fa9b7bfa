// Glide's editing callbacks, each one undoable bulk write: cells edited (an editor, a checkbox
// click, fill down), a pasted block, Delete / Backspace on a selection (rows picked with the
// row markers are deleted after asking instead).
import type { EditListItem, GridSelection, Item, Rectangle } from '@glideapps/glide-data-grid';
import { useCallback, useMemo } from 'react';
import { showToast } from '../../ui/toasts.tsx';
import { clearRanges, pasteBlock, type RangeContext, writeEditedCells } from './range-edits.ts';
import { type RowActions, rowLimit } from './use-row-actions.ts';

export interface EditHandlers {
  onCellsEdited(items: readonly EditListItem[]): boolean;
  onPaste(target: Item, values: readonly (readonly string[])[]): boolean;
  onDelete(selection: GridSelection): boolean;
}

export function useEditHandlers(
  context: () => RangeContext,
  rows: RowActions,
  rowCount: number,
): EditHandlers {
  const onCellsEdited = useCallback(
    (items: readonly EditListItem[]) => {
      void writeEditedCells(context(), items);
      return true;
    },
    [context],
  );

  const onPaste = useCallback(
    (target: Item, values: readonly (readonly string[])[]) => {
      void pasteBlock(context(), target, values);
      return false;
    },
    [context],
  );

  const onDelete = useCallback(
    (selection: GridSelection) => {
      if (selection.rows.length > 0) {
        rows.askDeleteRows(selection.rows.toArray());
        return false;
      }
      const ranges: Rectangle[] = [];
      if (selection.current) ranges.push(selection.current.range, ...selection.current.rangeStack);
      for (const col of selection.columns) ranges.push({ x: col, y: 0, width: 1, height: rowCount });
      const cells = ranges.reduce((sum, range) => sum + range.width * range.height, 0);
      if (cells > rowLimit) showToast(`Select at most ${rowLimit.toLocaleString()} cells to clear.`, 'error');
      else void clearRanges(context(), ranges);
      return false;
    },
    [context, rows, rowCount],
  );

  return useMemo(() => ({ onCellsEdited, onPaste, onDelete }), [onCellsEdited, onPaste, onDelete]);
}
