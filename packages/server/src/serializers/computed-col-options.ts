import { type FieldModel, linkMetaOf, lookupMetaOf, rollupMetaOf } from '@tessera/core';

/**
 * NocoDB's `colOptions` of link, lookup and rollup columns, from the field's meta: what
 * clients read to find the related table and the fields a lookup or rollup uses.
 */
export function computedColOptions(field: FieldModel): Record<string, unknown> | undefined {
  const link = linkMetaOf(field);
  if (link)
    return {
      fk_column_id: field.id,
      type: link.relationType,
      fk_related_model_id: link.relatedTableId,
      fk_inverse_column_id: link.inverseFieldId,
      ...(link.junction ? { mm_table_name: link.junction.table } : {}),
    };
  const lookup = lookupMetaOf(field);
  if (lookup)
    return {
      fk_column_id: field.id,
      fk_relation_column_id: lookup.relationFieldId,
      fk_lookup_column_id: lookup.lookupFieldId,
    };
  const rollup = rollupMetaOf(field);
  if (rollup)
    return {
      fk_column_id: field.id,
      fk_relation_column_id: rollup.relationFieldId,
      fk_rollup_column_id: rollup.rollupFieldId,
      rollup_function: rollup.fn,
    };
  return undefined;
}
