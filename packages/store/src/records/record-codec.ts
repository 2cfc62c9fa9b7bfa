import { type ApiVersion, type FieldModel, getFieldType } from '@tessera/core';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';

/** A record as the API shows it: field title → JSON value, in field order. */
export type ApiRecord = Record<string, unknown>;

/** Turns a database row (keyed by column name) into an API record for the given fields. */
export function rowToApiRecord(
  row: Record<string, unknown>,
  fields: readonly FieldModel[],
  dialect: DialectAdapter,
  version: ApiVersion,
): ApiRecord {
  const record: ApiRecord = {};
  for (const field of fields) {
    const type = getFieldType(field.uidt);
    const canonical = dialect.decodeValue(type.storage, row[field.columnName]);
    record[field.title] = canonical === null ? null : type.toApiValue(canonical, field, version);
  }
  return record;
}

/** Canonical value of one field → what the driver stores. */
export function encodeFieldValue(field: FieldModel, canonical: unknown, dialect: DialectAdapter): unknown {
  return dialect.encodeValue(getFieldType(field.uidt).storage, canonical);
}
