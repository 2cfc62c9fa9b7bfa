import { integerRule, metaInteger, nonEmptyStringRule } from '../shared/meta.ts';
import { createNumberField } from '../shared/number-field.ts';
import { describeValue, invalid } from '../shared/values.ts';

/** Largest `meta.max` a Rating field may have. */
export const MAX_RATING = 10;
const DEFAULT_MAX = 5;

/** Rating: a whole number from 0 to `meta.max` (1–10, default 5); 0 means "not rated". */
export const ratingField = createNumberField({
  name: 'Rating',
  storage: 'integer',
  expected: 'a rating (a whole number)',
  defaultMeta: {
    iconIdx: 0,
    icon: { full: 'mdi-star', empty: 'mdi-star-outline' },
    color: '#fcb401',
    max: DEFAULT_MAX,
  },
  metaRules: { max: integerRule(1, MAX_RATING), iconIdx: integerRule(0, 1000), color: nonEmptyStringRule },
  check(value, field) {
    const max = metaInteger(field.meta, 'max', DEFAULT_MAX);
    if (value < 0 || value > max) invalid(`Expected a rating from 0 to ${max}, got ${describeValue(value)}`);
  },
});
