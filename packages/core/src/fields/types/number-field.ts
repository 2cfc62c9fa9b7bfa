import { booleanRule } from '../shared/meta.ts';
import { createNumberField } from '../shared/number-field.ts';

/** Number: a whole number (NocoDB's bigint Number), within the safe-integer range. */
export const numberField = createNumberField({
  name: 'Number',
  storage: 'integer',
  defaultMeta: { isLocaleString: false },
  metaRules: { isLocaleString: booleanRule },
});
