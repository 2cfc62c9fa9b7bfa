import { type ApiVersion, type FieldModel, getFieldType, type TableModel } from '@tessera/core';
import { storedReader, type ValueReader } from '../computed/computed-readers.ts';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';

/** A record as the API shows it: field title → JSON value, in field order. */
export type ApiRecord = Record<string, unknown>;

/** A database row (keyed by column name) → the API record of a fixed list of fields. */
export type RecordMapper = (row: Readonly<Record<string, unknown>>) => ApiRecord;

/**
 * What the rows hold: values as read from the database (`stored`), or canonical values as
 * field types parse them (`canonical`, e.g. what a write is about to store).
 */
export type RowValues = 'stored' | 'canonical';

/**
 * Readers of computed fields' values (see computed/computed-readers.ts), which depend on other
 * tables: `owner` is what they were built from (mappers are remembered per owner), `key`
 * names the read shape; `reader` answers undefined for fields read the usual way.
 */
export interface ComputedFieldReaders {
  readonly owner: object;
  readonly key: string;
  reader(field: FieldModel): ValueReader | undefined;
}

/** One field's value → its API value, with the field's type looked up once. */
function valueReader(field: FieldModel, dialect: DialectAdapter, version: ApiVersion, values: RowValues) {
  const type = getFieldType(field.uidt);
  if (values === 'canonical')
    return (canonical: unknown): unknown =>
      canonical === null || canonical === undefined ? null : type.toApiValue(canonical, field, version);
  return storedReader(field, dialect, version);
}

/** An object-literal key for a title; `__proto__` is computed so it stays an own property. */
function literalKey(title: string): string {
  return title === '__proto__' ? '["__proto__"]' : JSON.stringify(title);
}

/**
 * Builds the mapper of a field list as one object literal (`{"Title": read0(row["col"]), …}`),
 * so every record of a page gets the same shape at once instead of growing key by key. Titles
 * and column names only ever appear as JSON string literals; the values go through the
 * field types' own readers.
 */
export function compileRecordMapper(
  fields: readonly FieldModel[],
  dialect: DialectAdapter,
  version: ApiVersion,
  values: RowValues = 'stored',
  computed?: ComputedFieldReaders,
): RecordMapper {
  const readers = fields.map(
    (field) => computed?.reader(field) ?? valueReader(field, dialect, version, values),
  );
  const properties = fields.map(
    (field, index) => `${literalKey(field.title)}: read[${index}](row[${JSON.stringify(field.columnName)}])`,
  );
  const factory = new Function('read', `'use strict'; return (row) => ({${properties.join(', ')}});`);
  return factory(readers) as RecordMapper;
}

/** Field lists remembered per table; more than this and the table's list starts over. */
const MAX_MAPPERS_PER_TABLE = 64;

/**
 * Compiled mappers per table snapshot (or, with computed fields, per computed schema) and
 * field list. A schema change replaces the cached TableModel, so mappers of the old shape are
 * never used again and go with it.
 */
export class RecordMappers {
  readonly #byTable = new WeakMap<object, Map<string, RecordMapper>>();
  readonly #dialect: DialectAdapter;

  constructor(dialect: DialectAdapter) {
    this.#dialect = dialect;
  }

  get(
    table: TableModel,
    fields: readonly FieldModel[],
    version: ApiVersion,
    values: RowValues = 'stored',
    computed?: ComputedFieldReaders,
  ): RecordMapper {
    const owner = computed?.owner ?? table;
    let mappers = this.#byTable.get(owner);
    if (!mappers) {
      mappers = new Map();
      this.#byTable.set(owner, mappers);
    }
    // All the table's fields (the usual case) need no key built from their ids.
    let key = computed ? `${version}:${values}:${computed.key}` : `${version}:${values}`;
    if (fields !== table.fields) for (const field of fields) key += `\u0000${field.id}`;
    else key += ':all';
    let mapper = mappers.get(key);
    if (!mapper) {
      if (mappers.size >= MAX_MAPPERS_PER_TABLE) mappers.clear();
      mapper = compileRecordMapper(fields, this.#dialect, version, values, computed);
      mappers.set(key, mapper);
    }
    return mapper;
  }
}
