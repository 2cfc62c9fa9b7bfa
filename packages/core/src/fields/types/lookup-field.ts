import { createComputedField } from '../shared/link-values.ts';
import { createMetaNormaliser, deepFreeze, nonEmptyStringRule } from '../shared/meta.ts';

const defaultMeta = deepFreeze({});
/** Whether the ids name a link of this table and a field of its related table is checked by the store. */
const normalise = createMetaNormaliser(defaultMeta, {
  fk_relation_column_id: nonEmptyStringRule,
  fk_lookup_column_id: nonEmptyStringRule,
});

/**
 * Lookup: the values of one field of the linked records (`fk_lookup_column_id`), through a
 * link field of the same table (`fk_relation_column_id`); a list, ordered by linked record id.
 */
export const lookupField = createComputedField('Lookup', {
  storage: 'json',
  filterKind: 'json',
  defaultMeta,
  normaliseMeta: normalise,
});
