import {
  bindFilter,
  combineFilters,
  filterFieldResolver,
  findFieldByRef,
  type TableModel,
  TesseraError,
} from '@tessera/core';
import {
  type HookEvent,
  type HookNameValue,
  type HookNotification,
  type HookOperation,
  hookEvents,
  hookOperations,
} from './hook-model.ts';

/** A hook as a client describes it; on update, absent keys stay as they are. */
export interface HookSpec {
  readonly title?: unknown;
  readonly description?: unknown;
  readonly event?: unknown;
  /** An array, or one operation as text (NocoDB v2 style). */
  readonly operations?: unknown;
  readonly version?: unknown;
  /** NocoDB's notification object (or its JSON text). */
  readonly notification?: unknown;
  readonly active?: boolean;
  readonly useFilters?: boolean;
  readonly where?: unknown;
  /** Field titles or ids; empty: every update fires. */
  readonly triggerFields?: unknown;
  /** The signing secret, or null to remove it. */
  readonly secret?: string | null;
  readonly options?: Readonly<Record<string, unknown>>;
}

export const MAX_HOOK_URL_LENGTH = 2048;
const MAX_TITLE_LENGTH = 255;
const MAX_PAIRS = 50;
const MAX_PAIR_VALUE_LENGTH = 8192;
const MAX_WHERE_LENGTH = 10_000;
export const MIN_SECRET_LENGTH = 16;
const MAX_SECRET_LENGTH = 256;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);
/** RFC 9110 token characters. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Headers the sender owns: framing, and Tessera's own delivery headers. */
const RESERVED_HEADERS = new Set(['host', 'content-length', 'transfer-encoding', 'connection', 'upgrade']);

export function invalidHook(message: string, details?: Record<string, unknown>): TesseraError {
  return new TesseraError('ERR_INVALID_WEBHOOK', message, details);
}

export function checkHookTitle(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw invalidHook('A webhook needs a title');
  const title = value.trim();
  if (title.length > MAX_TITLE_LENGTH)
    throw invalidHook(`The webhook title is longer than ${MAX_TITLE_LENGTH} characters`);
  return title;
}

export function checkDescription(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') throw invalidHook("'description' must be text");
  return value;
}

/** `v3` (the default); v2 and v1 hooks are refused with 400, as NocoDB does. */
export function checkVersion(value: unknown): string {
  if (value === undefined || value === null || value === 'v3') return 'v3';
  if (value === 'v2' || value === 'v1')
    throw new TesseraError(
      'ERR_BAD_REQUEST',
      `Webhook version ${value} is deprecated / not supported anymore; create v3 webhooks`,
    );
  throw invalidHook(`Webhook version must be v3 (got ${JSON.stringify(value)})`);
}

export function checkEvent(value: unknown): HookEvent {
  if (value === undefined || value === null) return 'after';
  if (value === 'before')
    throw invalidHook("'before' webhooks are not supported: Tessera sends webhooks after the change commits");
  if (typeof value === 'string' && (hookEvents as readonly string[]).includes(value))
    return value as HookEvent;
  throw invalidHook(`'event' must be after or manual (got ${JSON.stringify(value)})`);
}

/** The operations of a hook: manual hooks only `trigger`; others a non-empty list without it. */
export function checkOperations(value: unknown, event: HookEvent): HookOperation[] {
  if (event === 'manual') return ['trigger'];
  if (value === undefined || value === null) return ['insert', 'update', 'delete'];
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0)
    throw invalidHook("'operation' must name at least one operation");
  const operations: HookOperation[] = [];
  for (const item of list) {
    if (
      typeof item !== 'string' ||
      !(hookOperations as readonly string[]).includes(item) ||
      item === 'trigger'
    )
      throw invalidHook(
        `Unknown webhook operation ${JSON.stringify(item)}; use ${hookOperations.filter((o) => o !== 'trigger').join(', ')}`,
      );
    if (!operations.includes(item as HookOperation)) operations.push(item as HookOperation);
  }
  return operations;
}

