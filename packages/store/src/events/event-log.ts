import { type Insertable, sql } from 'kysely';
import type { ChangeContext } from '../audit/audit-log.ts';
import type { MetaTables } from '../meta/meta-tables.ts';
import type { Executor } from '../store-context.ts';

/** What happened to the records of one event. */
export const recordEventTypes = [
  'records.insert',
  'records.update',
  'records.delete',
  'records.link',
  'records.unlink',
] as const;
export type RecordEventType = (typeof recordEventTypes)[number];

/** A record as an event carries it: a v2 record keyed by field title. */
export type EventRecord = Readonly<Record<string, unknown>>;

/** One change to some records of one table, appended to the outbox in the change's transaction. */
export interface RecordEventInput {
  readonly baseId: string;
  readonly tableId: string;
  readonly type: RecordEventType;
  /** Ids of the changed records, in the order of `rows`. */
  readonly recordIds: readonly (number | string)[];
  /** The records after the change (for a delete: as they were). */
  readonly rows: readonly EventRecord[];
  /** The records before an update, in the order of `rows`. */
  readonly previousRows?: readonly EventRecord[];
  /** Title of the primary key field, so readers can put ids in rows written before ids were known. */
  readonly idField: string;
  /** Further facts of the change, e.g. a link change's field and linked ids. */
  readonly details?: Readonly<Record<string, unknown>>;
}

export type EventInsert = Insertable<MetaTables['tessera_events']>;

/** The payload column: rows, previous rows and details as one JSON text. */
function eventPayload(input: RecordEventInput): string {
  return JSON.stringify({
    rows: input.rows,
    ...(input.previousRows ? { previous_rows: input.previousRows } : {}),
    id_field: input.idField,
    ...(input.details ? { details: input.details } : {}),
  });
}

/** The outbox row of an event, without its sequence number. */
export function eventRow(
  change: ChangeContext,
  input: RecordEventInput,
  at: string,
): Omit<EventInsert, 'seq'> {
  return {
    base_id: input.baseId,
    table_id: input.tableId,
    type: input.type,
    bulk: input.recordIds.length > 1 ? 1 : 0,
    record_ids: JSON.stringify(input.recordIds),
    payload: eventPayload(input),
    actor_type: change.actor.type,
    actor_id: change.actor.id,
    actor_user_id: change.actor.userId,
    created_at: at,
  };
}

/**
 * Takes the base's next sequence number. The counter row stays locked until the transaction
 * ends, so events of one base commit in the order of their numbers. Writers take it last, after
 * every other lock of their transaction, so the wait is short and no cycle can form; `after`
 * names a CTE that must run first in a one-statement write (PostgreSQL runs the CTEs of one
 * statement in no fixed order), which then needs to return a row.
 */
export function nextSequence(executor: Executor, baseId: string, after?: string) {
  const values = after
    ? executor
        .insertInto('tessera_event_sequences')
        .columns(['base_id', 'last_seq'])
        .expression(
          executor.selectFrom(after).select([sql.val(baseId).as('base_id'), sql.lit(1).as('last_seq')]),
        )
    : executor.insertInto('tessera_event_sequences').values({ base_id: baseId, last_seq: sql.lit(1) });
  return values
    .onConflict((oc) =>
      oc.column('base_id').doUpdateSet((eb) => ({
        last_seq: eb('tessera_event_sequences.last_seq', '+', sql.lit(1)),
      })),
    )
    .returning('last_seq');
}

/** Appends one event through the executor of the change's transaction; returns its sequence number. */
export async function appendEvent(
  executor: Executor,
  change: ChangeContext,
  input: RecordEventInput,
  at: string,
): Promise<number> {
  const { last_seq: seq } = await nextSequence(executor, input.baseId).executeTakeFirstOrThrow();
  await executor
    .insertInto('tessera_events')
    .values({ ...eventRow(change, input, at), seq: Number(seq) })
    .execute();
  return Number(seq);
}

/**
 * The event insert of a one-statement write (see DialectAdapter.supportsWritableCtes): `row`
 * once, numbered from the CTE `sequence` (nextSequence) and with the id of the single row of the
 * CTE `source` as its record ids.
 */
export function eventInsertFromCte(
  executor: Executor,
  row: Omit<EventInsert, 'seq'>,
  sequence: string,
  source: string,
) {
  const columns = Object.keys(row) as (keyof typeof row)[];
  return executor
    .insertInto('tessera_events')
    .columns([...columns, 'seq'])
    .expression(
      executor
        .selectFrom([sequence, source])
        .select([
          ...columns.map((column) =>
            column === 'record_ids'
              ? sql<string>`'[' || cast(${sql.ref(`${source}.id`)} as text) || ']'`.as(column)
              : sql.val(row[column] ?? null).as(column),
          ),
          sql.ref(`${sequence}.last_seq`).as('seq'),
        ]),
    );
}
