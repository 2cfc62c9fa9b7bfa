import type { Selectable } from 'kysely';
import type { MetaTables } from '../meta/meta-tables.ts';
import type { StoreContext } from '../store-context.ts';
import type { EventRecord, RecordEventType } from './event-log.ts';

/** One committed record change, as readers of the outbox see it. */
export interface RecordEvent {
  readonly baseId: string;
  /** Grows by one per event of the base; a reader resumes after the last one it saw. */
  readonly seq: number;
  readonly tableId: string;
  readonly type: RecordEventType;
  /** One request changed several records. */
  readonly bulk: boolean;
  readonly recordIds: readonly (number | string)[];
  readonly rows: readonly EventRecord[];
  readonly previousRows: readonly EventRecord[] | null;
  readonly details: Readonly<Record<string, unknown>> | null;
  readonly actor: { readonly type: string; readonly id: string | null; readonly userId: string | null };
  readonly createdAt: string;
}

export interface EventQuery {
  readonly baseId: string;
  /** Events with a larger sequence number than this (0: from the start). */
  readonly after: number;
  readonly limit: number;
  /** Only events of these tables. */
  readonly tableIds?: readonly string[];
}

export interface EventStore {
  /** Events of a base after a cursor, oldest first. */
  list(query: EventQuery): Promise<RecordEvent[]>;
  /** The base's newest sequence number (0 when it has no events). */
  latest(baseId: string): Promise<number>;
  /** Deletes events created before `before` (canonical UTC text); returns how many. */
  prune(before: string): Promise<number>;
}

interface StoredPayload {
  rows?: Record<string, unknown>[];
  previous_rows?: Record<string, unknown>[];
  id_field?: string;
  details?: Record<string, unknown>;
}

/** An outbox row → event; rows written before their ids were known get them from `record_ids`. */
export function eventFromRow(row: Selectable<MetaTables['tessera_events']>): RecordEvent {
  const payload = JSON.parse(row.payload) as StoredPayload;
  const recordIds = JSON.parse(row.record_ids) as (number | string)[];
  const idField = payload.id_field;
  const rows = (payload.rows ?? []).map((record, index) =>
    idField !== undefined && record[idField] === undefined && recordIds[index] !== undefined
      ? { [idField]: recordIds[index], ...record }
      : record,
  );
  return {
    baseId: row.base_id,
    seq: Number(row.seq),
    tableId: row.table_id,
    type: row.type as RecordEventType,
    bulk: Number(row.bulk) === 1,
    recordIds,
    rows,
    previousRows: payload.previous_rows ?? null,
    details: payload.details ?? null,
    actor: { type: row.actor_type, id: row.actor_id, userId: row.actor_user_id },
    createdAt: row.created_at,
  };
}

export function eventStore({ db }: StoreContext): EventStore {
  return {
    async list(query) {
      let select = db
        .selectFrom('tessera_events')
        .selectAll()
        .where('base_id', '=', query.baseId)
        .where('seq', '>', query.after);
      if (query.tableIds !== undefined) {
        if (query.tableIds.length === 0) return [];
        select = select.where('table_id', 'in', query.tableIds);
      }
      const rows = await select.orderBy('seq').limit(query.limit).execute();
      return rows.map(eventFromRow);
    },

    async latest(baseId) {
      const row = await db
        .selectFrom('tessera_event_sequences')
        .select('last_seq')
        .where('base_id', '=', baseId)
        .executeTakeFirst();
      return Number(row?.last_seq ?? 0);
    },

    async prune(before) {
      const result = await db
        .deleteFrom('tessera_events')
        .where('created_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
