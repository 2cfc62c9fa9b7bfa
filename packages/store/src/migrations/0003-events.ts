import type { Kysely } from 'kysely';
import type { Migration } from './migration.ts';

/**
 * The event outbox: one row per record change, written in the change's transaction, numbered
 * by a per-base sequence whose counter row is locked until commit, so events become visible in
 * sequence order and a reader resuming after sequence N never misses a later-committed lower one.
 */
async function createEventTables(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('tessera_event_sequences')
    .addColumn('base_id', 'text', (c) => c.primaryKey().references('tessera_bases.id').onDelete('cascade'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('tessera_events')
    .addColumn('base_id', 'text', (c) => c.notNull().references('tessera_bases.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('table_id', 'text', (c) => c.notNull())
    // records.insert | records.update | records.delete | records.link | records.unlink
    .addColumn('type', 'text', (c) => c.notNull())
    // 1 when one request changed several records (webhooks' bulk forms).
    .addColumn('bulk', 'integer', (c) => c.notNull().defaultTo(0))
    // JSON array of the changed records' ids, in the order of `payload.rows`.
    .addColumn('record_ids', 'text', (c) => c.notNull())
    // JSON: {rows, previous_rows} as v2 records keyed by field title, as of the change.
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tessera_events_pk', ['base_id', 'seq'])
    .execute();
  await db.schema.createIndex('tessera_events_time').on('tessera_events').columns(['created_at']).execute();
}

export const eventsMigration: Migration = {
  version: 3,
  name: 'events: per-base sequenced outbox of record changes',
  up: createEventTables,
};
