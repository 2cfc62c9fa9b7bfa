import { randomUUID } from 'node:crypto';
import {
  type BoundFilterExpression,
  bindFilter,
  combineFilters,
  evaluateFilter,
  type FilterExpression,
  filterExpression,
  filterFieldResolver,
  filterGroup,
  filterTerm,
  recordValueReader,
  type TableModel,
  viewFilterExpression,
} from '@tessera/core';
import type { DeliveryDraft, FanOutPlan, HookModel, RecordEvent } from '@tessera/store';
import { buildEnvelope, envelopeType, hookFiresOn, operationOf } from './payload-builder.ts';

/**
 * The hook's condition: its `where` AND (when `condition` is on) its NocoDB hook filters,
 * bound to the table now (relative dates count from now). Null when it has none. Throws
 * ERR_INVALID_FILTER when it no longer fits the table (e.g. a field was deleted).
 */
export function hookCondition(hook: HookModel, table: TableModel, now: Date): BoundFilterExpression | null {
  const parts: FilterExpression[] = [];
  const where = hook.where ? combineFilters(hook.where) : null;
  if (where) parts.push(where);
  if (hook.useFilters) {
    const filters = viewFilterExpression({ filters: hook.filters.map((f) => ({ ...f, viewId: hook.id })) });
    if (filters) parts.push(filters);
  }
  if (parts.length === 0) return null;
  const expression =
    parts.length === 1 ? parts[0]! : filterExpression(parts.map((p) => filterTerm('and', filterGroup(p))));
  return bindFilter(expression, { resolve: filterFieldResolver(table), now });
}

function changed(row: unknown, previous: unknown, titles: readonly string[]): boolean {
  const now = (row ?? {}) as Record<string, unknown>;
  const before = (previous ?? {}) as Record<string, unknown>;
  return titles.some((title) => JSON.stringify(now[title] ?? null) !== JSON.stringify(before[title] ?? null));
}

/**
 * How a hook's outbox events become deliveries: events of an operation the hook fires on,
 * keeping only the rows that match its condition (the new row; a delete's old row) and, for
 * updates with trigger fields, only rows where one of them changed. One delivery per event
 * with rows left: a bulk event stays one delivery, as NocoDB v3 sends it. A condition that can
 * no longer be evaluated makes the deliveries dead at once with the reason, visible in the log.
 */
export function deliveryPlan(table: TableModel): FanOutPlan {
  return (hook, events) => {
    let condition: BoundFilterExpression | null = null;
    let broken: string | undefined;
    try {
      condition = hookCondition(hook, table, new Date());
    } catch (error) {
      broken = `The webhook condition cannot be evaluated: ${error instanceof Error ? error.message : String(error)}`;
    }
    const triggerTitles = hook.triggerFields.flatMap((id) => {
      const field = table.fields.find((f) => f.id === id);
      return field ? [field.title] : [];
    });
    return events.flatMap((event): DeliveryDraft[] => {
      const operation = operationOf(event);
      if (!hookFiresOn(hook.operations, operation)) return [];
      const kept = event.rows.flatMap((row, index) => {
        if (broken === undefined && condition && !evaluateFilter(condition, recordValueReader(row)))
          return [];
        const previous = event.previousRows?.[index];
        if (event.previousRows && triggerTitles.length > 0 && !changed(row, previous, triggerTitles))
          return [];
        return [index];
      });
      if (kept.length === 0) return [];
      return [draftOf(hook, table, event, operation, kept, broken)];
    });
  };
}

function draftOf(
  hook: HookModel,
  table: TableModel,
  event: RecordEvent,
  operation: ReturnType<typeof operationOf>,
  kept: readonly number[],
  deadReason: string | undefined,
): DeliveryDraft {
  const id = randomUUID();
  const type = envelopeType(operation, hook.version);
  const previousRows = event.previousRows;
  return {
    id,
    seq: event.seq,
    kind: 'event',
    type,
    operation,
    recordIds: kept.map((index) => event.recordIds[index] ?? null).filter((rid) => rid !== null),
    payload: buildEnvelope({
      id,
      type,
      baseId: hook.baseId,
      version: hook.version,
      table,
      rows: kept.map((index) => event.rows[index]),
      previousRows: previousRows ? kept.map((index) => previousRows[index]) : null,
      details: event.details,
    }),
    ...(deadReason === undefined ? {} : { deadReason }),
  };
}
