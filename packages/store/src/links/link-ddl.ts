import { type FieldModel, linkMetaOf, uniqueName } from '@tessera/core';
import { type Kysely, sql } from 'kysely';
import { indexName, userTableDdl } from '../ddl/user-table-ddl.ts';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import type { Executor } from '../store-context.ts';

/** A many-to-many link's junction table: one row per linked pair. */
export interface Junction {
  readonly table: string;
  readonly selfColumn: string;
  readonly relatedColumn: string;
}

/** Longest part of a table name used in a junction's name (PostgreSQL names stop at 63 bytes). */
const NAME_PART = 20;

/**
 * A readable junction name for two tables, `_nc_m2m_<a>_<b>` (NocoDB's style), that no table,
 * index or sequence uses yet, together with its primary key's name; and its column names,
 * `<a>_id` and `<b>_id` (`<a>_id_2` for a table linked to itself).
 */
export async function freeJunction(
  db: Executor,
  dialect: DialectAdapter,
  selfTable: string,
  relatedTable: string,
): Promise<Junction> {
  const taken = await dialect.relationNames(db as unknown as Kysely<unknown>);
  const base = `_nc_m2m_${selfTable.slice(0, NAME_PART)}_${relatedTable.slice(0, NAME_PART)}`;
  const table = uniqueName(base, (name) => !taken.has(name) && !taken.has(`${name}_pkey`));
  const selfColumn = `${selfTable}_id`;
  const relatedColumn = uniqueName(`${relatedTable}_id`, new Set([selfColumn]));
  return { table, selfColumn, relatedColumn };
}

/**
 * Creates a junction: both key columns required, the pair its primary key (which also serves
 * lookups by the first column), and an index led by the second column, named after the
 * inverse field (`ix_<fieldId>`).
 */
export async function createJunction(
  trx: Executor,
  dialect: DialectAdapter,
  junction: Junction,
  inverseFieldId: string,
): Promise<void> {
  const type = sql.raw(dialect.columnType('integer'));
  await trx.schema
    .createTable(junction.table)
    .addColumn(junction.selfColumn, type, (c) => c.notNull())
    .addColumn(junction.relatedColumn, type, (c) => c.notNull())
    .addPrimaryKeyConstraint(`${junction.table}_pkey`, [junction.selfColumn, junction.relatedColumn])
    .execute();
  await trx.schema
    .createIndex(indexName(inverseFieldId))
    .on(junction.table)
    .columns([junction.relatedColumn, junction.selfColumn])
    .execute();
}

/**
 * Drops what a field keeps in the database: its column and indexes; for a link, its key
 * column (belongs-to, the key side of one-to-one) or its junction table (many-to-many, once
 * from either side); nothing for other computed fields.
 */
export async function dropFieldStorage(
  trx: Executor,
  dialect: DialectAdapter,
  tableName: string,
  field: FieldModel,
): Promise<void> {
  const junction = linkMetaOf(field)?.junction;
  if (junction) await trx.schema.dropTable(junction.table).ifExists().execute();
  await userTableDdl(trx, dialect).dropColumn(tableName, field);
}
