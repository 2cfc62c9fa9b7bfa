// The canvas grid of one view's records (glide-data-grid): rows paged in as they scroll
// into view, an editor per field type, keyboard navigation and range selection, TSV copy
// and paste, fill down, undo/redo, rows added and deleted, columns resized, moved, hidden
// and frozen, and other people's changes shown live.
import {
  type CellClickedEventArgs,
  CompactSelection,
  DataEditorCore,
  type DataEditorRef,
  type GridSelection,
  ImageWindowLoaderImpl,
  type Item,
  type Rectangle,
  sprites,
} from '@glideapps/glide-data-grid';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { Field } from '../../api/types.ts';
import { FieldConfigDialog } from '../../fields/FieldConfigDialog.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import type { ViewProps } from '../view-props.ts';
import type { CellEditorHooks } from './cell-content.ts';
import { gridCellRenderers } from './cell-renderers/expand-marker-renderer.ts';
import { fieldCellRenderer } from './cell-renderers/field-cell-renderer.ts';
import { FloatingMenu, type MenuItem } from './FloatingMenu.tsx';
import { toGridColumns } from './grid-columns.ts';
import { type GridField, gridFields, maxColumnWidth, minColumnWidth } from './grid-fields.ts';
import { headerMenuItems, rowMenuItems } from './grid-menus.ts';
import type { GridQuery } from './grid-query.ts';
import { gridTheme } from './grid-theme.ts';
import { GridWriter, type WriterTarget } from './grid-writer.ts';
import type { RangeContext } from './range-edits.ts';
import { useColumnActions } from './use-column-actions.ts';
import { useEditHandlers } from './use-edit-handlers.ts';
import { useFrozenColumns } from './use-frozen-columns.ts';
import { useGridCells } from './use-grid-cells.ts';
import { useGridKeys } from './use-grid-keys.ts';
import { useGridStats } from './use-grid-stats.ts';
import { useLiveRows } from './use-live-rows.ts';
import { useRecordCache } from './use-record-cache.ts';
import { type ConfirmRequest, useRowActions } from './use-row-actions.ts';
import { useViewColumns } from './use-view-columns.ts';
import './grid.css';

export interface RecordGridProps extends ViewProps {
  readonly query: GridQuery;
  /** Extra `where` for one group's rows (grouped grids); ANDed with query.where. */
  readonly groupWhere?: string | undefined;
  /** Fixed height in pixels (grouped sections); fills its container otherwise. */
  readonly height?: number | undefined;
}

const customRenderers = [fieldCellRenderer];
const headerHeight = 36;
const markerWidth = 64;
const emptySelection: GridSelection = { columns: CompactSelection.empty(), rows: CompactSelection.empty() };

type Menu =
  | { readonly kind: 'header'; readonly col: number; readonly x: number; readonly y: number }
  | { readonly kind: 'row'; readonly row: number; readonly x: number; readonly y: number };

