// The grid's own keys and clicks on top of glide's navigation: Ctrl/Cmd+Z undo, Shift+Ctrl/Cmd+Z
// and Ctrl+Y redo, Ctrl/Cmd+Shift+Enter adds a row, Space expands the selected row; a click on
// a row's expand icon, or a double click on its number, expands that row.
import type { CellClickedEventArgs, GridKeyEventArgs, GridSelection, Item } from '@glideapps/glide-data-grid';
import { useCallback, useRef } from 'react';
import { expandZoneWidth } from './cell-renderers/expand-marker-renderer.ts';
import type { GridWriter } from './grid-writer.ts';
import type { RowActions } from './use-row-actions.ts';

const doubleClickMs = 450;

export function useGridKeys(
  canEdit: boolean,
  writer: GridWriter,
  rows: RowActions,
  selection: GridSelection,
  /** Puts back the row selection glide toggled on the mouse-down of an expand click. */
  undoMarkerToggle: () => void,
) {
  const onKeyDown = useCallback(
    (event: GridKeyEventArgs) => {
      const primary = event.ctrlKey || event.metaKey;
      const key = event.key.toLowerCase();
      const handled = () => {
        event.cancel();
        event.preventDefault();
        event.stopPropagation();
      };
      if (primary && (key === 'z' || key === 'y')) {
        handled();
        if (canEdit) void (key === 'y' || event.shiftKey ? writer.redoLast() : writer.undoLast());
      } else if (primary && event.shiftKey && event.key === 'Enter' && canEdit) {
        handled();
        rows.appendRowAndEdit();
      } else if (event.key === ' ' && !primary && !event.shiftKey && !event.altKey) {
        const row = selection.current?.cell[1];
        if (row === undefined) return;
        handled();
        rows.openRow(row);
      }
    },
    [canEdit, writer, rows, selection],
  );

  // Glide's own double-click flag also counts two clicks on different cells, so the row and
  // the time are checked here.
  const lastMarkerClick = useRef({ row: -1, at: 0 });
  const onCellClicked = useCallback(
    ([col, row]: Item, event: CellClickedEventArgs) => {
      if (col !== -1) return;
      if (event.localEventX >= event.bounds.width - expandZoneWidth) {
        undoMarkerToggle();
        rows.openRow(row);
        return;
      }
      const now = performance.now();
      const last = lastMarkerClick.current;
      lastMarkerClick.current = { row, at: now };
      if (last.row === row && now - last.at < doubleClickMs) rows.openRow(row);
    },
    [rows, undoMarkerToggle],
  );

  return { onKeyDown, onCellClicked };
}
