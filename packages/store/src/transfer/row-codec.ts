import { type FieldModel, getFieldType, type StorageKind } from '@tessera/core';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import { canonicalJson } from './canonical-json.ts';

/**
 * Turns a row as a driver returns it into archive values (JSON values that mean the same on
 * every dialect) and back into driver parameters for a target database.
 */
export interface RowCodec {
  readonly columns: readonly string[];
  fromDriver(row: Record<string, unknown>): unknown[];
  toDriver(values: readonly unknown[]): Record<string, unknown>;
}

/** How a binary value travels in an archive (JSON has no bytes). */
const BINARY_TAG = '$base64';

/**
 * Tessera's own tables use portable SQL (text, integers, 0/1 flags), so their values travel as
 * they are; only bytes, booleans, 64-bit integers and structured values are normalised.
 */
export function metaRowCodec(columns: readonly string[]): RowCodec {
  return {
    columns,
    fromDriver: (row) => columns.map((c) => metaValueOut(row[c])),
    toDriver: (values) => Object.fromEntries(columns.map((c, i) => [c, metaValueIn(values[i])])),
  };
}

function metaValueOut(raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'boolean') return raw ? 1 : 0;
  if (typeof raw === 'bigint') return Number.isSafeInteger(Number(raw)) ? Number(raw) : raw.toString();
  if (raw instanceof Uint8Array) return { [BINARY_TAG]: Buffer.from(raw).toString('base64') };
  if (raw instanceof Date) return raw.toISOString();
  if (typeof raw === 'object') return canonicalJson(raw);
  return raw;
}

function metaValueIn(value: unknown): unknown {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const encoded = (value as Record<string, unknown>)[BINARY_TAG];
    if (typeof encoded === 'string') return Buffer.from(encoded, 'base64');
  }
  return value ?? null;
}

/**
 * A user table's values travel in their canonical form (see StorageKind), decoded and encoded
 * by the dialect adapters, so 0/1 and true/false, numeric text and numbers, or datetime
 * spellings do not differ between databases.
 */
export function userRowCodec(
  dialect: DialectAdapter,
  columns: readonly string[],
  fields: readonly Pick<FieldModel, 'columnName' | 'uidt'>[],
): RowCodec {
  const storage = columns.map((column): StorageKind => {
    const field = fields.find((f) => f.columnName === column);
    if (!field) throw new Error(`Column ${column} belongs to no field`);
    return getFieldType(field.uidt).storage;
  });
  return {
    columns,
    fromDriver: (row) => columns.map((c, i) => dialect.decodeValue(storage[i]!, row[c])),
    toDriver: (values) =>
      Object.fromEntries(columns.map((c, i) => [c, dialect.encodeValue(storage[i]!, values[i] ?? null)])),
  };
}
