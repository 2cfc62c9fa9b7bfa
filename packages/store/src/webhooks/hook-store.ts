import {
  bindFilter,
  filterExpression,
  filterFieldResolver,
  filterTerm,
  newId,
  type TableModel,
  TesseraError,
  viewFilterCondition,
} from '@tessera/core';
import type { Updateable } from 'kysely';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { flag, nowText } from '../meta/meta-rows.ts';
import type { MetaTables } from '../meta/meta-tables.ts';
import { changedValues, filterSnapshot } from '../meta/schema-audit.ts';
import type { TableStore } from '../meta/table-store.ts';
import { newFilterValues, type ViewFilterSpec } from '../meta/view-store.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import {
  type HookFilterModel,
  type HookModel,
  type HookRow,
  hookFromRow,
  hookSnapshot,
} from './hook-model.ts';
import {
  checkDescription,
  checkEvent,
  checkHookTitle,
  checkNotification,
  checkOperations,
  checkSecret,
  checkTriggerFields,
  checkVersion,
  checkWhere,
  type HookSpec,
  invalidHook,
} from './hook-spec.ts';

/** Most filters (conditions and groups) one hook may have. */
const MAX_HOOK_FILTERS = 100;

/**
 * Webhooks per table, with NocoDB's hook filters. Every change is audited in its transaction
 * (`hook.create|update|delete`, `hook.filter.create|update|delete`) with the hook as target.
 * A new hook (or one switched back on) starts at the end of its base's outbox: it sends the
 * changes committed from then on.
 */
export interface HookStore {
  list(tableId: string): Promise<HookModel[]>;
  get(hookId: string): Promise<HookModel>;
  create(tableId: string, spec: HookSpec, change: ChangeContext): Promise<HookModel>;
  update(hookId: string, spec: HookSpec, change: ChangeContext): Promise<HookModel>;
  remove(hookId: string, change: ChangeContext): Promise<void>;
  /** The signing secret, for the sender only; never for an API answer. */
  secretOf(hookId: string): Promise<string | null>;
  createFilter(hookId: string, spec: ViewFilterSpec, change: ChangeContext): Promise<HookFilterModel>;
  updateFilter(
    hookId: string,
    filterId: string,
    spec: ViewFilterSpec,
    change: ChangeContext,
  ): Promise<HookFilterModel>;
  removeFilter(hookId: string, filterId: string, change: ChangeContext): Promise<void>;
}

export function hookNotFound(hookId: string): TesseraError {
  return new TesseraError('ERR_HOOK_NOT_FOUND', `Hook '${hookId}' not found`);
}

/** The newest sequence number of a base's outbox, read in the given transaction. */
async function latestSeq(executor: Executor, baseId: string): Promise<number> {
  const row = await executor
    .selectFrom('tessera_event_sequences')
    .select('last_seq')
    .where('base_id', '=', baseId)
    .executeTakeFirst();
  return Number(row?.last_seq ?? 0);
}

type StoredFilter = Omit<HookFilterModel, 'hookId'>;

