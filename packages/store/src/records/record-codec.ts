import { type ApiVersion, type FieldModel, getFieldType } from '@tessera/core';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import { type ApiRecord, compileRecordMapper } from './record-mapper.ts';

export type { ApiRecord, RecordMapper } from './record-mapper.ts';

/**
 * Turns a database row (keyed by column name) into an API record for the given fields. For
 * many rows of one table use `store.records.mapper`, which compiles the mapping once.
 */
export function rowToApiRecord(
  row: Record<string, unknown>,
  fields: readonly FieldModel[],
  dialect: DialectAdapter,
  version: ApiVersion,
): ApiRecord {
  return compileRecordMapper(fields, dialect, version)(row);
}

/** Canonical value of one field → what the driver stores. */
export function encodeFieldValue(field: FieldModel, canonical: unknown, dialect: DialectAdapter): unknown {
  return dialect.encodeValue(getFieldType(field.uidt).storage, canonical);
}
