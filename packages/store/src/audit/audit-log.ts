import type { AuditActor } from '@tessera/core';
import { type Insertable, type Selectable, sql } from 'kysely';
import { nowText } from '../meta/meta-rows.ts';
import type { MetaTables } from '../meta/meta-tables.ts';
import type { Executor, StoreContext } from '../store-context.ts';

/** Who makes a change and from where; every mutating store call takes one. */
export interface ChangeContext {
  readonly actor: AuditActor;
  readonly ip: string | null;
}

/** One line of the audit trail, written in the transaction of the change it records. */
export interface AuditEntry {
  /** `<subject>.<verb>`, e.g. `record.update`, `field.create`, `token.revoke`, `user.signin_failed`. */
  readonly action: string;
  readonly baseId?: string | null;
  readonly tableId?: string | null;
  readonly recordId?: string | number | null;
  /** The id of what changed when it is not a record: field, view, token, user… */
  readonly targetId?: string | null;
  /** JSON-serialisable. For records `{ before, after }` holding only the changed fields. */
  readonly details?: unknown;
}

export type AuditRow = Selectable<MetaTables['tessera_audit_log']>;

/** Thirteen columns per row; stays far below both databases' bound-parameter limits. */
const ROWS_PER_STATEMENT = 1000;

export type AuditInsert = Insertable<MetaTables['tessera_audit_log']>;

/** The row appendAudit writes for one entry. */
export function auditRow(change: ChangeContext, entry: AuditEntry, at: string): AuditInsert {
  return {
    created_at: at,
    action: entry.action,
    actor_type: change.actor.type,
    actor_id: change.actor.id,
    actor_name: change.actor.name,
    actor_user_id: change.actor.userId,
    ip: change.ip,
    base_id: entry.baseId ?? null,
    table_id: entry.tableId ?? null,
    record_id: entry.recordId === undefined || entry.recordId === null ? null : String(entry.recordId),
    target_id: entry.targetId ?? null,
    details: entry.details === undefined ? null : JSON.stringify(entry.details),
  };
}

/** Appends entries to the audit trail through the executor of the change's transaction. */
export async function appendAudit(
  executor: Executor,
  change: ChangeContext,
  entries: readonly AuditEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const at = nowText();
  const rows = entries.map((entry) => auditRow(change, entry, at));
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT)
    await executor
      .insertInto('tessera_audit_log')
      .values(rows.slice(start, start + ROWS_PER_STATEMENT))
      .execute();
}

/**
 * The INSERT of `row` (see auditRow) once per row of `source`, a data-modifying CTE of the
 * same statement that returns the record's id as `id`, which becomes the row's record id:
 * the audit row of a one-statement write (see DialectAdapter.supportsWritableCtes).
 */
export function auditInsertFromCte(executor: Executor, row: AuditInsert, source: string) {
  const columns = Object.keys(row) as (keyof AuditInsert)[];
  return executor
    .insertInto('tessera_audit_log')
    .columns(columns)
    .expression(
      executor
        .selectFrom(source)
        .select(
          columns.map((column) =>
            column === 'record_id'
              ? sql<string>`cast(${sql.ref('id')} as text)`.as(column)
              : sql.val(row[column] ?? null).as(column),
          ),
        ),
    );
}

/** Filters of the audit API; every one optional. Newest first, paged by `beforeId` or offset. */
export interface AuditQuery {
  readonly baseId?: string;
  readonly tableId?: string;
  readonly recordId?: string;
  /** A user id: changes made by that user or by their tokens. */
  readonly actorUserId?: string;
  /** A user id, token id or system name: changes made by exactly that actor. */
  readonly actorId?: string;
  readonly action?: string;
  /** Any of these actions. */
  readonly actions?: readonly string[];
  /** What changed when it is not a record: a field, view, token, user… */
  readonly targetId?: string;
  /** Canonical UTC text bounds, inclusive. */
  readonly from?: string;
  readonly to?: string;
  /** Restrict to these bases (plus instance-level entries when `includeInstance`). */
  readonly visibleBaseIds?: readonly string[];
  readonly includeInstance?: boolean;
  readonly limit: number;
  readonly offset: number;
}

export interface AuditStore {
  list(query: AuditQuery): Promise<{ rows: AuditRow[]; total: number }>;
}

export function auditStore({ db }: StoreContext): AuditStore {
  return {
    async list(query) {
      let select = db.selectFrom('tessera_audit_log');
      if (query.baseId !== undefined) select = select.where('base_id', '=', query.baseId);
      if (query.tableId !== undefined) select = select.where('table_id', '=', query.tableId);
      if (query.recordId !== undefined) select = select.where('record_id', '=', query.recordId);
      if (query.actorUserId !== undefined) select = select.where('actor_user_id', '=', query.actorUserId);
      if (query.actorId !== undefined) select = select.where('actor_id', '=', query.actorId);
      if (query.action !== undefined) select = select.where('action', '=', query.action);
      if (query.actions !== undefined && query.actions.length > 0)
        select = select.where('action', 'in', query.actions);
      if (query.targetId !== undefined) select = select.where('target_id', '=', query.targetId);
      if (query.from !== undefined) select = select.where('created_at', '>=', query.from);
      if (query.to !== undefined) select = select.where('created_at', '<=', query.to);
      const visible = query.visibleBaseIds;
      if (visible !== undefined)
        select = select.where((eb) => {
          const inBases = visible.length > 0 ? [eb('base_id', 'in', visible)] : [];
          return eb.or(query.includeInstance ? [...inBases, eb('base_id', 'is', null)] : inBases);
        });
      const [rows, count] = await Promise.all([
        select.selectAll().orderBy('id', 'desc').limit(query.limit).offset(query.offset).execute(),
        select.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
      ]);
      return { rows, total: Number(count?.n ?? 0) };
    },
  };
}
