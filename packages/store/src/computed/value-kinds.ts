import {
  type FieldModel,
  type FilterKind,
  fieldFilterKind,
  fieldStorage,
  isLinkField,
  type RollupFunction,
  type StorageKind,
  type TableModel,
} from '@tessera/core';
import { type ComputedSchema, isComputedField } from './computed-schema.ts';
import { displayPath, rollupParts } from './field-sql.ts';
import { hopOf, lookupPath } from './link-paths.ts';

/** What a field's values are, for filters, sorts and reading them back. */
export interface ValueKind {
  readonly filterKind: FilterKind;
  readonly storage: StorageKind;
  /** Several values per record (lookups, a link's display value): filters test each one. */
  readonly many: boolean;
}

const count: ValueKind = { filterKind: 'number', storage: 'integer', many: false };
const real: ValueKind = { filterKind: 'number', storage: 'real', many: false };
/**
 * Whether a rollup function fits the values it would aggregate: counts fit anything, sums and
 * averages numbers, min and max numbers, dates and times.
 */
export function rollupFits(fn: RollupFunction, kind: ValueKind): boolean {
  if (fn === 'count' || fn === 'countDistinct') return true;
  if (fn === 'min' || fn === 'max') return ['number', 'date', 'datetime', 'time'].includes(kind.filterKind);
  return kind.filterKind === 'number';
}

/** Computed fields may chain; a chain longer than this is a damaged schema. */
const MAX_DEPTH = 16;

/**
 * The kind of a field's values: its type's for stored fields; for computed fields what they
 * compute: link counts and counting rollups are whole numbers, sums and averages numbers,
 * min/max and lookups the kind of the field they read, a belongs-to link the kind of the
 * linked record's display value.
 */
export function valueKind(
  schema: ComputedSchema,
  table: TableModel,
  field: FieldModel,
  depth = 0,
): ValueKind {
  const own: ValueKind = { filterKind: fieldFilterKind(field), storage: fieldStorage(field), many: false };
  if (!isComputedField(field) || depth > MAX_DEPTH) return own;
  if (isLinkField(field)) {
    const hop = hopOf(schema, table, field.id);
    if (!hop || hop.meta.many) return count;
    const path = displayPath(schema, hop);
    return path ? { ...valueKind(schema, path.targetTable, path.target, depth + 1), many: true } : count;
  }
  if (field.uidt === 'Lookup') {
    const path = lookupPath(schema, table, field);
    return path ? { ...valueKind(schema, path.targetTable, path.target, depth + 1), many: true } : own;
  }
  if (field.uidt === 'Rollup') {
    const parts = rollupParts(schema, table, field, depth);
    if (!parts) return real;
    const fn = parts.meta.fn;
    if (fn === 'count' || fn === 'countDistinct') return count;
    const target = valueKind(schema, parts.hop.to, parts.target, depth + 1);
    if (fn === 'min' || fn === 'max') return { ...target, many: false };
    if ((fn === 'sum' || fn === 'sumDistinct') && target.storage === 'integer') return count;
    return real;
  }
  return own;
}
