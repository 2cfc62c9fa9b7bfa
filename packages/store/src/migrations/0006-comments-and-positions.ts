import { type Kysely, sql } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import type { Migration } from './migration.ts';

/**
 * Comments on records, the order of records chosen by hand in a view (kanban cards), and
 * refresh-token families (the sign-in a refresh token descends from).
 */
async function createCommentsAndPositions(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  // Comments go with their table; the author stays named by id and e-mail if the account goes.
  // `seq` keeps them in the order they were written (timestamps have whole seconds).
  await db.schema
    .createTable('tessera_comments')
    .addColumn('seq', sql.raw(dialect.autoIncrementPrimaryKey()))
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('table_id', 'text', (c) => c.notNull().references('tessera_tables.id').onDelete('cascade'))
    .addColumn('base_id', 'text', (c) => c.notNull())
    .addColumn('record_id', 'text', (c) => c.notNull())
    .addColumn('comment', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_email', 'text', (c) => c.notNull())
    .addColumn('is_edited', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('tessera_comments_record')
    .on('tessera_comments')
    .columns(['table_id', 'record_id', 'seq'])
    .execute();

  // Hand-made record order per view: ascending position; records without a row come after.
  await db.schema
    .createTable('tessera_record_positions')
    .addColumn('view_id', 'text', (c) => c.notNull().references('tessera_views.id').onDelete('cascade'))
    .addColumn('record_id', 'bigint', (c) => c.notNull())
    .addColumn('position', 'double precision', (c) => c.notNull())
    .addPrimaryKeyConstraint('tessera_record_positions_pk', ['view_id', 'record_id'])
    .execute();

  // Every refresh token handed out since one sign-in shares its family: signing out ends the
  // family, and two tabs refreshing at once fork it instead of looking like a stolen token.
  await db.schema.alterTable('tessera_refresh_tokens').addColumn('family_id', 'text').execute();
  await db.schema
    .createIndex('tessera_refresh_tokens_family')
    .on('tessera_refresh_tokens')
    .column('family_id')
    .execute();
}

export const commentsAndPositionsMigration: Migration = {
  version: 6,
  name: 'record comments, record order per view, refresh-token families',
  up: createCommentsAndPositions,
};
