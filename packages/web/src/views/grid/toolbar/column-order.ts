// The fields panel's view of a view's columns: every field with its column settings, in view
// order, and the order numbers a drag produces.
import type { Field, ViewColumn } from '../../../api/types.ts';

export interface ColumnEntry {
  readonly field: Field;
  readonly show: boolean;
  readonly order: number;
}

export function columnEntries(fields: readonly Field[], columns: readonly ViewColumn[]): ColumnEntry[] {
  return fields
    .map((field) => {
      const column = columns.find((c) => c.fk_column_id === field.id);
      return { field, show: column ? column.show : true, order: column ? column.order : field.order };
    })
    .sort((a, b) => a.order - b.order || a.field.order - b.field.order);
}

/**
 * The entries shown in the panel were dragged into `movedIds` order; the others keep their
 * places. Answers each field's new order number (1, 2, …) for the fields whose number changes.
 */
export function reorderedColumns(
  entries: readonly ColumnEntry[],
  movedIds: readonly string[],
): { fieldId: string; order: number }[] {
  const moved = new Set(movedIds);
  const queue = [...movedIds];
  const sequence = entries.map((entry) => (moved.has(entry.field.id) ? queue.shift()! : entry.field.id));
  return sequence
    .map((fieldId, index) => ({ fieldId, order: index + 1 }))
    .filter(({ fieldId, order }) => entries.find((e) => e.field.id === fieldId)?.order !== order);
}
