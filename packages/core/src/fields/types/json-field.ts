import type { FieldType, JsonValue } from '../field-type.ts';
import { toJsonValue } from '../shared/json-value.ts';
import { createMetaNormaliser, deepFreeze } from '../shared/meta.ts';
import { describeValue, invalid, nonCanonical } from '../shared/values.ts';

const defaultMeta = deepFreeze({});

/**
 * JSON: any JSON value. A string is read as JSON text (NocoDB's UI sends JSON that way), so
 * a JSON string value must be sent quoted ('"text"'); text that does not parse is an error,
 * or with typecast is kept as a JSON string; blank text and JSON null mean empty. Answers
 * the parsed value.
 */
export const jsonField: FieldType = {
  name: 'JSON',
  storage: 'json',
  filterKind: 'json',
  serverManaged: false,
  defaultMeta,
  normaliseMeta: createMetaNormaliser(defaultMeta),
  parseInput(value, _field, context) {
    if (value === undefined || value === null) return null;
    if (typeof value !== 'string') return toJsonValue(value);
    if (value.trim() === '') return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      if (context.typecast) return value.toWellFormed();
      return invalid(`Expected JSON; ${describeValue(value)} is not valid JSON`);
    }
    return toJsonValue(parsed);
  },
  toApiValue(canonical) {
    if (canonical === undefined) return null;
    if (canonical === null || ['string', 'number', 'boolean', 'object'].includes(typeof canonical))
      return canonical as JsonValue;
    throw nonCanonical('JSON', canonical);
  },
};
