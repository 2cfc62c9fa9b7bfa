import { type Kysely, sql } from 'kysely';
import type { Migration } from './migration.ts';

const timestamps = ['created_at', 'updated_at'] as const;

/**
 * Webhooks: hooks per table, each with a cursor over the base's outbox, and the deliveries the
 * cursor fans out (one per matching event, created in the transaction that advances the
 * cursor), sent with leases and retries, with every attempt kept.
 */
async function createWebhookTables(db: Kysely<unknown>): Promise<void> {
  let hooks = db.schema
    .createTable('tessera_hooks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('base_id', 'text', (c) => c.notNull().references('tessera_bases.id').onDelete('cascade'))
    .addColumn('table_id', 'text', (c) => c.notNull().references('tessera_tables.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    // after | manual
    .addColumn('event', 'text', (c) => c.notNull())
    // JSON array of operations: insert, update, delete, bulkInsert…, link, unlink, trigger.
    .addColumn('operations', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    // JSON: NocoDB's notification {type:'URL', payload:{method, path, body, headers, parameters, auth}}.
    .addColumn('notification', 'text', (c) => c.notNull())
    // HMAC key signing each delivery (kept as is: it must sign); never returned after creation.
    .addColumn('secret', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    // NocoDB's flag: the hook filters below apply.
    .addColumn('use_filters', 'integer', (c) => c.notNull().defaultTo(0))
    // A `where` string every row must match (Tessera's extension).
    .addColumn('where_text', 'text')
    // JSON array of NocoDB hook filters (view-filter shaped, with ids and groups).
    .addColumn('filters', 'text', (c) => c.notNull().defaultTo('[]'))
    // Updates fire only when one of these fields (JSON array of field ids) changed.
    .addColumn('trigger_fields', 'text', (c) => c.notNull().defaultTo('[]'))
    // JSON: NocoDB's retries, retry_interval, timeout… kept for clients to read back.
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0));
  for (const column of timestamps) hooks = hooks.addColumn(column, 'text', (c) => c.notNull());
  await hooks.execute();
  await db.schema.createIndex('tessera_hooks_table').on('tessera_hooks').columns(['table_id']).execute();
  await db.schema.createIndex('tessera_hooks_base').on('tessera_hooks').columns(['base_id']).execute();

  // Where each hook is in its base's outbox, and the next position in its delivery order.
  // Fan-out locks this row, so one process at a time turns a hook's events into deliveries.
  await db.schema
    .createTable('tessera_hook_cursors')
    .addColumn('hook_id', 'text', (c) => c.primaryKey().references('tessera_hooks.id').onDelete('cascade'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull())
    .addColumn('next_position', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tessera_hook_deliveries')
    // The delivery id: the envelope's `id` and X-Tessera-Delivery, the same on every retry.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('hook_id', 'text', (c) => c.notNull().references('tessera_hooks.id').onDelete('cascade'))
    .addColumn('base_id', 'text', (c) => c.notNull())
    .addColumn('table_id', 'text', (c) => c.notNull())
    // Order of the hook's deliveries: one is sent only after every earlier one finished.
    .addColumn('position', 'bigint', (c) => c.notNull())
    // The outbox event it came from (null for manual triggers).
    .addColumn('seq', 'bigint')
    // event | trigger | replay
    .addColumn('kind', 'text', (c) => c.notNull())
    // Envelope type, e.g. records.after.insert; operation, e.g. bulkInsert.
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('record_ids', 'text', (c) => c.notNull())
    // The JSON body, fixed when the delivery is created.
    .addColumn('payload', 'text', (c) => c.notNull())
    // pending | failed-retrying | succeeded | dead
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    // Epoch milliseconds: due time, and the end of the claiming process's lease.
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'bigint')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_latency_ms', 'integer')
    .addColumn('response_excerpt', 'text')
    .addColumn('last_error', 'text')
    .addColumn('replay_of', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('tessera_hook_deliveries_order', ['hook_id', 'position'])
    .execute();
  // Unfinished deliveries only: what the claim and the order check read.
  await db.schema
    .createIndex('tessera_hook_deliveries_open')
    .on('tessera_hook_deliveries')
    .columns(['hook_id', 'position'])
    .where(sql.ref('status'), 'in', [sql.lit('pending'), sql.lit('failed-retrying')])
    .execute();
  await db.schema
    .createIndex('tessera_hook_deliveries_time')
    .on('tessera_hook_deliveries')
    .columns(['hook_id', 'created_at'])
    .execute();
  await db.schema
    .createIndex('tessera_hook_deliveries_finished')
    .on('tessera_hook_deliveries')
    .columns(['finished_at'])
    .execute();

  // Every attempt of every delivery, for the delivery log.
  await db.schema
    .createTable('tessera_hook_attempts')
    .addColumn('delivery_id', 'text', (c) =>
      c.notNull().references('tessera_hook_deliveries.id').onDelete('cascade'),
    )
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('response_excerpt', 'text')
    .addColumn('error', 'text')
    // The process that made the attempt (host:pid:tag), for operators of several processes.
    .addColumn('sent_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('tessera_hook_attempts_pk', ['delivery_id', 'attempt'])
    .execute();
}

export const webhooksMigration: Migration = {
  version: 4,
  name: 'webhooks: hooks, outbox cursors, deliveries and their attempts',
  up: createWebhookTables,
};
