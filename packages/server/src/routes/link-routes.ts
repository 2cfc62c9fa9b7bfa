// Links between records (docs/links.md).
// GET    /api/v2/tables/:tableId/links/:linkFieldId/records/:recordId   linked records: {list, pageInfo} (many);
//                                                                        the record (belongs-to); {list: record} (one-to-one)
// POST   /api/v2/tables/:tableId/links/:linkFieldId/records/:recordId   link ids (5, [5, 6], {Id: 5}, [{Id: 5}]) → true
// DELETE /api/v2/tables/:tableId/links/:linkFieldId/records/:recordId   unlink the same → true
// GET    /api/v3/data/:baseId/:tableId/links/:linkFieldId/:recordId      {records, next, prev}
// POST   /api/v3/data/:baseId/:tableId/links/:linkFieldId/:recordId      [{id}…] → {success: true}
// DELETE /api/v3/data/:baseId/:tableId/links/:linkFieldId/:recordId      [{id}…] (or ?records=…) → {success: true}
import { MAX_LINKED_IDS, TesseraError } from '@tessera/core';
import { parseRecordId } from '@tessera/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { changeOf } from '../auth/auth-plugin.ts';
import { access } from '../auth/route-access.ts';
import { rawListQuery } from '../records/list-query.ts';
import type { RecordService } from '../records/record-service.ts';
import { v3ListQuery, v3Page } from './record-v3-routes.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const v2Path = '/api/v2/tables/:tableId/links/:linkFieldId/records/:recordId';
const v3Path = '/api/v3/data/:baseId/:tableId/links/:linkFieldId/:recordId';
const v2Tags = ['Links (v2)'];
const v3Tags = ['Links (v3)'];

const id = Type.String({ minLength: 1, maxLength: 100 });
const v2Params = Type.Object({ tableId: id, linkFieldId: id, recordId: id });
const v3Params = Type.Object({ baseId: id, tableId: id, linkFieldId: id, recordId: id });
/** Checked by linkBodyIds, which names what is wrong (NocoDB accepts several shapes). */
const linkBody = Type.Unknown({
  description: 'Record ids to link or unlink: 5, "5", {"Id": 5}, or a list of them ([{"id": 5}] in v3)',
});
const v3UnlinkQuery = Type.Object({
  records: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())])),
});

function recordNotFound(id: unknown): TesseraError {
  return new TesseraError('ERR_RECORD_NOT_FOUND', `Record '${String(id)}' not found`, { id });
}

/**
 * The record ids of a link or unlink body: one id, `{Id}`/`{id}`, or a list of them. Every id
 * must be given (422), be a record id (404 otherwise) and appear once (422).
 */
export function linkBodyIds(body: unknown, extra: readonly unknown[] = []): number[] {
  const items = [
    ...(Array.isArray(body) ? body : body === undefined || body === null ? [] : [body]),
    ...extra,
  ];
  if (items.length === 0)
    throw new TesseraError('ERR_INVALID_REQUEST_BODY', 'Name at least one record to link or unlink');
  if (items.length > MAX_LINKED_IDS)
    throw new TesseraError(
      'ERR_MAX_PAYLOAD_LIMIT_EXCEEDED',
      `Maximum ${MAX_LINKED_IDS} records are allowed per link request`,
    );
  const seen = new Set<number>();
  return items.map((item) => {
    const raw =
      item && typeof item === 'object' && !Array.isArray(item)
        ? ((item as Record<string, unknown>).Id ?? (item as Record<string, unknown>).id)
        : item;
    if (raw === undefined || raw === null || raw === '')
      throw new TesseraError('ERR_PRIMARY_KEY_REQUIRED', 'Each linked record needs its id');
    const id = parseRecordId(raw);
    if (id === undefined) throw recordNotFound(raw);
    if (seen.has(id))
      throw new TesseraError('ERR_DUPLICATE_RECORD', `Duplicate record with id ${id}`, { id });
    seen.add(id);
    return id;
  });
}

