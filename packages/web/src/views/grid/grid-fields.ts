// Which fields the grid shows, in which order and width, and whether their cells can be
// edited: the view's shown columns in view order, the display-value field first, system
// fields (Id, CreatedAt, UpdatedAt) only when the view asks for them.
import type { Field, FieldType, View, ViewColumn } from '../../api/types.ts';
import { isComputed } from '../../fields/field-kinds.ts';

export interface GridField {
  readonly field: Field;
  readonly width: number;
  /** The view column's `order` (kept when columns are moved). */
  readonly order: number;
  /** The caller may edit and the server accepts values for this field. */
  readonly editable: boolean;
}

const defaultWidths: Partial<Record<FieldType, number>> = {
  Checkbox: 90,
  Number: 120,
  Decimal: 120,
  Currency: 130,
  Percent: 110,
  Rating: 130,
  Duration: 110,
  Date: 130,
  Time: 110,
  DateTime: 190,
  CreatedTime: 190,
  LastModifiedTime: 190,
  LongText: 260,
  AutoNumber: 100,
  ID: 80,
};

export const minColumnWidth = 60;
export const maxColumnWidth = 800;

function widthOf(field: Field, column: ViewColumn | undefined): number {
  const saved = Number.parseInt(column?.width ?? '', 10);
  if (Number.isFinite(saved) && saved > 0) return Math.min(maxColumnWidth, Math.max(minColumnWidth, saved));
  return field.pv ? 220 : (defaultWidths[field.uidt] ?? 180);
}

/** The view asks to show system fields (`meta.showSystemFields`). */
export function showsSystemFields(view: View): boolean {
  return view.meta?.showSystemFields === true;
}

export function gridFields(
  fields: readonly Field[],
  columns: readonly ViewColumn[],
  view: View,
  canEdit: boolean,
): GridField[] {
  const byField = new Map(columns.map((column) => [column.fk_column_id, column]));
  const withSystem = showsSystemFields(view);
  const shown = fields.filter((field) => {
    const column = byField.get(field.id);
    if (column && !column.show) return false;
    return withSystem || !(field.system || field.pk);
  });
  const ordered = shown
    .map((field) => ({ field, order: byField.get(field.id)?.order ?? field.order }))
    .sort((a, b) => a.order - b.order || a.field.order - b.field.order);
  const display = ordered.findIndex((entry) => entry.field.pv);
  if (display > 0) ordered.unshift(...ordered.splice(display, 1));
  return ordered.map(({ field, order }) => ({
    field,
    order,
    width: widthOf(field, byField.get(field.id)),
    editable: canEdit && !isComputed(field),
  }));
}

/**
 * The view columns' new orders after moving one shown field before another (or to the end):
 * every field of the view gets 1, 2, 3… in the new sequence; answers only the changed ones.
 */
export function reorderedColumns(
  columns: readonly ViewColumn[],
  fields: readonly Field[],
  movedFieldId: string,
  beforeFieldId: string | undefined,
): { fieldId: string; order: number }[] {
  const orderOf = (fieldId: string) =>
    columns.find((c) => c.fk_column_id === fieldId)?.order ??
    fields.find((f) => f.id === fieldId)?.order ??
    0;
  const sequence = fields.map((field) => field.id).sort((a, b) => orderOf(a) - orderOf(b));
  const from = sequence.indexOf(movedFieldId);
  if (from < 0) return [];
  sequence.splice(from, 1);
  const to = beforeFieldId === undefined ? sequence.length : sequence.indexOf(beforeFieldId);
  sequence.splice(to < 0 ? sequence.length : to, 0, movedFieldId);
  return sequence
    .map((fieldId, index) => ({ fieldId, order: index + 1 }))
    .filter(({ fieldId, order }) => orderOf(fieldId) !== order);
}
