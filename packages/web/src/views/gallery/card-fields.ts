// What a record card shows: its title (the display value), the view's shown fields and a
// cover image from an Attachment field. Used by gallery and kanban cards.
import type { Field, RecordRow, View, ViewColumn } from '../../api/types.ts';
import { attachmentsOf, formatValue } from '../../fields/format-value.ts';

/** The field whose value names a record: the display value, else the first non-system field. */
export function displayFieldOf(fields: readonly Field[]): Field | undefined {
  return fields.find((f) => f.pv) ?? fields.find((f) => !f.system && !f.pk);
}

/** A record's name as text: its display value, or `Record <Id>` when that is empty. */
export function recordTitleOf(fields: readonly Field[], record: RecordRow): string {
  const field = displayFieldOf(fields);
  const text = field ? formatValue(field, record[field.title]).trim() : '';
  return text || `Record ${record.Id ?? ''}`.trim();
}

/**
 * The fields a card lists below its title, in the view's column order: those the view shows,
 * without system fields, the display value and any field named in `exclude`.
 */
export function cardFieldsOf(
  fields: readonly Field[],
  columns: readonly ViewColumn[],
  exclude: readonly (string | null | undefined)[] = [],
): Field[] {
  const title = displayFieldOf(fields);
  const left = new Set([title?.id, ...exclude]);
  const byField = new Map(columns.map((c) => [c.fk_column_id, c]));
  return fields
    .filter((f) => !f.system && !f.pk && !left.has(f.id))
    .filter((f) => byField.get(f.id)?.show ?? true)
    .sort((a, b) => (byField.get(a.id)?.order ?? a.order) - (byField.get(b.id)?.order ?? b.order));
}

/** The fields a view's cards list: as cardFieldsOf, without the cover field either. */
export function viewCardFieldsOf(
  fields: readonly Field[],
  columns: readonly ViewColumn[],
  view: Pick<View, 'fk_cover_image_col_id'>,
  exclude: readonly (string | null | undefined)[] = [],
): Field[] {
  return cardFieldsOf(fields, columns, [view.fk_cover_image_col_id, ...exclude]);
}

/** Fields that can serve as a card's cover. */
export function coverFieldsOf(fields: readonly Field[]): Field[] {
  return fields.filter((f) => f.uidt === 'Attachment');
}

/** The address of the record's cover image: the first image in the cover field, as a thumbnail. */
export function coverUrlOf(record: RecordRow, coverField: Field | undefined): string | undefined {
  if (!coverField) return undefined;
  const image = attachmentsOf(record[coverField.title]).find((file) => file.mimetype?.startsWith('image/'));
  if (!image) return undefined;
  const thumbnail = image.thumbnails?.card_cover;
  return thumbnail?.signedUrl ?? thumbnail?.url ?? image.signedUrl ?? image.url;
}

/** True when a value would show nothing on a card. */
export function isEmptyValue(value: unknown): boolean {
  return (
    value === null ||
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
  );
}