/** An absolute http(s) URL; anything else (file:, javascript:, relative) is refused. */
export function checkHookUrl(value: unknown): URL {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalidHook('The webhook needs a URL (notification.payload.path)');
  if (value.length > MAX_HOOK_URL_LENGTH)
    throw invalidHook(`The webhook URL is longer than ${MAX_HOOK_URL_LENGTH} characters`);
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw invalidHook(`The webhook URL is not a valid absolute URL: ${JSON.stringify(value.slice(0, 200))}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalidHook(`Webhook URLs must be http:// or https:// (got ${url.protocol})`);
  if (url.hostname === '') throw invalidHook('The webhook URL has no host');
  return url;
}

function checkPairs(value: unknown, what: 'headers' | 'parameters'): HookNameValue[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidHook(`'notification.payload.${what}' must be an array`);
  const pairs: HookNameValue[] = [];
  for (const item of value) {
    if (!item || typeof item !== 'object' || Array.isArray(item))
      throw invalidHook(`Each of 'notification.payload.${what}' must be an object {name, value, enabled}`);
    const { name, value: text, enabled } = item as Record<string, unknown>;
    // NocoDB's form keeps an empty row at the end.
    if (name === undefined || name === null || name === '') continue;
    if (typeof name !== 'string') throw invalidHook(`A ${what} name must be text`);
    const shown = JSON.stringify(name.slice(0, 100));
    if (what === 'headers' && !HEADER_NAME.test(name)) throw invalidHook(`Invalid header name ${shown}`);
    const lower = name.toLowerCase();
    if (what === 'headers' && (RESERVED_HEADERS.has(lower) || lower.startsWith('x-tessera-')))
      throw invalidHook(`The header ${shown} is set by Tessera and cannot be configured`);
    const valueText = text === undefined || text === null ? '' : typeof text === 'string' ? text : undefined;
    if (valueText === undefined) throw invalidHook(`The value of ${what} ${shown} must be text`);
    if (valueText.length > MAX_PAIR_VALUE_LENGTH || /[\r\n\0]/.test(valueText))
      throw invalidHook(
        `The value of ${what} ${shown} must be at most ${MAX_PAIR_VALUE_LENGTH} characters on one line`,
      );
    pairs.push({ name, value: valueText, enabled: enabled !== false });
  }
  if (pairs.length > MAX_PAIRS) throw invalidHook(`At most ${MAX_PAIRS} ${what} are allowed`);
  return pairs;
}

/** NocoDB's notification (object or JSON text) → its checked, normalised form. */
export function checkNotification(value: unknown): HookNotification {
  let notification = value;
  if (typeof notification === 'string') {
    try {
      notification = JSON.parse(notification);
    } catch {
      throw invalidHook("'notification' must be a JSON object");
    }
  }
  if (!notification || typeof notification !== 'object' || Array.isArray(notification))
    throw invalidHook("A webhook needs a 'notification' object {type: 'URL', payload: {method, path, …}}");
  const { type, payload } = notification as Record<string, unknown>;
  if (type !== undefined && type !== 'URL')
    throw invalidHook(`Only URL webhooks are supported (notification.type ${JSON.stringify(type)})`);
  if (!payload || typeof payload !== 'object' || Array.isArray(payload))
    throw invalidHook("'notification.payload' must be an object {method, path, headers, …}");
  const fields = payload as Record<string, unknown>;
  const method = fields.method === undefined ? 'POST' : String(fields.method).toUpperCase();
  if (!METHODS.has(method))
    throw invalidHook(
      `Webhook method must be one of ${[...METHODS].join(', ')} (got ${JSON.stringify(fields.method)})`,
    );
  const url = checkHookUrl(fields.path);
  const body = fields.body === undefined || fields.body === null ? null : fields.body;
  if (body !== null && typeof body !== 'string')
    throw invalidHook("'notification.payload.body' must be text");
  return {
    type: 'URL',
    payload: {
      method,
      path: url.href,
      body,
      headers: checkPairs(fields.headers, 'headers'),
      parameters: checkPairs(fields.parameters, 'parameters'),
      auth: fields.auth ?? null,
    },
  };
}

/** A `where` string, parsed and bound to the table now, so a bad one is refused when saved. */
export function checkWhere(value: unknown, table: TableModel): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string') throw invalidHook("'where' must be text");
  if (value.length > MAX_WHERE_LENGTH)
    throw invalidHook(`'where' is longer than ${MAX_WHERE_LENGTH} characters`);
  const expression = combineFilters(value);
  if (expression) bindFilter(expression, { resolve: filterFieldResolver(table), now: new Date() });
  return value;
}

/** Field titles or ids → field ids. */
export function checkTriggerFields(value: unknown, table: TableModel): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw invalidHook("'trigger_fields' must be an array of field ids or titles");
  const ids: string[] = [];
  for (const ref of value) {
    const field = typeof ref === 'string' ? findFieldByRef(table, ref) : undefined;
    if (!field)
      throw invalidHook(`Trigger field ${JSON.stringify(ref)} is not a field of table '${table.title}'`);
    if (!ids.includes(field.id)) ids.push(field.id);
  }
  return ids;
}

export function checkSecret(value: string | null): string | null {
  if (value === null) return null;
  if (value.length < MIN_SECRET_LENGTH || value.length > MAX_SECRET_LENGTH || !/^[\x21-\x7e]+$/.test(value))
    throw invalidHook(
      `A webhook secret must be ${MIN_SECRET_LENGTH} to ${MAX_SECRET_LENGTH} printable characters without spaces`,
    );
  return value;
}
