import type { StorageKind } from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import { parseJsonText } from '../canonical-values.ts';
import type { DialectAdapter } from '../dialect-adapter.ts';

const columnTypes: Record<StorageKind, string> = {
  text: 'TEXT',
  integer: 'INTEGER',
  real: 'REAL',
  boolean: 'INTEGER',
  date: 'TEXT',
  datetime: 'TEXT',
  time: 'TEXT',
  json: 'TEXT',
};

/** SQLite keeps dates, times and datetimes as canonical text, booleans as 0/1, JSON as text. */
export const sqliteAdapter: DialectAdapter = {
  name: 'sqlite',
  supportsReturning: true,
  supportsTransactionalDdl: true,
  supportsConcurrentWriters: false,

  columnType: (storage) => columnTypes[storage],
  autoIncrementPrimaryKey: () => 'INTEGER PRIMARY KEY AUTOINCREMENT',

  encodeValue(storage, canonical) {
    if (canonical === null || canonical === undefined) return null;
    if (storage === 'boolean') return canonical ? 1 : 0;
    if (storage === 'json') return JSON.stringify(canonical);
    return canonical;
  },

  decodeValue(storage, raw) {
    if (raw === null || raw === undefined) return null;
    if (storage === 'boolean') return raw === 1 || raw === 1n || raw === true;
    if (storage === 'json') return parseJsonText(raw);
    if (storage === 'integer' && typeof raw === 'bigint') return Number(raw);
    return raw;
  },

  likeInsensitive: (column, pattern) => sql<boolean>`(lower(${column}) like lower(${pattern}) escape '\\')`,
  castToText: (column: RawBuilder<unknown>) => sql<string>`cast(${column} as text)`,
  randomOrder: () => sql`random()`,
};
