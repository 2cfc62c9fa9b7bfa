import type { FieldType } from '../field-type.ts';
import { createMetaNormaliser, deepFreeze, integerRule, nonEmptyStringRule } from '../shared/meta.ts';
import { describeValue, invalid, isBlank, nonCanonical } from '../shared/values.ts';

const TRUE_TEXT = new Set(['true', '1']);
const FALSE_TEXT = new Set(['false', '0']);
/** Extra words read only with typecast. */
const LOOSE_TRUE_TEXT = new Set(['yes', 'y', 'checked', 'on']);
const LOOSE_FALSE_TEXT = new Set(['no', 'n', 'unchecked', 'off']);

const defaultMeta = deepFreeze({
  iconIdx: 0,
  icon: { checked: 'mdi-check-bold', unchecked: 'mdi-crop-square' },
  color: '#777',
});

/**
 * Checkbox: true/false. Accepts booleans, 1/0 and "true"/"false"/"1"/"0" (any case, trimmed);
 * with typecast also yes/no, y/n, checked/unchecked, on/off. Always answers true/false.
 */
export const checkboxField: FieldType = {
  name: 'Checkbox',
  storage: 'boolean',
  filterKind: 'boolean',
  serverManaged: false,
  defaultMeta,
  normaliseMeta: createMetaNormaliser(defaultMeta, {
    iconIdx: integerRule(0, 1000),
    color: nonEmptyStringRule,
  }),
  parseInput(value, _field, context) {
    if (isBlank(value)) return null;
    if (typeof value === 'boolean') return value;
    if (value === 1 || value === 0) return value === 1;
    if (typeof value === 'string') {
      const text = value.trim().toLowerCase();
      if (TRUE_TEXT.has(text) || (context.typecast && LOOSE_TRUE_TEXT.has(text))) return true;
      if (FALSE_TEXT.has(text) || (context.typecast && LOOSE_FALSE_TEXT.has(text))) return false;
    }
    return invalid(`Expected true or false, got ${describeValue(value)}`);
  },
  toApiValue(canonical) {
    if (canonical === null || canonical === undefined) return null;
    if (typeof canonical === 'boolean') return canonical;
    if (canonical === 1 || canonical === 1n || canonical === '1' || canonical === 't') return true;
    if (canonical === 0 || canonical === 0n || canonical === '0' || canonical === 'f') return false;
    throw nonCanonical('Checkbox', canonical);
  },
};
