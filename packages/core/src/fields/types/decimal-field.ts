import { booleanRule } from '../shared/meta.ts';
import { createNumberField } from '../shared/number-field.ts';
import { precisionRule } from '../shared/number-meta.ts';

/** Decimal: a real number; `meta.precision` is the number of decimals shown. */
export const decimalField = createNumberField({
  name: 'Decimal',
  storage: 'real',
  defaultMeta: { precision: 1, isLocaleString: false },
  metaRules: { precision: precisionRule, isLocaleString: booleanRule },
});
