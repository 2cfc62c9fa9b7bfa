import type { FilterKind, StorageKind } from '../field-kinds.ts';
import type { FieldDefinition, FieldType, JsonValue } from '../field-type.ts';
import { createMetaNormaliser, deepFreeze, type MetaRule } from '../shared/meta.ts';
import { describeValue, invalid, nonCanonical, withoutNegativeZero } from '../shared/values.ts';

/** Result types a formula can have (kept in `meta.result_type`); see formula/formula-types.ts. */
const resultKinds: Readonly<Record<string, { storage: StorageKind; filterKind: FilterKind }>> = {
  number: { storage: 'real', filterKind: 'number' },
  text: { storage: 'text', filterKind: 'text' },
  boolean: { storage: 'boolean', filterKind: 'boolean' },
  date: { storage: 'date', filterKind: 'date' },
  datetime: { storage: 'datetime', filterKind: 'datetime' },
};

const defaultMeta = deepFreeze({});

const textRule: MetaRule = (value, key) =>
  typeof value === 'string' ? value : invalid(`meta.${key} must be text, got ${describeValue(value)}`);

/**
 * Formula: a value computed in the database from other fields of the record (docs/formulas.md).
 * Virtual (no column) and read-only. `meta.formula` holds the formula with field ids
 * (`{c…}`), `meta.result_type` its type; both are set by the store when the field is saved
 * (clients send `formula_raw` with field titles). The result type decides how values are
 * decoded, filtered, sorted and rendered: numbers, text, booleans, dates 'YYYY-MM-DD' and
 * date-times 'YYYY-MM-DD HH:mm:ss+00:00'.
 */
export const formulaField: FieldType = {
  name: 'Formula',
  storage: 'text',
  filterKind: 'text',
  serverManaged: true,
  virtual: true,
  defaultMeta,
  normaliseMeta: createMetaNormaliser(defaultMeta, {
    formula: textRule,
    formula_raw: textRule,
    result_type: (value, key) =>
      typeof value === 'string' && Object.hasOwn(resultKinds, value)
        ? value
        : invalid(
            `meta.${key} must be one of ${Object.keys(resultKinds).join(', ')}, got ${describeValue(value)}`,
          ),
  }),
  valueKind: (field) => resultKinds[resultTypeOf(field)]!,
  parseInput() {
    return invalid('Formula values are computed and cannot be written');
  },
  toApiValue(canonical, field) {
    return formulaApiValue(canonical, resultTypeOf(field));
  },
};

function resultTypeOf(field: FieldDefinition): string {
  const type = field.meta.result_type;
  return typeof type === 'string' && Object.hasOwn(resultKinds, type) ? type : 'text';
}

function formulaApiValue(canonical: unknown, resultType: string): JsonValue {
  if (canonical === null || canonical === undefined) return null;
  switch (resultType) {
    case 'number': {
      const number = typeof canonical === 'number' ? canonical : Number(canonical);
      if (typeof canonical === 'boolean' || Number.isNaN(number)) throw nonCanonical('Formula', canonical);
      return Number.isFinite(number) ? withoutNegativeZero(number) : null;
    }
    case 'boolean':
      if (canonical === true || canonical === 1 || canonical === 1n) return true;
      if (canonical === false || canonical === 0 || canonical === 0n) return false;
      throw nonCanonical('Formula', canonical);
    default:
      if (typeof canonical === 'string') return canonical;
      if (typeof canonical === 'number' || typeof canonical === 'bigint') return String(canonical);
      throw nonCanonical('Formula', canonical);
  }
}
