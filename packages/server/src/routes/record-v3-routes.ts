// The subset of NocoDB's v3 API that n8n's default NocoDB node (type version 4) calls.
// GET    /api/v3/data/:baseId/:tableId/records               {records:[{id, fields}], next, prev}
// GET    /api/v3/data/:baseId/:tableId/records/:recordId     {id, fields}
// GET    /api/v3/data/:baseId/:tableId/count                 {count}
// POST   /api/v3/data/:baseId/:tableId/records               {fields} or [{fields}] → {records}
// PATCH  /api/v3/data/:baseId/:tableId/records               {id, fields} or [...] → {records}
// DELETE /api/v3/data/:baseId/:tableId/records               {id} or [{id}] → {records:[{id, deleted:true}]}
import { type TableModel, TesseraError } from '@tessera/core';
import type { ApiRecord } from '@tessera/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { access } from '../auth/route-access.ts';
import { type RawListQuery, rawListQuery } from '../records/list-query.ts';
import type { RecordPage, RecordService } from '../records/record-service.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['Records (v3)'];
const base = '/api/v3/data/:baseId/:tableId';

export function v3Record(table: TableModel, record: ApiRecord) {
  const pk = table.fields.find((f) => f.pk);
  const { [pk?.title ?? 'Id']: id, ...fields } = record;
  return { id, fields };
}

function invalid(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_REQUEST_BODY', message);
}

/** v3 items: `{fields}` (create) or `{id, fields}` (update) or `{id}` (delete); nothing else. */
function v3Items(body: unknown, allowed: readonly string[]): Record<string, unknown>[] {
  const items = Array.isArray(body) ? body : [body];
  return items.map((item, index) => {
    if (!item || typeof item !== 'object' || Array.isArray(item))
      throw invalid(`Item ${index + 1} must be a JSON object`);
    for (const key of Object.keys(item))
      if (!allowed.includes(key)) throw invalid(`Item ${index + 1}: unexpected key '${key}'`);
    return item as Record<string, unknown>;
  });
}

/** The v3 `sort` parameter: JSON `[{field, direction}]` or a single such object → v2 sort text. */
function v3Sort(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return value;
  }
  const list: unknown[] = Array.isArray(parsed) ? parsed : [parsed];
  return list
    .map((item) => {
      if (!item || typeof item !== 'object' || typeof (item as { field?: unknown }).field !== 'string')
        throw new TesseraError(
          'ERR_INVALID_SORT',
          'sort must be JSON like [{"field":"Title","direction":"asc"}]',
        );
      const { field, direction } = item as { field: string; direction?: unknown };
      return `${direction === 'desc' ? '-' : ''}${field}`;
    })
    .join(',');
}

/** A v3 list's query: NocoDB's names, the tokenising `where` grammar, JSON `sort`, page 1 by default. */
export function v3ListQuery(request: FastifyRequest): RawListQuery {
  const query = (request.query ?? {}) as Record<string, unknown>;
  const raw = rawListQuery(query);
  const where =
    typeof raw.where === 'string' && raw.where && !raw.where.startsWith('@') ? `@${raw.where}` : raw.where;
  return { ...raw, where, sort: v3Sort(raw.sort), page: raw.page ?? '1' };
}

/** A v3 list answer: `{records, next, prev}`, with absolute `page` links. */
export function v3Page(request: FastifyRequest, page: RecordPage, publicUrl: string) {
  const current = Math.floor(page.paging.offset / page.paging.limit) + 1;
  const link = (n: number) => {
    const url = new URL(request.url, publicUrl);
    url.searchParams.set('page', String(n));
    return `${publicUrl}${url.pathname}${url.search}`;
  };
  return {
    records: page.records.map((r) => v3Record(page.table, r)),
    next: page.paging.offset + page.paging.limit < page.totalRows ? link(current + 1) : null,
    prev: current > 1 ? link(current - 1) : null,
  };
}

export async function recordV3Routes(
  app: FastifyInstance,
  context: RouteContext & { records: RecordService },
): Promise<void> {
  const { records, config } = context;
  const ids = (request: FastifyRequest) => request.params as Params;
  const listQuery = v3ListQuery;

  route(
    app,
    'GET',
    [`${base}/records`],
    async (request) => {
      const raw = listQuery(request);
      const page = await records.list(ids(request).tableId!, raw, 'v3', { allowOffsetPastEnd: true });
      return v3Page(request, page, config.publicUrl);
    },
    { access: access.base('viewer'), schema: { tags, summary: 'List records (v3)' } },
  );
  route(
    app,
    'GET',
    [`${base}/count`],
    async (request) => ({ count: await records.count(ids(request).tableId!, listQuery(request)) }),
    { access: access.base('viewer'), schema: { tags, summary: 'Count records (v3)' } },
  );
  route(
    app,
    'GET',
    [`${base}/records/:recordId`],
    async (request) => {
      const { table, record } = await records.read(
        ids(request).tableId!,
        ids(request).recordId!,
        listQuery(request),
        'v3',
      );
      return v3Record(table, record);
    },
    { access: access.base('viewer'), schema: { tags, summary: 'Read a record (v3)' } },
  );
  route(
    app,
    'POST',
    [`${base}/records`],
    async (request) => {
      const items = v3Items(request.body, ['fields']);
      const { table, ids: created } = await records.insert(
        ids(request).tableId!,
        items.map((i) => i.fields ?? {}),
        false,
        changeOf(request),
      );
      return { records: (await records.readMany(table, created, 'v3')).map((r) => v3Record(table, r)) };
    },
    { access: access.base('editor'), schema: { tags, summary: 'Create records (v3)' } },
  );
  route(
    app,
    'PATCH',
    [`${base}/records`],
    async (request) => {
      const items = v3Items(request.body, ['id', 'fields']);
      const bodies = items.map((i) => {
        const fields = i.fields ?? {};
        if (typeof fields !== 'object' || Array.isArray(fields)) throw invalid("'fields' must be an object");
        return { ...(fields as Record<string, unknown>), Id: i.id };
      });
      const { table, ids: updated } = await records.update(
        ids(request).tableId!,
        bodies,
        false,
        changeOf(request),
      );
      return { records: (await records.readMany(table, updated, 'v3')).map((r) => v3Record(table, r)) };
    },
    { access: access.base('editor'), schema: { tags, summary: 'Update records (v3)' } },
  );
  route(
    app,
    'DELETE',
    [`${base}/records`],
    async (request) => {
      const items = v3Items(request.body, ['id']);
      const { ids: deleted } = await records.remove(
        ids(request).tableId!,
        items.map((i) => ({ Id: i.id })),
        changeOf(request),
      );
      return { records: deleted.map((id) => ({ id, deleted: true })) };
    },
    { access: access.base('editor'), schema: { tags, summary: 'Delete records (v3)' } },
  );
}