export function hookStore(context: StoreContext, tables: TableStore): HookStore {
  const { db, dialect } = context;

  /**
   * The hook's row; `lock` holds it against other changes until commit. The lock is NO KEY
   * UPDATE, which lets fan-out (cursor locked first, then the hook row key-shared by the
   * deliveries' foreign key) proceed, so the two never wait on each other in a cycle.
   */
  const hookRow = async (executor: Executor, hookId: string, lock = false): Promise<HookRow> => {
    let select = executor.selectFrom('tessera_hooks').selectAll().where('id', '=', hookId);
    if (lock && dialect.supportsConcurrentWriters) select = select.forNoKeyUpdate();
    const row = await select.executeTakeFirst();
    if (!row) throw hookNotFound(hookId);
    return row;
  };

  /**
   * Locks the hook's cursor row until commit. Every transaction that locks a hook's rows takes
   * the cursor first (fan-out, new deliveries, changes, deletion), so none waits in a cycle.
   */
  const lockCursor = async (trx: Executor, hookId: string) => {
    let cursor = trx.selectFrom('tessera_hook_cursors').select('hook_id').where('hook_id', '=', hookId);
    if (dialect.supportsConcurrentWriters) cursor = cursor.forUpdate();
    await cursor.executeTakeFirst();
  };

  /**
   * Changes a hook in one transaction (its row locked against concurrent changes), audited;
   * `work` returns the columns to set and the audit entry's action and details.
   */
  const mutate = async <T>(
    hookId: string,
    change: ChangeContext,
    work: (
      hook: HookModel,
      row: HookRow,
      trx: Executor,
    ) => Promise<{
      set: Updateable<MetaTables['tessera_hooks']>;
      action: string;
      details: unknown;
      result: T;
    }>,
  ): Promise<T> =>
    db.transaction().execute(async (trx) => {
      await lockCursor(trx, hookId);
      const row = await hookRow(trx, hookId, true);
      const hook = hookFromRow(row);
      const { set, action, details, result } = await work(hook, row, trx);
      await trx
        .updateTable('tessera_hooks')
        .set({ ...set, updated_at: nowText() })
        .where('id', '=', hookId)
        .execute();
      await appendAudit(trx, change, [
        { action, baseId: hook.baseId, tableId: hook.tableId, targetId: hookId, details },
      ]);
      return result;
    });

  const checkFilter = (table: TableModel, filters: readonly StoredFilter[], spec: StoredFilter) => {
    if (spec.parentId !== null) {
      const parent = filters.find((f) => f.id === spec.parentId);
      if (!parent?.isGroup) throw invalidHook(`Filter '${spec.parentId}' is not a group of this webhook`);
    }
    if (!['and', 'or', 'not'].includes(spec.logicalOp))
      throw invalidHook(`logical_op must be and, or or not (got '${spec.logicalOp}')`);
    if (spec.isGroup) return;
    if (!table.fields.some((f) => f.id === spec.fieldId))
      throw invalidHook(`Filter: field '${spec.fieldId}' not found in table '${table.title}'`);
    const condition = viewFilterCondition(spec);
    if (condition)
      bindFilter(filterExpression([filterTerm('and', condition)]), {
        resolve: filterFieldResolver(table),
        now: new Date(),
      });
  };

  const filterNotFound = (filterId: string) =>
    new TesseraError('ERR_HOOK_FILTER_NOT_FOUND', `Hook filter '${filterId}' not found`);

  return {
    async list(tableId) {
      await tables.get(tableId);
      const rows = await db
        .selectFrom('tessera_hooks')
        .selectAll()
        .where('table_id', '=', tableId)
        .orderBy('sort_order')
        .orderBy('created_at')
        .execute();
      return rows.map(hookFromRow);
    },

    get: async (hookId) => hookFromRow(await hookRow(db, hookId)),

    async create(tableId, spec, change) {
      const table = await tables.get(tableId);
      const event = checkEvent(spec.event);
      const now = nowText();
      const id = newId('hk');
      const row = {
        id,
        base_id: table.baseId,
        table_id: table.id,
        title: checkHookTitle(spec.title),
        description: checkDescription(spec.description),
        event,
        operations: JSON.stringify(checkOperations(spec.operations, event)),
        version: checkVersion(spec.version),
        notification: JSON.stringify(checkNotification(spec.notification)),
        secret: checkSecret(spec.secret ?? null),
        active: flag(spec.active ?? true),
        use_filters: flag(spec.useFilters ?? false),
        where_text: checkWhere(spec.where, table),
        filters: '[]',
        trigger_fields: JSON.stringify(checkTriggerFields(spec.triggerFields, table)),
        options: JSON.stringify(spec.options ?? {}),
        created_at: now,
        updated_at: now,
      };
      return db.transaction().execute(async (trx) => {
        const count = await trx
          .selectFrom('tessera_hooks')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('table_id', '=', table.id)
          .executeTakeFirst();
        await trx
          .insertInto('tessera_hooks')
          .values({ ...row, sort_order: Number(count?.n ?? 0) + 1 })
          .execute();
        await trx
          .insertInto('tessera_hook_cursors')
          .values({ hook_id: id, last_seq: await latestSeq(trx, table.baseId), next_position: 1 })
          .execute();
        const hook = hookFromRow(await hookRow(trx, id));
        await appendAudit(trx, change, [
          {
            action: 'hook.create',
            baseId: table.baseId,
            tableId: table.id,
            targetId: id,
            details: { after: hookSnapshot(hook) },
          },
        ]);
        return hook;
      });
    },

    async update(hookId, spec, change) {
      const current = hookFromRow(await hookRow(db, hookId));
      const table = await tables.get(current.tableId);
      await mutate(hookId, change, async (hook, _row, trx) => {
        const set: Updateable<MetaTables['tessera_hooks']> = {};
        if (spec.title !== undefined) set.title = checkHookTitle(spec.title);
        if (spec.description !== undefined) set.description = checkDescription(spec.description);
        if (spec.version !== undefined) set.version = checkVersion(spec.version);
        const event = spec.event === undefined ? hook.event : checkEvent(spec.event);
        if (spec.event !== undefined || spec.operations !== undefined) {
          set.event = event;
          set.operations = JSON.stringify(
            checkOperations(spec.operations ?? (event === hook.event ? hook.operations : undefined), event),
          );
        }
        if (spec.notification !== undefined)
          set.notification = JSON.stringify(checkNotification(spec.notification));
        if (spec.secret !== undefined) set.secret = checkSecret(spec.secret);
        if (spec.useFilters !== undefined) set.use_filters = flag(spec.useFilters);
        if (spec.where !== undefined) set.where_text = checkWhere(spec.where, table);
        if (spec.triggerFields !== undefined)
          set.trigger_fields = JSON.stringify(checkTriggerFields(spec.triggerFields, table));
        if (spec.options !== undefined) set.options = JSON.stringify({ ...hook.options, ...spec.options });
        if (spec.active !== undefined) {
          set.active = flag(spec.active);
          // Switched back on: changes made while it was off are not sent.
          if (spec.active && !hook.active)
            await trx
              .updateTable('tessera_hook_cursors')
              .set({ last_seq: await latestSeq(trx, hook.baseId) })
              .where('hook_id', '=', hookId)
              .execute();
        }
        const after = hookFromRow({ ...(await hookRow(trx, hookId)), ...set } as HookRow);
        return {
          set,
          action: 'hook.update',
          details: changedValues(hookSnapshot(hook), hookSnapshot(after)),
          result: undefined,
        };
      });
      return hookFromRow(await hookRow(db, hookId));
    },

    async remove(hookId, change) {
      await db.transaction().execute(async (trx) => {
        await lockCursor(trx, hookId);
        const hook = hookFromRow(await hookRow(trx, hookId));
        await trx.deleteFrom('tessera_hooks').where('id', '=', hookId).execute();
        await appendAudit(trx, change, [
          {
            action: 'hook.delete',
            baseId: hook.baseId,
            tableId: hook.tableId,
            targetId: hookId,
            details: { before: hookSnapshot(hook) },
          },
        ]);
      });
    },

    async secretOf(hookId) {
      return (await hookRow(db, hookId)).secret;
    },

    async createFilter(hookId, spec, change) {
      const table = await tables.get((await hookRow(db, hookId)).table_id);
      return mutate(hookId, change, async (hook) => {
        const filters: StoredFilter[] = hook.filters.map(({ hookId: _, ...f }) => f);
        if (filters.length >= MAX_HOOK_FILTERS)
          throw invalidHook(`A webhook has at most ${MAX_HOOK_FILTERS} filters`);
        const filter: StoredFilter = { id: newId('fi'), ...newFilterValues(spec, filters.length) };
        checkFilter(table, filters, filter);
        return {
          set: { filters: JSON.stringify([...filters, filter]) },
          action: 'hook.filter.create',
          details: { filter_id: filter.id, after: filterSnapshot(filter) },
          result: { ...filter, hookId },
        };
      });
    },

    async updateFilter(hookId, filterId, spec, change) {
      const table = await tables.get((await hookRow(db, hookId)).table_id);
      return mutate(hookId, change, async (hook) => {
        const filters: StoredFilter[] = hook.filters.map(({ hookId: _, ...f }) => f);
        const old = filters.find((f) => f.id === filterId);
        if (!old) throw filterNotFound(filterId);
        const next: StoredFilter = {
          ...old,
          fieldId: old.isGroup ? null : spec.fieldId === undefined ? old.fieldId : spec.fieldId,
          comparisonOp: spec.comparisonOp === undefined ? old.comparisonOp : spec.comparisonOp,
          comparisonSubOp: spec.comparisonSubOp === undefined ? old.comparisonSubOp : spec.comparisonSubOp,
          value: spec.value === undefined ? old.value : spec.value,
          logicalOp: spec.logicalOp ?? old.logicalOp,
          parentId: spec.parentId === undefined ? old.parentId : spec.parentId,
          enabled: spec.enabled ?? old.enabled,
          order: spec.order ?? old.order,
        };
        if (next.parentId === filterId) throw invalidHook('A filter group cannot contain itself');
        checkFilter(table, filters, next);
        return {
          set: { filters: JSON.stringify(filters.map((f) => (f.id === filterId ? next : f))) },
          action: 'hook.filter.update',
          details: { filter_id: filterId, ...changedValues(filterSnapshot(old), filterSnapshot(next)) },
          result: { ...next, hookId },
        };
      });
    },

    async removeFilter(hookId, filterId, change) {
      await mutate(hookId, change, async (hook) => {
        const old = hook.filters.find((f) => f.id === filterId);
        if (!old) throw filterNotFound(filterId);
        // A group goes with everything inside it.
        const doomed = new Set([filterId]);
        for (let grew = true; grew; ) {
          grew = false;
          for (const f of hook.filters)
            if (f.parentId !== null && doomed.has(f.parentId) && !doomed.has(f.id)) {
              doomed.add(f.id);
              grew = true;
            }
        }
        const kept = hook.filters.filter((f) => !doomed.has(f.id)).map(({ hookId: _, ...f }) => f);
        return {
          set: { filters: JSON.stringify(kept) },
          action: 'hook.filter.delete',
          details: { filter_id: filterId, before: filterSnapshot(old) },
          result: undefined,
        };
      });
    },
  };
}
