import type { ViewFilterModel } from '@tessera/core';
import type { Selectable } from 'kysely';
import { parseJsonObject } from '../meta/meta-rows.ts';
import type { MetaTables } from '../meta/meta-tables.ts';
import { compactValue } from '../meta/schema-audit.ts';

/**
 * What a hook fires on. NocoDB's operations, with bulk forms named apart; a v3 hook's `insert`
 * also covers bulk inserts (NocoDB v3 folds them), `bulkInsert` alone only those. `link` and
 * `unlink` are Tessera's (NocoDB fires nothing on link changes); `trigger` is the manual call.
 */
export const hookOperations = [
  'insert',
  'update',
  'delete',
  'bulkInsert',
  'bulkUpdate',
  'bulkDelete',
  'link',
  'unlink',
  'trigger',
] as const;
export type HookOperation = (typeof hookOperations)[number];

/** `after`: fires on record changes once committed; `manual`: only through the trigger call. */
export const hookEvents = ['after', 'manual'] as const;
export type HookEvent = (typeof hookEvents)[number];

/** A custom header or query parameter of the outgoing request. */
export interface HookNameValue {
  readonly name: string;
  readonly value: string;
  readonly enabled: boolean;
}

/** NocoDB's notification object, for the URL type (the only one Tessera sends). */
export interface HookNotification {
  readonly type: 'URL';
  readonly payload: {
    readonly method: string;
    readonly path: string;
    /** Kept for NocoDB clients; Tessera always sends the envelope as the body. */
    readonly body: string | null;
    readonly headers: readonly HookNameValue[];
    readonly parameters: readonly HookNameValue[];
    readonly auth: unknown;
  };
}

/** A hook filter: a view filter that belongs to a hook. */
export type HookFilterModel = Omit<ViewFilterModel, 'viewId'> & { readonly hookId: string };

export interface HookModel {
  readonly id: string;
  readonly baseId: string;
  readonly tableId: string;
  readonly title: string;
  readonly description: string | null;
  readonly event: HookEvent;
  readonly operations: readonly HookOperation[];
  readonly version: string;
  readonly notification: HookNotification;
  readonly active: boolean;
  /** NocoDB's `condition`: the hook filters apply. */
  readonly useFilters: boolean;
  /** A `where` string every row must match (null: none). */
  readonly where: string | null;
  readonly filters: readonly HookFilterModel[];
  /** Updates fire only when one of these fields (ids) changed; empty: any update. */
  readonly triggerFields: readonly string[];
  readonly hasSecret: boolean;
  /** The secret's last four characters, so people can tell secrets apart. */
  readonly secretHint: string | null;
  /** NocoDB's further keys (retries, retry_interval, timeout…), returned as given. */
  readonly options: Readonly<Record<string, unknown>>;
  readonly order: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export type HookRow = Selectable<MetaTables['tessera_hooks']>;

function jsonArray<T>(text: string): T[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? (value as T[]) : [];
}

export function hookFromRow(row: HookRow): HookModel {
  return {
    id: row.id,
    baseId: row.base_id,
    tableId: row.table_id,
    title: row.title,
    description: row.description,
    event: row.event as HookEvent,
    operations: jsonArray<HookOperation>(row.operations),
    version: row.version,
    notification: JSON.parse(row.notification) as HookNotification,
    active: Number(row.active) === 1,
    useFilters: Number(row.use_filters) === 1,
    where: row.where_text,
    filters: jsonArray<Omit<HookFilterModel, 'hookId'>>(row.filters).map((f) => ({ ...f, hookId: row.id })),
    triggerFields: jsonArray<string>(row.trigger_fields),
    hasSecret: row.secret !== null,
    secretHint: row.secret === null ? null : row.secret.slice(-4),
    options: parseJsonObject(row.options),
    order: Number(row.sort_order),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A URL with any password in it masked. */
function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password === '') return url;
    parsed.password = '***';
    return parsed.href;
  } catch {
    return url;
  }
}

/**
 * What the audit trail keeps of a hook. Header and parameter values and the secret are left
 * out: they often hold credentials.
 */
export function hookSnapshot(hook: HookModel) {
  const payload = hook.notification.payload;
  return {
    title: hook.title,
    description: hook.description,
    event: hook.event,
    operation: hook.operations,
    url: compactValue(withoutPassword(payload.path)),
    method: payload.method,
    headers: payload.headers.map((h) => h.name),
    parameters: payload.parameters.map((p) => p.name),
    active: hook.active,
    condition: hook.useFilters,
    where: compactValue(hook.where),
    filters: hook.filters.length,
    trigger_fields: hook.triggerFields,
    has_secret: hook.hasSecret,
    secret_hint: hook.secretHint,
  };
}
