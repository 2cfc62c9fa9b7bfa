import type { StorageKind } from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import { parseJsonText } from '../canonical-values.ts';
import type { DialectAdapter } from '../dialect-adapter.ts';
import { sqliteFormulaFunctions } from './sqlite-formula-functions.ts';

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
  supportsWritableCtes: false,
  supportsTransactionalDdl: true,
  counterShards: 1,
  nullsSortFirst: true,
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
  containsText: (haystack, needle) => sql<boolean>`(instr(${haystack}, ${needle}) > 0)`,
  /** Values are written as JSON.stringify text (encodeValue), so equal JSON is equal text. */
  jsonEquals: (column, value) => sql<boolean>`(${column} = ${JSON.stringify(value)})`,
  castToText: (column: RawBuilder<unknown>) => sql<string>`cast(${column} as text)`,
  jsonArray: (values) => sql`json_array(${sql.join(values)})`,
  jsonArrayAgg: (value, orderBy) => sql`json_group_array(${value} order by ${sql.join(orderBy)})`,
  randomOrder: () => sql`random()`,
  formula: sqliteFormulaFunctions,
  // A single connection serialises every transaction already.
  // Not needed: SQLite commits one writer at a time and refuses a write made on a stale read.
  lockUntilCommit: async () => {},
  async relationNames(db) {
    const result = await sql<{ name: string }>`select name from sqlite_master`.execute(db);
    return new Set(result.rows.map((r) => r.name));
  },
  constraintViolation(error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique';
    if (code === 'SQLITE_CONSTRAINT_NOTNULL') return 'not_null';
    if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign_key';
    if (code === 'SQLITE_CONSTRAINT_CHECK') return 'check';
    return null;
  },
};
