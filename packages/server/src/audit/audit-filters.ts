import { getFieldType, InvalidFieldValue, TesseraError } from '@tessera/core';
import type { AuditQuery } from '@tessera/store';
import { parsePaging, rawListQuery } from '../records/list-query.ts';

/** Audit lists: 25 entries a page unless asked, at most 1000. */
export const AUDIT_PAGING = { defaultLimit: 25, maxLimit: 1000 } as const;

/** What a route fixes regardless of the query (its base, table or record). */
export type AuditScope = Pick<AuditQuery, 'baseId' | 'tableId' | 'recordId'>;

type Query = Record<string, unknown>;

function badParameter(name: string, message: string): TesseraError {
  return new TesseraError('ERR_INVALID_QUERY_PARAMETER', `${name} ${message}`, { parameter: name });
}

/** One text parameter under any of its names; absent when missing or empty, 400 when repeated. */
function textParam(query: Query, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = query[name];
    if (value === undefined || value === '') continue;
    if (typeof value !== 'string') throw badParameter(name, 'must be given once');
    if (value.trim() !== '') return value.trim();
  }
  return undefined;
}

const dateTimeField = { title: 'timestamp', uidt: 'DateTime', meta: {}, options: [] } as const;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * An ISO 8601 bound → the canonical UTC text the trail stores (`YYYY-MM-DD HH:mm:ss+00:00`),
 * so bounds compare as text. A bare date is the start of that day for `from`, its last
 * second for `to`; no zone means UTC. Both bounds are inclusive.
 */
export function timeBound(value: string, name: 'from' | 'to'): string {
  const text = name === 'to' && DATE_ONLY.test(value) ? `${value}T23:59:59Z` : value;
  try {
    const canonical = getFieldType('DateTime').parseInput(text, dateTimeField, {
      typecast: false,
      addOption: () => {},
    });
    if (typeof canonical === 'string') return canonical;
  } catch (error) {
    if (!(error instanceof InvalidFieldValue)) throw error;
  }
  throw badParameter(
    name,
    `must be an ISO 8601 date or date-time such as 2024-01-31T13:45:00Z (got '${value}')`,
  );
}

/** The audit API's query parameters (NocoDB-style aliases included) → a store query. */
export function auditQueryOf(query: Query, scope: AuditScope = {}): AuditQuery {
  const paging = parsePaging(rawListQuery(query), AUDIT_PAGING);
  const fromText = textParam(query, 'from');
  const toText = textParam(query, 'to');
  const from = fromText === undefined ? undefined : timeBound(fromText, 'from');
  const to = toText === undefined ? undefined : timeBound(toText, 'to');
  if (from !== undefined && to !== undefined && from > to)
    throw badParameter('from', `(${fromText}) is after to (${toText})`);
  const actions = textParam(query, 'action')
    ?.split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const filters: AuditQuery = {
    baseId: textParam(query, 'baseId', 'base_id'),
    tableId: textParam(query, 'tableId', 'table_id'),
    recordId: textParam(query, 'recordId', 'record_id'),
    targetId: textParam(query, 'targetId', 'target_id'),
    actorId: textParam(query, 'actor', 'actorId', 'actor_id'),
    actorUserId: textParam(query, 'user', 'userId', 'user_id'),
    actions,
    from,
    to,
    ...paging,
  };
  const scoped = Object.entries(scope).filter(([, value]) => value !== undefined);
  return { ...filters, ...Object.fromEntries(scoped) };
}
