import type { FieldType, JsonValue } from '../field-type.ts';
import { relationTypes } from './link-kinds.ts';
import { createMetaNormaliser, deepFreeze, type MetaRule, oneOfRule } from './meta.ts';
import { describeValue, invalid, nonCanonical } from './values.ts';

/** Most record ids one link value may name (the link endpoints take as many per request). */
export const MAX_LINKED_IDS = 1000;

/** Reads one linked record id: `5`, `"5"`, `{Id: 5}` or `{id: "5"}`; anything else is refused. */
function linkedId(item: unknown): number {
  let raw = item;
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    const keyed = raw as Record<string, unknown>;
    raw = keyed.Id ?? keyed.id ?? keyed.ID;
  }
  if (typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0) return raw;
  if (typeof raw === 'string' && /^\s*\d{1,15}\s*$/.test(raw) && Number(raw) > 0) return Number(raw);
  return invalid(`Expected a record id (a positive whole number or {"Id": n}), got ${describeValue(item)}`);
}

/**
 * A link value sent in a record body → the linked record ids, in the order sent, without
 * repeats. One id, one `{Id}` object or a list of them; `null` (returned as null) and `[]` mean "no links".
 * `single` link fields (belongs-to, one-to-one) take at most one id.
 */
export function parseLinkIds(value: unknown, single: boolean): number[] | null {
  if (value === null || value === undefined || value === '') return null;
  const items = Array.isArray(value) ? value : [value];
  if (items.length > MAX_LINKED_IDS)
    invalid(`At most ${MAX_LINKED_IDS} linked records can be set at once, got ${items.length}`);
  // Array.from visits the holes of sparse lists too (as undefined, which is refused).
  const ids = [...new Set(Array.from(items, linkedId))];
  if (single && ids.length > 1) invalid(`Expected at most one linked record, got ${ids.length}`);
  return ids;
}

/** The JSON a computed field's reader produced; computed values are already API values. */
function computedToApi(name: string) {
  return (canonical: unknown): JsonValue => {
    if (canonical === undefined || canonical === null) return null;
    if (['number', 'string', 'boolean', 'object'].includes(typeof canonical)) return canonical as JsonValue;
    throw nonCanonical(name, canonical);
  };
}

const relationTypeRule = oneOfRule(relationTypes);
const idRule: MetaRule = (value, key) => {
  if (typeof value !== 'string' || value.trim() === '')
    invalid(`meta.${key} must be an id, got ${describeValue(value)}`);
  return value;
};

/**
 * Links (many linked records: has-many, many-to-many) and LinkToAnotherRecord (at most one:
 * belongs-to, one-to-one). No column of their own except the key column a belongs-to side
 * keeps; written through the link endpoints or as record ids in record bodies.
 */
export function createLinkField(name: 'Links' | 'LinkToAnotherRecord'): FieldType {
  const defaultMeta = deepFreeze({});
  return {
    name,
    storage: 'integer',
    filterKind: 'number',
    serverManaged: false,
    virtual: true,
    defaultMeta,
    normaliseMeta: createMetaNormaliser(defaultMeta, {
      relation_type: relationTypeRule,
      related_table_id: idRule,
    }),
    parseInput(value, field) {
      return parseLinkIds(value, field.meta.relation_type === 'bt' || field.meta.relation_type === 'oo');
    },
    toApiValue: computedToApi(name),
  };
}

/** Lookup and Rollup: computed over linked records; clients never write them. */
export function createComputedField(
  name: 'Lookup' | 'Rollup',
  spec: Pick<FieldType, 'storage' | 'filterKind' | 'defaultMeta' | 'normaliseMeta'>,
): FieldType {
  return {
    name,
    ...spec,
    serverManaged: true,
    virtual: true,
    parseInput() {
      return invalid(`${name} values are computed from linked records and cannot be written`);
    },
    toApiValue: computedToApi(name),
  };
}
