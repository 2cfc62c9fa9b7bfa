import type { FieldType } from '../field-type.ts';
import { dateTimeToApi, parseDateTimeInput } from '../shared/date-time.ts';
import { dateTimeMetaRules } from '../shared/date-time-meta.ts';
import { createMetaNormaliser, deepFreeze } from '../shared/meta.ts';

const defaultMeta = deepFreeze({ date_format: 'YYYY-MM-DD', time_format: 'HH:mm', is12hrFormat: false });

/**
 * DateTime: an instant, stored and answered (v2 and v3) as 'YYYY-MM-DD HH:mm:ss+00:00' UTC.
 * Accepts ISO 8601 text with 'T' or space, with or without seconds, fraction (dropped) and
 * zone (none means UTC); a bare date is midnight UTC; with typecast also epoch milliseconds.
 */
export const dateTimeField: FieldType = {
  name: 'DateTime',
  storage: 'datetime',
  filterKind: 'datetime',
  serverManaged: false,
  defaultMeta,
  normaliseMeta: createMetaNormaliser(defaultMeta, dateTimeMetaRules),
  parseInput(value, _field, context) {
    return parseDateTimeInput(value, context);
  },
  toApiValue(canonical) {
    return dateTimeToApi(canonical, 'DateTime');
  },
};
