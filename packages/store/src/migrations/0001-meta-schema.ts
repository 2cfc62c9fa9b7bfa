import type { Kysely } from 'kysely';
import type { Migration } from './migration.ts';

const timestamps = ['created_at', 'updated_at'] as const;

async function createMetaTables(db: Kysely<unknown>): Promise<void> {
  let bases = db.schema
    .createTable('tessera_bases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('color', 'text')
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0));
  for (const column of timestamps) bases = bases.addColumn(column, 'text', (c) => c.notNull());
  await bases.execute();

  let tables = db.schema
    .createTable('tessera_tables')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('base_id', 'text', (c) => c.notNull().references('tessera_bases.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('table_name', 'text', (c) => c.notNull().unique())
    .addColumn('description', 'text')
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0));
  for (const column of timestamps) tables = tables.addColumn(column, 'text', (c) => c.notNull());
  await tables.execute();

  // Row count and data version of each table, kept by every record write in its own
  // transaction. Spread over shards so concurrent writers rarely wait on one row; readers sum.
  await db.schema
    .createTable('tessera_table_stats')
    .addColumn('table_id', 'text', (c) => c.notNull().references('tessera_tables.id').onDelete('cascade'))
    .addColumn('shard', 'integer', (c) => c.notNull())
    .addColumn('row_count', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('data_version', 'bigint', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('tessera_table_stats_pk', ['table_id', 'shard'])
    .execute();
  await db.schema.createIndex('tessera_tables_base').on('tessera_tables').column('base_id').execute();

  let fields = db.schema
    .createTable('tessera_fields')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('table_id', 'text', (c) => c.notNull().references('tessera_tables.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('column_name', 'text', (c) => c.notNull())
    .addColumn('uidt', 'text', (c) => c.notNull())
    .addColumn('is_pk', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_primary_value', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_system', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_required', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_unique', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('default_value', 'text')
    .addColumn('description', 'text')
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0));
  for (const column of timestamps) fields = fields.addColumn(column, 'text', (c) => c.notNull());
  await fields.addUniqueConstraint('tessera_fields_column', ['table_id', 'column_name']).execute();

  let views = db.schema
    .createTable('tessera_views')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('table_id', 'text', (c) => c.notNull().references('tessera_tables.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('view_type', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('group_field_id', 'text')
    .addColumn('cover_field_id', 'text')
    .addColumn('lock_type', 'text', (c) => c.notNull().defaultTo('collaborative'));
  for (const column of timestamps) views = views.addColumn(column, 'text', (c) => c.notNull());
  await views.execute();
  await db.schema.createIndex('tessera_views_table').on('tessera_views').column('table_id').execute();

  await db.schema
    .createTable('tessera_view_fields')
    .addColumn('view_id', 'text', (c) => c.notNull().references('tessera_views.id').onDelete('cascade'))
    .addColumn('field_id', 'text', (c) => c.notNull().references('tessera_fields.id').onDelete('cascade'))
    .addColumn('is_shown', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('width', 'text')
    .addColumn('meta', 'text', (c) => c.notNull().defaultTo('{}'))
    .addPrimaryKeyConstraint('tessera_view_fields_pk', ['view_id', 'field_id'])
    .execute();

  await db.schema
    .createTable('tessera_view_filters')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('view_id', 'text', (c) => c.notNull().references('tessera_views.id').onDelete('cascade'))
    .addColumn('parent_id', 'text', (c) => c.references('tessera_view_filters.id').onDelete('cascade'))
    .addColumn('field_id', 'text', (c) => c.references('tessera_fields.id').onDelete('cascade'))
    .addColumn('comparison_op', 'text')
    .addColumn('comparison_sub_op', 'text')
    .addColumn('value', 'text')
    .addColumn('logical_op', 'text', (c) => c.notNull().defaultTo('and'))
    .addColumn('is_group', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('tessera_view_filters_view')
    .on('tessera_view_filters')
    .column('view_id')
    .execute();

  await db.schema
    .createTable('tessera_view_sorts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('view_id', 'text', (c) => c.notNull().references('tessera_views.id').onDelete('cascade'))
    .addColumn('field_id', 'text', (c) => c.notNull().references('tessera_fields.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull().defaultTo('asc'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.createIndex('tessera_view_sorts_view').on('tessera_view_sorts').column('view_id').execute();
}

export const metaSchemaMigration: Migration = {
  version: 1,
  name: 'meta schema: bases, tables, fields, views, view filters and sorts',
  up: createMetaTables,
};
