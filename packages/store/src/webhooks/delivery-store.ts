import { TesseraError } from '@tessera/core';
import { sql } from 'kysely';
import { type AuditEntry, appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { eventFromRow, type RecordEvent } from '../events/event-store.ts';
import { nowText } from '../meta/meta-rows.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import {
  type DeliveryAttempt,
  type DeliveryDraft,
  type DeliveryModel,
  type DeliveryStatus,
  deliveryFromRow,
  deliveryRow,
  openDeliveryStatuses,
} from './delivery-model.ts';
import { type HookModel, hookFromRow } from './hook-model.ts';
import { hookNotFound } from './hook-store.ts';

/** Turns a hook's outbox events into deliveries; runs inside the fan-out transaction, so it must not query. */
export type FanOutPlan = (hook: HookModel, events: readonly RecordEvent[]) => DeliveryDraft[];

export interface FanOutResult {
  readonly events: number;
  readonly deliveries: number;
  /** More events are waiting past the new cursor. */
  readonly more: boolean;
}

/** A delivery a process holds the lease of, with the hook as it is now (URL, headers, secret). */
export interface ClaimedDelivery {
  readonly delivery: DeliveryModel;
  readonly hook: HookModel;
  readonly secret: string | null;
}

/** What one attempt came to, and what the delivery becomes. */
export interface AttemptOutcome {
  readonly status: DeliveryStatus;
  /** Epoch ms of the next attempt (for failed-retrying). */
  readonly nextAttemptAt: number;
  readonly startedAt: string;
  readonly statusCode: number | null;
  readonly latencyMs: number;
  readonly responseExcerpt: string | null;
  readonly error: string | null;
}

export interface DeliveryQuery {
  readonly limit: number;
  readonly offset: number;
  readonly statuses?: readonly DeliveryStatus[];
}

/** One hook whose base has outbox events past the hook's cursor. */
export interface HookBehind {
  readonly hookId: string;
  readonly baseId: string;
  readonly tableId: string;
}

/**
 * Webhook deliveries. Fan-out and new deliveries take the hook's cursor row lock, so each
 * event becomes deliveries exactly once and positions never clash, across processes. Sending
 * is claimed with a lease (on PostgreSQL `FOR UPDATE SKIP LOCKED`, so two processes never
 * claim one delivery): a process that dies leaves its lease to expire, and the delivery is
 * sent again, with the same id, by whoever claims it next. A delivery is claimable only when
 * every earlier delivery of its hook has finished (strict order per hook).
 */
export interface DeliveryStore {
  hooksBehind(): Promise<HookBehind[]>;
  /** One fan-out step (at most `limit` events); null when another process holds the cursor. */
  fanOut(hookId: string, limit: number, plan: FanOutPlan): Promise<FanOutResult | null>;
  /** Adds deliveries at the end of the hook's order (manual trigger, replay), audited. */
  enqueue(
    hookId: string,
    drafts: readonly DeliveryDraft[],
    change: ChangeContext,
    audit: Omit<AuditEntry, 'baseId' | 'tableId' | 'targetId'>,
  ): Promise<DeliveryModel[]>;
  /** Leases up to `limit` due deliveries to `owner` until `now + leaseMs`, counting an attempt each. */
  claim(owner: string, now: number, leaseMs: number, limit: number): Promise<ClaimedDelivery[]>;
  /** Records an attempt; false when the lease had passed to another process (its result wins). */
  complete(deliveryId: string, owner: string, attempt: number, outcome: AttemptOutcome): Promise<boolean>;
  /** Gives up the leases `owner` still holds (a clean shutdown), so others may send at once. */
  release(owner: string): Promise<number>;
  list(hookId: string, query: DeliveryQuery): Promise<{ rows: DeliveryModel[]; total: number }>;
  get(hookId: string, deliveryId: string): Promise<DeliveryModel & { attemptLog: DeliveryAttempt[] }>;
  /** The hook's deliveries created between `from` and `to` (canonical UTC text, inclusive), oldest first. */
  inRange(
    hookId: string,
    from: string,
    to: string,
    statuses: readonly DeliveryStatus[],
    limit: number,
  ): Promise<DeliveryModel[]>;
  /** Deletes finished deliveries (and their attempts) finished before `before`; returns how many. */
  prune(before: string): Promise<number>;
}

/** Rows per INSERT: about 25 parameters each, far below either database's limit. */
const ROWS_PER_INSERT = 200;

