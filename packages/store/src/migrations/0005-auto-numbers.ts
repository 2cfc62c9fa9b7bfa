import type { Kysely } from 'kysely';
import type { Migration } from './migration.ts';

/**
 * The highest number each AutoNumber field has given. Inserts raise it (locking its row until
 * commit, so concurrent writers take turns) and never go below the column's highest value, so
 * a number freed by deleting the newest record is not given again.
 */
async function createAutoNumberCounters(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tessera_auto_numbers')
    .addColumn('field_id', 'text', (c) => c.primaryKey().references('tessera_fields.id').onDelete('cascade'))
    .addColumn('last_value', 'bigint', (c) => c.notNull())
    .execute();
}

export const autoNumbersMigration: Migration = {
  version: 5,
  name: 'auto numbers: last value given per AutoNumber field',
  up: createAutoNumberCounters,
};
