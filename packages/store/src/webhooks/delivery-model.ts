import type { Insertable, Selectable } from 'kysely';
import type { MetaTables } from '../meta/meta-tables.ts';

/**
 * `pending` (not sent yet), `failed-retrying` (an attempt failed; another is due at
 * next_attempt_at), `succeeded` (a 2xx answer), `dead` (given up: attempts used up, or a final
 * failure). The first two are open: a process may claim them.
 */
export const deliveryStatuses = ['pending', 'failed-retrying', 'succeeded', 'dead'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];
export const openDeliveryStatuses: readonly DeliveryStatus[] = ['pending', 'failed-retrying'];

/** `event`: fanned out from the outbox; `trigger`: the manual call; `replay`: a resend of another. */
export type DeliveryKind = 'event' | 'trigger' | 'replay';

export interface DeliveryModel {
  /** The delivery id: the envelope's `id` and the X-Tessera-Delivery header, fixed for all attempts. */
  readonly id: string;
  readonly hookId: string;
  readonly baseId: string;
  readonly tableId: string;
  /** Order among the hook's deliveries. */
  readonly position: number;
  /** The outbox event it came from. */
  readonly seq: number | null;
  readonly kind: DeliveryKind;
  /** Envelope type, e.g. `records.after.insert`. */
  readonly type: string;
  /** Hook operation, e.g. `bulkInsert`. */
  readonly operation: string;
  readonly recordIds: readonly (number | string)[];
  /** The JSON body sent on every attempt. */
  readonly payload: string;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** Epoch milliseconds. */
  readonly nextAttemptAt: number;
  readonly leaseOwner: string | null;
  readonly leaseExpiresAt: number | null;
  readonly lastStatusCode: number | null;
  readonly lastLatencyMs: number | null;
  readonly responseExcerpt: string | null;
  readonly lastError: string | null;
  readonly replayOf: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly finishedAt: string | null;
}

/** One attempt at sending a delivery. */
export interface DeliveryAttempt {
  readonly attempt: number;
  readonly startedAt: string;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly responseExcerpt: string | null;
  readonly error: string | null;
  /** The process that made it (host:pid:tag). */
  readonly sentBy: string;
}

/** A delivery about to be created. */
export interface DeliveryDraft {
  readonly id: string;
  readonly seq: number | null;
  readonly kind: DeliveryKind;
  readonly type: string;
  readonly operation: string;
  readonly recordIds: readonly (number | string)[];
  readonly payload: string;
  readonly replayOf?: string | null;
  /** Created already given up, with the reason (e.g. a condition that can no longer be read). */
  readonly deadReason?: string;
}

export type DeliveryRow = Selectable<MetaTables['tessera_hook_deliveries']>;
export type DeliveryInsert = Insertable<MetaTables['tessera_hook_deliveries']>;

export function deliveryFromRow(row: DeliveryRow): DeliveryModel {
  const nullableNumber = (value: unknown) => (value === null || value === undefined ? null : Number(value));
  return {
    id: row.id,
    hookId: row.hook_id,
    baseId: row.base_id,
    tableId: row.table_id,
    position: Number(row.position),
    seq: nullableNumber(row.seq),
    kind: row.kind as DeliveryKind,
    type: row.type,
    operation: row.operation,
    recordIds: JSON.parse(row.record_ids) as (number | string)[],
    payload: row.payload,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    nextAttemptAt: Number(row.next_attempt_at),
    leaseOwner: row.lease_owner,
    leaseExpiresAt: nullableNumber(row.lease_expires_at),
    lastStatusCode: nullableNumber(row.last_status_code),
    lastLatencyMs: nullableNumber(row.last_latency_ms),
    responseExcerpt: row.response_excerpt,
    lastError: row.last_error,
    replayOf: row.replay_of,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    finishedAt: row.finished_at,
  };
}

/** The row of a new delivery at `position`, due at once (or already dead). */
export function deliveryRow(
  draft: DeliveryDraft,
  hook: { readonly id: string; readonly baseId: string; readonly tableId: string },
  position: number,
  nowMs: number,
  at: string,
): DeliveryInsert {
  const dead = draft.deadReason !== undefined;
  return {
    id: draft.id,
    hook_id: hook.id,
    base_id: hook.baseId,
    table_id: hook.tableId,
    position,
    seq: draft.seq,
    kind: draft.kind,
    type: draft.type,
    operation: draft.operation,
    record_ids: JSON.stringify(draft.recordIds),
    payload: draft.payload,
    status: dead ? 'dead' : 'pending',
    attempts: 0,
    next_attempt_at: nowMs,
    lease_owner: null,
    lease_expires_at: null,
    last_status_code: null,
    last_latency_ms: null,
    response_excerpt: null,
    last_error: draft.deadReason ?? null,
    replay_of: draft.replayOf ?? null,
    created_at: at,
    updated_at: at,
    finished_at: dead ? at : null,
  };
}
