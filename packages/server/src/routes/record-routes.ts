// GET    /api/v2/tables/:tableId/records             list: fields, sort, where, limit, offset, page, viewId, shuffle, pks
// GET    /api/v2/tables/:tableId/records/count       {count}
// GET    /api/v2/tables/:tableId/records/:recordId   one record
// POST   /api/v2/tables/:tableId/records             create one (object) or many (array); replies with ids only
// PATCH  /api/v2/tables/:tableId/records             update one or many, each carrying its Id
// DELETE /api/v2/tables/:tableId/records             delete one or many by Id
// Writes are all-or-nothing and read `typecast=true`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { access } from '../auth/route-access.ts';
import { isTruthyFlag, rawListQuery } from '../records/list-query.ts';
import type { RecordService } from '../records/record-service.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['Records (v2)'];

/** Single object in → single object out; array in → array out (NocoDB's rule). */
function asBodies(body: unknown): { bodies: unknown[]; single: boolean } {
  return Array.isArray(body) ? { bodies: body, single: false } : { bodies: [body], single: true };
}

/** NocoDB's `xc-db-response`: milliseconds the handler spent, from `performance.now()`. */
function timed(reply: FastifyReply, started: number): void {
  reply.header('xc-db-response', (performance.now() - started).toFixed(3));
}

export async function recordRoutes(
  app: FastifyInstance,
  context: RouteContext & { records: RecordService },
): Promise<void> {
  const { records } = context;
  const tableId = (params: unknown) => (params as Params).tableId!;
  const query = (request: { query: unknown }) => (request.query ?? {}) as Record<string, unknown>;

  route(
    app,
    'GET',
    ['/api/v2/tables/:tableId/records'],
    async (request, reply) => {
      const started = performance.now();
      const page = await records.list(tableId(request.params), rawListQuery(query(request)), 'v2');
      timed(reply, started);
      return { list: page.records, pageInfo: records.pageInfo(page.totalRows, page.paging) };
    },
    { access: access.base('viewer'), schema: { tags, summary: 'List records' } },
  );
  route(
    app,
    'GET',
    ['/api/v2/tables/:tableId/records/count'],
    async (request) => ({
      count: await records.count(tableId(request.params), rawListQuery(query(request))),
    }),
    { access: access.base('viewer'), schema: { tags, summary: 'Count records' } },
  );
  route(
    app,
    'GET',
    ['/api/v2/tables/:tableId/records/:recordId'],
    async (request) => {
      const { recordId } = request.params as Params;
      return (await records.read(tableId(request.params), recordId!, rawListQuery(query(request)), 'v2'))
        .record;
    },
    { access: access.base('viewer'), schema: { tags, summary: 'Read a record' } },
  );

  const write = (operation: 'insert' | 'update' | 'remove') => async (request: FastifyRequest) => {
    const { bodies, single } = asBodies(request.body);
    const typecast = isTruthyFlag(query(request).typecast);
    const change = changeOf(request);
    const result =
      operation === 'remove'
        ? await records.remove(tableId(request.params), bodies, change)
        : await records[operation](tableId(request.params), bodies, typecast, change);
    const pkTitle = records.primaryKeyTitle(result.table);
    const replies = result.ids.map((id) => ({ [pkTitle]: id }));
    return single ? replies[0] : replies;
  };

  route(app, 'POST', ['/api/v2/tables/:tableId/records'], write('insert'), {
    access: access.base('editor'),
    schema: { tags, summary: 'Create records' },
  });
  route(app, 'PATCH', ['/api/v2/tables/:tableId/records'], write('update'), {
    access: access.base('editor'),
    schema: { tags, summary: 'Update records' },
  });
  route(app, 'DELETE', ['/api/v2/tables/:tableId/records'], write('remove'), {
    access: access.base('editor'),
    schema: { tags, summary: 'Delete records' },
  });
}
