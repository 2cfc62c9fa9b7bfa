import type { FieldType } from '../field-type.ts';
import { parseTimeInput, parseTimeText } from '../shared/date-time.ts';
import { booleanRule, createMetaNormaliser, deepFreeze } from '../shared/meta.ts';
import { nonCanonical } from '../shared/values.ts';

const defaultMeta = deepFreeze({});

/**
 * Time: a time of day 'HH:mm:ss'. Accepts 'H:mm', 'HH:mm', 'HH:mm:ss' (fractions dropped);
 * with typecast also 12-hour text ("2:30 PM") and ISO date-times (their UTC time).
 */
export const timeField: FieldType = {
  name: 'Time',
  storage: 'time',
  filterKind: 'time',
  serverManaged: false,
  defaultMeta,
  normaliseMeta: createMetaNormaliser(defaultMeta, { is12hrFormat: booleanRule }),
  parseInput(value, _field, context) {
    return parseTimeInput(value, context);
  },
  toApiValue(canonical) {
    if (canonical === null || canonical === undefined) return null;
    if (typeof canonical === 'string') {
      try {
        const text = parseTimeText(canonical.trim(), false);
        if (text !== undefined) return text;
      } catch {
        // reported below
      }
    }
    throw nonCanonical('Time', canonical);
  },
};