/** `?records=4&records=5` on a v3 unlink (for clients whose DELETE loses its body). */
function queryIds(request: FastifyRequest): unknown[] {
  const value = (request.query as Record<string, unknown> | undefined)?.records;
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

export async function linkRoutes(
  app: FastifyInstance,
  context: RouteContext & { records: RecordService },
): Promise<void> {
  const { store, records, config } = context;

  /** The table, its link field and the record the path names; 404 / 400 when they do not fit. */
  const resolve = async (request: FastifyRequest) => {
    const { baseId, tableId, linkFieldId, recordId } = request.params as Params;
    const table = await store.tables.get(tableId!);
    if (baseId !== undefined && table.baseId !== baseId)
      throw new TesseraError('ERR_TABLE_NOT_FOUND', `Table '${tableId}' not found in base '${baseId}'`);
    const link = await store.links.target(table, linkFieldId!);
    const id = parseRecordId(recordId);
    if (id === undefined) throw recordNotFound(recordId);
    await store.links.assertRecord(table, id);
    return { link, id };
  };

  const linked = async (request: FastifyRequest, version: 'v2' | 'v3') => {
    const { link, id } = await resolve(request);
    const within = await store.links.linkedFilter(link, id);
    const raw =
      version === 'v3'
        ? v3ListQuery(request)
        : rawListQuery((request.query ?? {}) as Record<string, unknown>);
    const page = await records.list(link.related.id, raw, version, {
      within,
      allowOffsetPastEnd: version === 'v3',
    });
    return { link, page };
  };

  const write = (mode: 'add' | 'remove', version: 'v2' | 'v3') => async (request: FastifyRequest) => {
    const { link, id } = await resolve(request);
    const ids = linkBodyIds(request.body, version === 'v3' && mode === 'remove' ? queryIds(request) : []);
    await store.links.change(link, id, ids, mode, changeOf(request));
    return version === 'v3' ? { success: true } : true;
  };

  route(
    app,
    'GET',
    [v2Path],
    async (request) => {
      const { link, page } = await linked(request, 'v2');
      if (link.meta.many)
        return { list: page.records, pageInfo: records.pageInfo(page.totalRows, page.paging) };
      const record = page.records[0];
      // NocoDB's shapes: a belongs-to answers the record itself, a one-to-one wraps it in `list`.
      return link.meta.relationType === 'oo' ? { list: record ?? null } : (record ?? {});
    },
    {
      access: access.base('viewer'),
      schema: { tags: v2Tags, summary: 'List linked records', params: v2Params },
    },
  );
  route(app, 'POST', [v2Path], write('add', 'v2'), {
    access: access.base('editor'),
    schema: { tags: v2Tags, summary: 'Link records', params: v2Params, body: linkBody },
  });
  route(app, 'DELETE', [v2Path], write('remove', 'v2'), {
    access: access.base('editor'),
    schema: { tags: v2Tags, summary: 'Unlink records', params: v2Params, body: linkBody },
  });
  route(
    app,
    'GET',
    [v3Path],
    async (request) => v3Page(request, (await linked(request, 'v3')).page, config.publicUrl),
    {
      access: access.base('viewer'),
      schema: { tags: v3Tags, summary: 'List linked records (v3)', params: v3Params },
    },
  );
  route(app, 'POST', [v3Path], write('add', 'v3'), {
    access: access.base('editor'),
    schema: { tags: v3Tags, summary: 'Link records (v3)', params: v3Params, body: linkBody },
  });
  route(app, 'DELETE', [v3Path], write('remove', 'v3'), {
    access: access.base('editor'),
    schema: {
      tags: v3Tags,
      summary: 'Unlink records (v3)',
      params: v3Params,
      body: linkBody,
      querystring: v3UnlinkQuery,
    },
  });
}
