import type { Kysely } from 'kysely';
import type { Migration } from './migration.ts';

/**
 * Views shared by link: one row per shared view, holding the link's random uuid (the public
 * routes' only credential) and, when the share is protected, the argon2id hash of its
 * password. Unsharing deletes the row, so the old link stops working; deleting the view does too.
 */
async function createViewShares(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tessera_view_shares')
    .addColumn('view_id', 'text', (c) => c.primaryKey().references('tessera_views.id').onDelete('cascade'))
    .addColumn('uuid', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export const viewSharesMigration: Migration = {
  version: 7,
  name: 'view shares: public links to views and forms, optionally password-protected',
  up: createViewShares,
};
