import { TesseraError } from '@tessera/core';

type JsonObject = Record<string, unknown>;

/** Column-request keys of lookups and rollups; kept in the field's meta under the same names. */
const computedKeys = [
  'fk_relation_column_id',
  'fk_lookup_column_id',
  'fk_rollup_column_id',
  'rollup_function',
];
const linkTypes = new Set(['Links', 'LinkToAnotherRecord']);

/**
 * NocoDB's column-request keys of links (`childId`, `parentId`, `type`), lookups and rollups
 * (`fk_relation_column_id`, …), top-level or in `colOptions`, as the field meta keys the store
 * reads (docs/links.md). Undefined when the body has none.
 */
export function computedFieldMeta(body: JsonObject): JsonObject | undefined {
  const colOptions =
    body.colOptions && typeof body.colOptions === 'object' && !Array.isArray(body.colOptions)
      ? (body.colOptions as JsonObject)
      : {};
  const read = (key: string): unknown => body[key] ?? colOptions[key];
  const meta: JsonObject = {};
  for (const key of computedKeys) if (read(key) !== undefined) meta[key] = read(key);
  if (typeof body.uidt === 'string' && linkTypes.has(body.uidt)) {
    const related = read('childId') ?? read('fk_related_model_id');
    if (related !== undefined) meta.related_table_id = related;
    if (read('type') !== undefined) meta.relation_type = read('type');
    const parent = read('parentId');
    if (parent !== undefined) {
      if (typeof parent !== 'string')
        throw new TesseraError('ERR_INVALID_REQUEST_BODY', "'parentId' must be a table id");
      meta.parent_table_id = parent;
    }
  }
  return Object.keys(meta).length > 0 ? meta : undefined;
}
