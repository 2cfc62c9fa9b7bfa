import type { FieldType } from '../field-type.ts';
import { formatUtcDate, parseDateInput, parseIsoInstant } from '../shared/date-time.ts';
import { createMetaNormaliser, deepFreeze, metaString, nonEmptyStringRule } from '../shared/meta.ts';
import { nonCanonical } from '../shared/values.ts';

const DEFAULT_DATE_FORMAT = 'YYYY-MM-DD';
const defaultMeta = deepFreeze({ date_format: DEFAULT_DATE_FORMAT });
/** How every date is stored; returned as it is (re-parsing each one cost 7 % of a list). */
const STORED_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Date: a calendar day 'YYYY-MM-DD'. Accepts that, or ISO date-time text (its UTC date); with
 * typecast also text in the field's numeric `date_format` and epoch milliseconds.
 */
export const dateField: FieldType = {
  name: 'Date',
  storage: 'date',
  filterKind: 'date',
  serverManaged: false,
  defaultMeta,
  normaliseMeta: createMetaNormaliser(defaultMeta, { date_format: nonEmptyStringRule }),
  parseInput(value, field, context) {
    return parseDateInput(value, context, metaString(field.meta, 'date_format', DEFAULT_DATE_FORMAT));
  },
  toApiValue(canonical) {
    if (canonical === null || canonical === undefined) return null;
    if (typeof canonical === 'string' && STORED_DATE.test(canonical)) return canonical;
    if (typeof canonical === 'string') {
      try {
        const parsed = parseIsoInstant(canonical.trim());
        const text = parsed && formatUtcDate(parsed.millis);
        if (text) return text;
      } catch {
        // reported below
      }
    }
    throw nonCanonical('Date', canonical);
  },
};
