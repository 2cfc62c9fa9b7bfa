import { rollupFunctions } from '../shared/link-kinds.ts';
import { createComputedField } from '../shared/link-values.ts';
import {
  booleanRule,
  createMetaNormaliser,
  deepFreeze,
  integerRule,
  nonEmptyStringRule,
  oneOfRule,
} from '../shared/meta.ts';
import { describeValue, invalid } from '../shared/values.ts';

const defaultMeta = deepFreeze({ precision: 0, isLocaleString: false });
const normalise = createMetaNormaliser(defaultMeta, {
  fk_relation_column_id: nonEmptyStringRule,
  fk_rollup_column_id: nonEmptyStringRule,
  rollup_function: oneOfRule(rollupFunctions),
  where: (value, key) =>
    typeof value === 'string'
      ? value
      : invalid(`meta.${key} must be a where filter, got ${describeValue(value)}`),
  precision: integerRule(0, 8),
  isLocaleString: booleanRule,
});

/**
 * Rollup: one number (or, for min/max, one value) computed over a field of the linked records
 * with `rollup_function`, optionally only over the linked records matching `where`.
 */
export const rollupField = createComputedField('Rollup', {
  storage: 'real',
  filterKind: 'number',
  defaultMeta,
  normaliseMeta(meta) {
    // Whether the ids name a link of this table and a field of its related table is checked by the store.
    const merged = normalise(meta);
    if (typeof merged.where === 'string' && merged.where.trim() === '') delete merged.where;
    return merged;
  },
});
