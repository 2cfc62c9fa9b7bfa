import {
  bindFilter,
  combineFilters,
  type FieldModel,
  type FilterExpression,
  filterExpression,
  filterFieldResolver,
  filterGroup,
  filterTerm,
  findFieldByRef,
  type TableModel,
  TesseraError,
  type ViewModel,
  viewFilterExpression,
} from '@tessera/core';
import { compileFilter, type FieldFilter, type SortSpec, type TesseraStore } from '@tessera/store';
import { type RawBuilder, sql } from 'kysely';

/** Query parameters of a record list, as NocoDB names them (aliases resolved). */
export interface RawListQuery {
  fields?: unknown;
  sort?: unknown;
  where?: unknown;
  limit?: unknown;
  offset?: unknown;
  page?: unknown;
  viewId?: unknown;
  shuffle?: unknown;
  pks?: unknown;
  /** `nested[<link field>][fields]=A,B`: fields of linked records to show in a link's value. */
  nested?: Record<string, readonly string[]>;
}

/** Reads NocoDB's aliases (`f`, `s`, `w`, `filter`, `l`, `o`, `p`, `r`, `fields[]`) into one shape. */
export function rawListQuery(query: Record<string, unknown>): RawListQuery {
  const pick = (...names: string[]) => {
    for (const name of names) if (query[name] !== undefined) return query[name];
    return undefined;
  };
  return {
    fields: pick('fields', 'f', 'fields[]'),
    sort: pick('sort', 's', 'sort[]'),
    where: pick('where', 'w', 'filter'),
    limit: pick('limit', 'l', 'pageSize'),
    offset: pick('offset', 'o'),
    page: pick('page', 'p'),
    viewId: pick('viewId'),
    shuffle: pick('shuffle', 'r'),
    pks: pick('pks'),
    ...nestedParams(query),
  };
}

const NESTED_FIELDS = /^nested\[(.+)\]\[fields\](?:\[\])?$/;

/** `nested[Link][fields]=A,B` parameters (also repeated or bracketed) by link name. */
function nestedParams(query: Record<string, unknown>): { nested?: Record<string, readonly string[]> } {
  const nested: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(query)) {
    const link = NESTED_FIELDS.exec(key)?.[1];
    if (link !== undefined) nested[link] = [...(nested[link] ?? []), ...nameList(value)];
  }
  return Object.keys(nested).length > 0 ? { nested } : {};
}

/** Comma lists and repeated parameters alike → trimmed names. */
function nameList(value: unknown): string[] {
  const parts = Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : [];
  return parts.map((p) => p.trim()).filter(Boolean);
}

function fieldNotFound(name: string, table: TableModel): TesseraError {
  return new TesseraError('ERR_FIELD_NOT_FOUND', `Field '${name}' not found in table '${table.title}'`, {
    field: name,
  });
}

export function selectedFields(table: TableModel, value: unknown, view?: ViewModel): readonly FieldModel[] {
  const names = nameList(value);
  if (names.length > 0) {
    return names.map((name) => {
      const field = findFieldByRef(table, name);
      if (!field) throw fieldNotFound(name, table);
      return field;
    });
  }
  if (!view) return table.fields;
  return table.fields.filter(
    (field) => field.pk || view.fields.find((f) => f.fieldId === field.id)?.show !== false,
  );
}

export function parseSorts(table: TableModel, value: unknown, view?: ViewModel): SortSpec[] {
  const names = nameList(value);
  if (names.length === 0 && view) {
    return view.sorts.flatMap((s) => {
      const field = table.fields.find((f) => f.id === s.fieldId);
      return field ? [{ field, direction: s.direction }] : [];
    });
  }
  return names.map((name) => {
    const direction = name.startsWith('-') ? 'desc' : 'asc';
    const bare = name.replace(/^[-+]/, '');
    const field = findFieldByRef(table, bare);
    if (!field) throw fieldNotFound(bare, table);
    return { field, direction };
  });
}