export function RecordGrid(props: RecordGridProps) {
  const { table, view, canEdit, canDesign, query, groupWhere, height, openRecord, reloadTable } = props;
  const editor = useRef<DataEditorRef>(null);
  const container = useRef<HTMLDivElement>(null);
  const region = useRef<Rectangle>({ x: 0, y: 0, width: 0, height: 0 });
  const [selection, setSelection] = useState<GridSelection>(emptySelection);
  const selectionRef = useRef(selection);
  selectionRef.current = selection;
  const selectionBefore = useRef(selection);
  const onGridSelectionChange = useCallback((next: GridSelection) => {
    selectionBefore.current = selectionRef.current;
    setSelection(next);
  }, []);
  const undoMarkerToggle = useCallback(() => setSelection(selectionBefore.current), []);
  const [imageLoader] = useState(() => new ImageWindowLoaderImpl());
  const [menu, setMenu] = useState<Menu | undefined>(undefined);
  const [confirm, setConfirm] = useState<ConfirmRequest | undefined>(undefined);
  const [fieldDialog, setFieldDialog] = useState<{ field?: Field } | undefined>(undefined);
  const [rowsRevision, setRowsRevision] = useState(0);
  const theme = useMemo(() => gridTheme(), []);

  // Columns: the view's shown fields, widths being dragged, frozen count.
  const viewColumns = useViewColumns(view.id, query.revision, table.columns);
  const baseFields = useMemo(
    () => (viewColumns.columns ? gridFields(table.columns, viewColumns.columns, view, canEdit) : []),
    [table.columns, viewColumns.columns, view, canEdit],
  );
  const reloadRows = useCallback(() => setRowsRevision((n) => n + 1), []);
  const actions = useColumnActions({
    view,
    fields: table.columns,
    shown: baseFields,
    columns: viewColumns,
    canDesign,
    reloadTable,
    reloadRows,
  });
  const shown = useMemo<GridField[]>(
    () =>
      baseFields.map((entry) => {
        const width = actions.liveWidths[entry.field.id];
        return width === undefined ? entry : { ...entry, width };
      }),
    [baseFields, actions.liveWidths],
  );
  const shownRef = useRef<readonly GridField[]>(shown);
  shownRef.current = shown;
  const columns = useMemo(() => toGridColumns(shown), [shown]);
  const frozen = useFrozenColumns(query, view.meta, actions.frozen, actions.clearFrozen);
  const freezeColumns = Math.max(0, Math.min(frozen, columns.length - 1));

  // Rows: the cache, redrawn cell by cell as pages arrive.
  const publishStats = useRef<() => void>(() => undefined);
  const rowsChanged = useCallback((first: number, last: number) => {
    const visible = region.current;
    const cells: { cell: Item }[] = [];
    for (let row = Math.max(first, visible.y); row <= Math.min(last, visible.y + visible.height); row++)
      for (let col = 0; col < shownRef.current.length; col++) cells.push({ cell: [col, row] });
    if (cells.length > 0) editor.current?.updateCells(cells);
    publishStats.current();
  }, []);
  const where = useMemo(
    () => [query.where, groupWhere].filter((text): text is string => Boolean(text)),
    [query.where, groupWhere],
  );
  const fieldsKey = table.columns.map((field) => `${field.id}:${field.title}:${field.uidt}`).join('|');
  const { cache, total, error } = useRecordCache(
    table.id,
    view.id,
    where,
    `${query.revision}/${rowsRevision}/${fieldsKey}`,
    rowsChanged,
  );
  const rowCount = total ?? 0;
  const statsColumns = useMemo(
    () => shown.map((entry) => ({ title: entry.field.title, width: entry.width })),
    [shown],
  );
  publishStats.current = useGridStats(container, cache, {
    headerHeight,
    rowHeight: query.rowHeight,
    markerWidth,
    columns: statsColumns,
    frozenColumns: freezeColumns,
  });

  const scrollTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onVisibleRegionChanged = useCallback(
    (range: Rectangle) => {
      region.current = range;
      if (scrollTimer.current !== undefined) return;
      scrollTimer.current = setTimeout(() => {
        scrollTimer.current = undefined;
        cache.show(region.current.y, region.current.y + region.current.height);
      }, 30);
    },
    [cache],
  );
  useEffect(() => () => clearTimeout(scrollTimer.current), []);

  // Writes: every edit through the writer (save queue, undo, revert on refusal).
  const target = useRef<WriterTarget>({ tableId: table.id, viewId: view.id, cache });
  target.current = { tableId: table.id, viewId: view.id, cache };
  const [writer] = useState(() => new GridWriter(() => target.current));
  useLiveRows(view.base_id, table.id, cache, writer);
  const rangeContext = useCallback(
    (): RangeContext => ({ fields: shownRef.current, cache, writer, canAdd: canEdit }),
    [cache, writer, canEdit],
  );
  const editorHooks = useMemo<CellEditorHooks>(
    () => ({
      canAddOptions: canDesign,
      linksChanged: (recordId) => void writer.reread([recordId]),
      tableChanged: () => void reloadTable(),
    }),
    [canDesign, writer, reloadTable],
  );
  const { getCellContent, getCellsForSelection } = useGridCells(
    cache,
    shown,
    table.id,
    editorHooks,
    rowCount,
  );

  const clearSelection = useCallback(() => setSelection(emptySelection), []);
  const rows = useRowActions({
    cache,
    writer,
    tableId: table.id,
    viewId: view.id,
    editor,
    shown: shownRef,
    openRecord,
    confirm: setConfirm,
    clearSelection,
  });
  const edits = useEditHandlers(rangeContext, rows, rowCount);
  const keys = useGridKeys(canEdit, writer, rows, selection, undoMarkerToggle);

  const onCellContextMenu = useCallback(([, row]: Item, event: CellClickedEventArgs) => {
    event.preventDefault();
    setMenu({
      kind: 'row',
      row,
      x: event.bounds.x + event.localEventX,
      y: event.bounds.y + event.localEventY,
    });
  }, []);
  const onHeaderMenuClick = useCallback((col: number, bounds: Rectangle) => {
    setMenu({ kind: 'header', col, x: bounds.x, y: bounds.y + bounds.height });
  }, []);
  const onHeaderContextMenu = useCallback(
    (col: number, event: { bounds: Rectangle; preventDefault(): void }) => {
      event.preventDefault();
      setMenu({ kind: 'header', col, x: event.bounds.x, y: event.bounds.y + event.bounds.height });
    },
    [],
  );

  const keybindings = useMemo(
    () => ({
      activateCell: 'Enter|shift+Enter|F2',
      delete: canEdit ? 'Delete|Backspace' : false,
      downFill: canEdit,
      rightFill: canEdit,
      paste: canEdit,
      cut: canEdit,
      search: false,
    }),
    [canEdit],
  );
  const pvLocked = shown[0]?.field.pv === true;
  /** Keys go back to the grid when a menu or dialog closes. */
  const refocus = () => editor.current?.focus();
  const closeConfirm = () => {
    setConfirm(undefined);
    refocus();
  };

  const menuItems = (): MenuItem[] => {
    if (!menu) return [];
    if (menu.kind === 'row') {
      const picked = selection.rows.hasIndex(menu.row) ? selection.rows.toArray() : [menu.row];
      return rowMenuItems(picked.length, canEdit, {
        expand: () => rows.openRow(menu.row),
        insertRow: rows.appendRowAndEdit,
        deleteRows: () => rows.askDeleteRows(picked),
      });
    }
    const entry = shown[menu.col];
    if (!entry) return [];
    return headerMenuItems(entry.field, menu.col, canDesign, {
      editField: (field) => setFieldDialog({ field }),
      sort: actions.sort,
      freezeUpTo: actions.freezeUpTo,
      hide: actions.hide,
      deleteField: (field) =>
        setConfirm({
          title: 'Delete field',
          message: `Delete the field “${field.title}” and all its values? This cannot be undone.`,
          confirmLabel: 'Delete field',
          onConfirm: () => actions.removeField(field),
        }),
    });
  };

  if (viewColumns.error) return <div className="error-state">{viewColumns.error}</div>;
  if (!viewColumns.columns) return <div className="spinner" aria-busy="true" />;

  return (
    <div
      ref={container}
      className="record-grid"
      data-testid="record-grid"
      data-view-id={view.id}
      style={height === undefined ? undefined : { height }}
    >
      {error && total === undefined ? (
        <div className="error-state record-grid-error">
          {error}{' '}
          <button type="button" className="button button-small" onClick={() => cache.reset()}>
            Try again
          </button>
        </div>
      ) : (
        <DataEditorCore
          ref={editor}
          renderers={gridCellRenderers}
          headerIcons={sprites}
          imageWindowLoader={imageLoader}
          width="100%"
          height="100%"
          theme={theme}
          columns={columns}
          rows={rowCount}
          getCellContent={getCellContent}
          getCellsForSelection={getCellsForSelection}
          customRenderers={customRenderers}
          onVisibleRegionChanged={onVisibleRegionChanged}
          rowHeight={query.rowHeight}
          headerHeight={headerHeight}
          freezeColumns={freezeColumns}
          rowMarkers={{ kind: 'both', width: markerWidth }}
          smoothScrollX
          smoothScrollY
          gridSelection={selection}
          onGridSelectionChange={onGridSelectionChange}
          keybindings={keybindings}
          fillHandle={canEdit}
          onCellsEdited={edits.onCellsEdited}
          onPaste={canEdit ? edits.onPaste : false}
          onDelete={edits.onDelete}
          onKeyDown={keys.onKeyDown}
          onCellClicked={keys.onCellClicked}
          onCellContextMenu={onCellContextMenu}
          onHeaderMenuClick={onHeaderMenuClick}
          onHeaderContextMenu={onHeaderContextMenu}
          minColumnWidth={minColumnWidth}
          maxColumnWidth={maxColumnWidth}
          onColumnResizeStart={(column) => column.id && actions.resizeStart(column.id)}
          onColumnResize={(column, width) => column.id && actions.resize(column.id, width)}
          onColumnResizeEnd={(column, width) => column.id && actions.resizeEnd(column.id, width)}
          onColumnMoved={actions.move}
          onColumnProposeMove={(from, to) => canDesign && !(pvLocked && (from <= 1 || to <= 1))}
          trailingRowOptions={canEdit ? { hint: 'New row', sticky: true, tint: true } : undefined}
          onRowAppended={canEdit ? rows.addRow : undefined}
          rightElement={
            canDesign ? (
              <button
                type="button"
                className="grid-add-field"
                data-testid="grid-add-field"
                title="Add a field"
                aria-label="Add a field"
                onClick={() => setFieldDialog({})}
              >
                +
              </button>
            ) : undefined
          }
          rightElementProps={{ fill: false, sticky: false }}
        />
      )}
      {menu && (
        <FloatingMenu
          x={menu.x}
          y={menu.y}
          label={menu.kind === 'row' ? 'Row actions' : 'Field actions'}
          items={menuItems()}
          onClose={() => {
            setMenu(undefined);
            refocus();
          }}
        />
      )}
      {confirm && (
        <ConfirmDialog
          title={confirm.title}
          confirmLabel={confirm.confirmLabel}
          onConfirm={() => {
            closeConfirm();
            confirm.onConfirm();
          }}
          onClose={closeConfirm}
        >
          {confirm.message}
        </ConfirmDialog>
      )}
      {fieldDialog && (
        <FieldConfigDialog
          table={table}
          field={fieldDialog.field}
          onClose={() => {
            setFieldDialog(undefined);
            refocus();
          }}
          onSaved={() => {
            setFieldDialog(undefined);
            refocus();
            void reloadTable();
          }}
        />
      )}
    </div>
  );
}
