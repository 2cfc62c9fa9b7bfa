// Edits that touch a range of cells, each sent as one bulk write and undone as one step:
// cells edited through glide (an editor, a checkbox click, fill down), a pasted TSV block
// (adding rows when it runs past the last one), and clearing a selection.
import type { EditListItem, Item, Rectangle } from '@glideapps/glide-data-grid';
import type { RecordRow } from '../../api/types.ts';
import { isLinkField } from '../../fields/field-kinds.ts';
import { valueOfCell } from './cell-content.ts';
import type { GridField } from './grid-fields.ts';
import type { GridWriter } from './grid-writer.ts';
import { clearedValue, type Parsed, valueFromText } from './paste-values.ts';
import type { RecordCache } from './record-cache.ts';
import type { CellChange } from './undo-stack.ts';

export interface RangeContext {
  readonly fields: readonly GridField[];
  readonly cache: RecordCache;
  readonly writer: GridWriter;
  /** New rows may be created (the caller may edit). */
  readonly canAdd: boolean;
}

function changeAt(
  context: RangeContext,
  col: number,
  row: number,
  parse: (column: GridField) => Parsed | undefined,
): CellChange | undefined {
  const column = context.fields[col];
  const record = context.cache.row(row);
  if (!column?.editable || typeof record?.Id !== 'number') return undefined;
  const parsed = parse(column);
  if (!parsed?.ok) return undefined;
  return { rowId: record.Id, field: column.field, before: record[column.field.title], after: parsed.value };
}

async function ensureRows(cache: RecordCache, rows: readonly number[]): Promise<void> {
  if (rows.length === 0) return;
  await cache.ensure(Math.min(...rows), Math.max(...rows));
}

/** Cells glide edited (overlay editor, checkbox, fill): one write. */
export async function writeEditedCells(context: RangeContext, items: readonly EditListItem[]): Promise<void> {
  await ensureRows(
    context.cache,
    items.map((item) => item.location[1]),
  );
  const changes: CellChange[] = [];
  const linkRows: number[] = [];
  for (const { location, value } of items) {
    const change = changeAt(context, location[0], location[1], (column) => {
      const next = valueOfCell(column.field, value);
      if (next === undefined) return undefined;
      // Link pickers link and unlink by themselves; a count is no value to write.
      if (isLinkField(column.field) && (typeof next === 'number' || next === null)) return undefined;
      return { ok: true, value: next };
    });
    if (change) changes.push(change);
    const column = context.fields[location[0]];
    const id = context.cache.row(location[1])?.Id;
    if (column && isLinkField(column.field) && typeof id === 'number') linkRows.push(id);
  }
  await context.writer.write(changes);
  if (linkRows.length > 0) await context.writer.reread(linkRows);
}

/** A pasted block at `target`: converted per column type, rows added past the end. */
export async function pasteBlock(
  context: RangeContext,
  target: Item,
  values: readonly (readonly string[])[],
): Promise<void> {
  const [col, row] = target;
  const total = context.cache.totalRows ?? 0;
  const onExisting = Math.max(0, Math.min(values.length, total - row));
  if (onExisting > 0) await context.cache.ensure(row, row + onExisting - 1);
  const changes: CellChange[] = [];
  values.slice(0, onExisting).forEach((line, r) => {
    line.forEach((text, c) => {
      const change = changeAt(context, col + c, row + r, (column) => valueFromText(column.field, text));
      if (change) changes.push(change);
    });
  });
  const bodies: RecordRow[] = context.canAdd
    ? values.slice(onExisting).map((line) => {
        const body: RecordRow = {};
        line.forEach((text, c) => {
          const column = context.fields[col + c];
          const parsed = column?.editable ? valueFromText(column.field, text) : undefined;
          if (column && parsed?.ok) body[column.field.title] = parsed.value;
        });
        return body;
      })
    : [];
  let created: { ids: number[]; bodies: RecordRow[] } | undefined;
  if (bodies.length > 0) {
    const ids = await context.writer.create(bodies, true);
    if (ids) created = { ids, bodies };
    context.cache.refresh();
  }
  await context.writer.write(changes, { typecast: true, created });
}

/** Delete / Backspace on a selection: every editable cell in the ranges emptied, one write. */
export async function clearRanges(context: RangeContext, ranges: readonly Rectangle[]): Promise<void> {
  const changes: CellChange[] = [];
  for (const range of ranges) {
    if (range.height <= 0) continue;
    await context.cache.ensure(range.y, range.y + range.height - 1);
    for (let row = range.y; row < range.y + range.height; row++)
      for (let col = range.x; col < range.x + range.width; col++) {
        const change = changeAt(context, col, row, (column) => clearedValue(column.field));
        if (change) changes.push(change);
      }
  }
  await context.writer.write(changes);
}