export function deliveryStore(context: StoreContext): DeliveryStore {
  const { db, dialect } = context;

  const hookIn = async (executor: Executor, hookId: string): Promise<HookModel> => {
    const row = await executor
      .selectFrom('tessera_hooks')
      .selectAll()
      .where('id', '=', hookId)
      .executeTakeFirst();
    if (!row) throw hookNotFound(hookId);
    return hookFromRow(row);
  };

  /** The hook's cursor row, locked until commit (`skip`: or undefined when someone else holds it). */
  const lockCursor = (trx: Executor, hookId: string, skip: boolean) => {
    let select = trx.selectFrom('tessera_hook_cursors').selectAll().where('hook_id', '=', hookId);
    if (dialect.supportsConcurrentWriters)
      select = skip ? select.forUpdate().skipLocked() : select.forUpdate();
    return select.executeTakeFirst();
  };

  /** Inserts drafts from position `first` on; returns the next free position. */
  const insertDrafts = async (
    trx: Executor,
    hook: HookModel,
    drafts: readonly DeliveryDraft[],
    first: number,
  ): Promise<number> => {
    const at = nowText();
    const nowMs = Date.now();
    const rows = drafts.map((draft, index) => deliveryRow(draft, hook, first + index, nowMs, at));
    for (let start = 0; start < rows.length; start += ROWS_PER_INSERT)
      await trx
        .insertInto('tessera_hook_deliveries')
        .values(rows.slice(start, start + ROWS_PER_INSERT))
        .execute();
    return first + rows.length;
  };

  return {
    async hooksBehind() {
      const rows = await db
        .selectFrom('tessera_hooks as h')
        .innerJoin('tessera_hook_cursors as c', 'c.hook_id', 'h.id')
        .innerJoin('tessera_event_sequences as s', 's.base_id', 'h.base_id')
        .select(['h.id', 'h.base_id', 'h.table_id'])
        .where('h.active', '=', 1)
        .where('h.event', '=', 'after')
        .whereRef('s.last_seq', '>', 'c.last_seq')
        .execute();
      return rows.map((r) => ({ hookId: r.id, baseId: r.base_id, tableId: r.table_id }));
    },

    async fanOut(hookId, limit, plan) {
      return db.transaction().execute(async (trx) => {
        const cursor = await lockCursor(trx, hookId, true);
        if (!cursor) return null;
        const hook = await hookIn(trx, hookId);
        const from = Number(cursor.last_seq);
        const latest = await trx
          .selectFrom('tessera_event_sequences')
          .select('last_seq')
          .where('base_id', '=', hook.baseId)
          .executeTakeFirst();
        // Read the newest number first: every event up to it has committed (see nextSequence).
        const upTo = Number(latest?.last_seq ?? 0);
        if (upTo <= from || !hook.active || hook.event !== 'after')
          return { events: 0, deliveries: 0, more: false };
        const rows = await trx
          .selectFrom('tessera_events')
          .selectAll()
          .where('base_id', '=', hook.baseId)
          .where('seq', '>', from)
          .where('seq', '<=', upTo)
          .where('table_id', '=', hook.tableId)
          .orderBy('seq')
          .limit(limit)
          .execute();
        const events = rows.map(eventFromRow);
        const reached = events.length < limit ? upTo : (events.at(-1)?.seq ?? upTo);
        const drafts = plan(hook, events);
        const next = await insertDrafts(trx, hook, drafts, Number(cursor.next_position));
        await trx
          .updateTable('tessera_hook_cursors')
          .set({ last_seq: reached, next_position: next })
          .where('hook_id', '=', hookId)
          .execute();
        return { events: events.length, deliveries: drafts.length, more: reached < upTo };
      });
    },

    async enqueue(hookId, drafts, change, audit) {
      return db.transaction().execute(async (trx) => {
        const cursor = await lockCursor(trx, hookId, false);
        if (!cursor) throw hookNotFound(hookId);
        const hook = await hookIn(trx, hookId);
        const next = await insertDrafts(trx, hook, drafts, Number(cursor.next_position));
        await trx
          .updateTable('tessera_hook_cursors')
          .set({ next_position: next })
          .where('hook_id', '=', hookId)
          .execute();
        await appendAudit(trx, change, [
          { ...audit, baseId: hook.baseId, tableId: hook.tableId, targetId: hookId },
        ]);
        const rows = await trx
          .selectFrom('tessera_hook_deliveries')
          .selectAll()
          .where('hook_id', '=', hookId)
          .where('position', '>=', Number(cursor.next_position))
          .orderBy('position')
          .execute();
        return rows.map(deliveryFromRow);
      });
    },

    async claim(owner, now, leaseMs, limit) {
      let due = db
        .selectFrom('tessera_hook_deliveries as d')
        .innerJoin('tessera_hooks as h', 'h.id', 'd.hook_id')
        .select('d.id')
        .where('h.active', '=', 1)
        .where('d.status', 'in', openDeliveryStatuses)
        .where('d.next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('d.lease_expires_at', 'is', null), eb('d.lease_expires_at', '<=', now)]))
        .where(({ not, exists, selectFrom }) =>
          not(
            exists(
              selectFrom('tessera_hook_deliveries as e')
                .select(sql.lit(1).as('one'))
                .whereRef('e.hook_id', '=', 'd.hook_id')
                .whereRef('e.position', '<', 'd.position')
                .where('e.status', 'in', openDeliveryStatuses),
            ),
          ),
        )
        .orderBy('d.next_attempt_at')
        .orderBy('d.position')
        .limit(limit);
      if (dialect.supportsConcurrentWriters) due = due.forUpdate('d').skipLocked();
      const claimed = await db
        .updateTable('tessera_hook_deliveries')
        .set({
          lease_owner: owner,
          lease_expires_at: now + leaseMs,
          attempts: sql<number>`attempts + 1`,
          updated_at: nowText(),
        })
        .where('id', 'in', due)
        .returningAll()
        .execute();
      if (claimed.length === 0) return [];
      const hookIds = [...new Set(claimed.map((row) => row.hook_id))];
      const hooks = await db.selectFrom('tessera_hooks').selectAll().where('id', 'in', hookIds).execute();
      const byId = new Map(hooks.map((row) => [row.id, row]));
      return claimed.flatMap((row): ClaimedDelivery[] => {
        const hook = byId.get(row.hook_id);
        return hook ? [{ delivery: deliveryFromRow(row), hook: hookFromRow(hook), secret: hook.secret }] : [];
      });
    },

    async complete(deliveryId, owner, attempt, outcome) {
      return db.transaction().execute(async (trx) => {
        const finished = outcome.status === 'succeeded' || outcome.status === 'dead';
        const result = await trx
          .updateTable('tessera_hook_deliveries')
          .set({
            status: outcome.status,
            next_attempt_at: outcome.nextAttemptAt,
            lease_owner: null,
            lease_expires_at: null,
            last_status_code: outcome.statusCode,
            last_latency_ms: outcome.latencyMs,
            response_excerpt: outcome.responseExcerpt,
            last_error: outcome.error,
            updated_at: nowText(),
            finished_at: finished ? nowText() : null,
          })
          .where('id', '=', deliveryId)
          .where('lease_owner', '=', owner)
          .where('status', 'in', openDeliveryStatuses)
          .executeTakeFirst();
        const exists = await trx
          .selectFrom('tessera_hook_deliveries')
          .select('id')
          .where('id', '=', deliveryId)
          .executeTakeFirst();
        if (exists)
          await trx
            .insertInto('tessera_hook_attempts')
            .values({
              delivery_id: deliveryId,
              attempt,
              started_at: outcome.startedAt,
              status_code: outcome.statusCode,
              latency_ms: outcome.latencyMs,
              response_excerpt: outcome.responseExcerpt,
              error: outcome.error,
              sent_by: owner,
            })
            .onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing())
            .execute();
        return Number(result.numUpdatedRows) > 0;
      });
    },

    async release(owner) {
      const result = await db
        .updateTable('tessera_hook_deliveries')
        .set({ lease_owner: null, lease_expires_at: null, updated_at: nowText() })
        .where('lease_owner', '=', owner)
        .where('status', 'in', openDeliveryStatuses)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    },

    async list(hookId, query) {
      await hookIn(db, hookId);
      let select = db.selectFrom('tessera_hook_deliveries').where('hook_id', '=', hookId);
      if (query.statuses !== undefined && query.statuses.length > 0)
        select = select.where('status', 'in', query.statuses);
      const [rows, count] = await Promise.all([
        select.selectAll().orderBy('position', 'desc').limit(query.limit).offset(query.offset).execute(),
        select.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ]);
      return { rows: rows.map(deliveryFromRow), total: Number(count?.n ?? 0) };
    },

    async get(hookId, deliveryId) {
      const row = await db
        .selectFrom('tessera_hook_deliveries')
        .selectAll()
        .where('id', '=', deliveryId)
        .where('hook_id', '=', hookId)
        .executeTakeFirst();
      if (!row)
        throw new TesseraError(
          'ERR_DELIVERY_NOT_FOUND',
          `Delivery '${deliveryId}' of hook '${hookId}' not found`,
        );
      const attempts = await db
        .selectFrom('tessera_hook_attempts')
        .selectAll()
        .where('delivery_id', '=', deliveryId)
        .orderBy('attempt')
        .execute();
      return {
        ...deliveryFromRow(row),
        attemptLog: attempts.map((a) => ({
          attempt: Number(a.attempt),
          startedAt: a.started_at,
          statusCode: a.status_code === null ? null : Number(a.status_code),
          latencyMs: Number(a.latency_ms),
          responseExcerpt: a.response_excerpt,
          error: a.error,
          sentBy: a.sent_by,
        })),
      };
    },

    async inRange(hookId, from, to, statuses, limit) {
      await hookIn(db, hookId);
      let select = db
        .selectFrom('tessera_hook_deliveries')
        .selectAll()
        .where('hook_id', '=', hookId)
        .where('created_at', '>=', from)
        .where('created_at', '<=', to);
      if (statuses.length > 0) select = select.where('status', 'in', statuses);
      const rows = await select.orderBy('position').limit(limit).execute();
      return rows.map(deliveryFromRow);
    },

    async prune(before) {
      // Their attempts go with them (foreign key on delete cascade).
      const result = await db
        .deleteFrom('tessera_hook_deliveries')
        .where('status', 'in', ['succeeded', 'dead'])
        .where('finished_at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
