import type { ApiVersion, FieldModel, TableModel } from '@tessera/core';

/** Fields of linked records to show inside a link's value, per link field id (`nested[Link][fields]`). */
export type NestedFields = ReadonlyMap<string, readonly FieldModel[]>;

/** What shape records are read in: the API version, and fields of linked records to show. */
export interface ReadShape {
  readonly version: ApiVersion;
  readonly nested?: NestedFields;
}

/** How many linked records a v3 Links value lists (the link endpoints page through all). */
export const NESTED_LIMIT = 25;

/** A key naming a read shape, for caches of SQL and mappers. */
export function shapeKey(shape: ReadShape): string {
  if (!shape.nested || shape.nested.size === 0) return shape.version;
  const parts = [...shape.nested].map(([id, fields]) => `${id}=${fields.map((f) => f.id).join(',')}`);
  return `${shape.version};${parts.sort().join(';')}`;
}

/**
 * The fields a link's value shows of each linked record after its id: those asked for with
 * `nested`, else the related table's display value.
 */
export function linkedRecordFields(
  related: TableModel,
  linkFieldId: string,
  nested: NestedFields | undefined,
): readonly FieldModel[] {
  const asked = nested?.get(linkFieldId);
  if (asked) return asked.filter((f) => !f.pk);
  const display = related.fields.find((f) => f.primaryValue);
  return display && !display.pk ? [display] : [];
}