function andExpressions(parts: readonly (FilterExpression | null)[]): FilterExpression | null {
  const present = parts.filter((p): p is FilterExpression => p !== null);
  if (present.length <= 1) return present[0] ?? null;
  return filterExpression(present.map((p) => filterTerm('and', filterGroup(p))));
}

/**
 * The WHERE clause of a list: view filters AND `where` parameters AND `pks`. `rewrite`
 * adjusts the parsed filter before it is bound (user fields filtered by e-mail); `fields`
 * (tableFieldFilter) makes computed fields filter on their SQL.
 */
export function buildFilter(
  store: TesseraStore,
  table: TableModel,
  where: unknown,
  view: ViewModel | undefined,
  pks?: unknown,
  rewrite?: (expression: FilterExpression) => FilterExpression,
  fields?: FieldFilter,
): RawBuilder<boolean> | null {
  const wheres = Array.isArray(where) ? where.map(String) : typeof where === 'string' ? [where] : [];
  const parsed = andExpressions([view ? viewFilterExpression(view) : null, combineFilters(wheres)]);
  const expression = parsed && rewrite ? rewrite(parsed) : parsed;
  const bound = expression
    ? bindFilter(expression, { resolve: fields?.resolve ?? filterFieldResolver(table), now: new Date() })
    : null;
  let filter = bound ? compileFilter(bound, store.context.dialect, fields?.targets) : null;
  const ids = nameList(pks);
  if (ids.length > 0) {
    const pk = table.fields.find((f) => f.pk);
    const numeric = ids.map(Number).filter((n) => Number.isSafeInteger(n));
    const idFilter = sql<boolean>`${sql.ref(pk?.columnName ?? 'id')} in (${sql.join(numeric.length ? numeric : [-1])})`;
    filter = filter ? sql<boolean>`(${filter}) and ${idFilter}` : idFilter;
  }
  return filter;
}

export interface Paging {
  readonly limit: number;
  readonly offset: number;
}

function integerParam(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const text = Array.isArray(value) ? String(value.at(-1)) : String(value);
  return /^\s*-?\d+\s*$/.test(text) ? Number(text) : Number.NaN;
}

/** limit/offset/page → limit and offset; out-of-range values are a 422 naming the bounds. */
export function parsePaging(raw: RawListQuery, defaults: { defaultLimit: number; maxLimit: number }): Paging {
  const limit = integerParam(raw.limit) ?? defaults.defaultLimit;
  if (!Number.isSafeInteger(limit) || limit < 1 || limit > defaults.maxLimit)
    throw new TesseraError(
      'ERR_INVALID_LIMIT_VALUE',
      `limit must be an integer from 1 to ${defaults.maxLimit} (got '${String(raw.limit)}')`,
    );
  const page = integerParam(raw.page);
  if (page !== undefined && (!Number.isSafeInteger(page) || page < 1))
    throw new TesseraError(
      'ERR_INVALID_OFFSET_VALUE',
      `page must be an integer of 1 or more (got '${String(raw.page)}')`,
    );
  const offset = page !== undefined ? (page - 1) * limit : (integerParam(raw.offset) ?? 0);
  if (!Number.isSafeInteger(offset) || offset < 0)
    throw new TesseraError(
      'ERR_INVALID_OFFSET_VALUE',
      `offset must be an integer of 0 or more (got '${String(raw.offset)}')`,
    );
  return { limit, offset };
}

export function isTruthyFlag(value: unknown): boolean {
  return value === '1' || value === 'true' || value === true;
}

/** NocoDB's pageInfo; `page` turns into `offset` when the offset is not a whole page. */
export function pageInfo(totalRows: number, paging: Paging) {
  const lastPage = Math.max(1, Math.ceil(totalRows / paging.limit));
  const onPageBoundary = paging.offset % paging.limit === 0;
  const page = Math.floor(paging.offset / paging.limit) + 1;
  return {
    totalRows,
    ...(onPageBoundary ? { page } : { offset: paging.offset }),
    pageSize: paging.limit,
    isFirstPage: paging.offset === 0,
    isLastPage: paging.offset + paging.limit >= totalRows || page >= lastPage,
  };
}
