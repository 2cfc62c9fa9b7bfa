// GET /api/v2/meta/bases/:baseId/events   viewers and up: the base's record events after a
//     cursor, oldest first, for clients that poll (the same events the realtime feed sends).
//     ?after=<seq> (default: from the oldest kept) &limit=1..1000 (100) &tableId=<id>
//     &wait=0..30 (seconds to hold the request open while there is nothing new)
import { TesseraError } from '@tessera/core';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { access } from '../auth/route-access.ts';
import { readEventPage } from '../realtime/event-page-reader.ts';
import type { RealtimeHub } from '../realtime/realtime-hub.ts';
import { cursorOf } from '../realtime/realtime-protocol.ts';
import type { Params, RouteContext } from './route-context.ts';

export interface EventRouteContext extends RouteContext {
  readonly realtime: RealtimeHub;
}

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;
const MAX_WAIT_SECONDS = 30;

const querystring = Type.Object({
  after: Type.Optional(
    Type.String({ description: 'Events after this seq (the `next` of the previous page)' }),
  ),
  limit: Type.Optional(
    Type.String({ description: `Most events to return, 1 to ${MAX_LIMIT} (${DEFAULT_LIMIT})` }),
  ),
  tableId: Type.Optional(Type.String({ description: "Only this table's events" })),
  wait: Type.Optional(
    Type.String({
      description: `Seconds (0 to ${MAX_WAIT_SECONDS}) to wait for an event when there is none`,
    }),
  ),
});

type EventQuery = { after?: string; limit?: string; tableId?: string; wait?: string };

function wholeNumber(raw: string | undefined): number | undefined {
  return raw !== undefined && /^\d{1,7}$/.test(raw.trim()) ? Number(raw.trim()) : undefined;
}

function limitOf(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULT_LIMIT;
  const limit = wholeNumber(raw);
  if (limit === undefined || limit < 1 || limit > MAX_LIMIT)
    throw new TesseraError(
      'ERR_INVALID_LIMIT_VALUE',
      `limit must be an integer from 1 to ${MAX_LIMIT} (got '${raw.slice(0, 40)}')`,
    );
  return limit;
}

function waitOf(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 0;
  const wait = wholeNumber(raw);
  if (wait === undefined || wait > MAX_WAIT_SECONDS)
    throw new TesseraError(
      'ERR_INVALID_QUERY_PARAMETER',
      `wait must be a whole number of seconds from 0 to ${MAX_WAIT_SECONDS} (got '${raw.slice(0, 40)}')`,
    );
  return wait;
}

export async function eventRoutes(
  app: FastifyInstance,
  { store, realtime }: EventRouteContext,
): Promise<void> {
  app.route({
    method: 'GET',
    url: '/api/v2/meta/bases/:baseId/events',
    config: { access: access.base('viewer') },
    schema: { tags: ['Realtime'], summary: "The base's record events after a cursor", querystring },
    handler: async (request, reply) => {
      const baseId = (request.params as Params).baseId as string;
      const query = request.query as EventQuery;
      const limit = limitOf(query.limit);
      const wait = waitOf(query.wait);
      const after =
        query.after === undefined || query.after.trim() === '' ? null : cursorOf(query.after.trim());
      const tableId = query.tableId === undefined || query.tableId === '' ? null : query.tableId;
      if (tableId !== null && (await store.tables.get(tableId)).baseId !== baseId)
        throw new TesseraError('ERR_TABLE_NOT_FOUND', `Table '${tableId}' not found in this base`);

      const read = (from: number, checkCursor: boolean) =>
        readEventPage(store, { baseId, after: from, tableId, limit, checkCursor });
      let page = await read(after ?? 0, after !== null);
      if (page.frames.length === 0 && wait > 0) {
        const deadline = Date.now() + wait * 1000;
        const gone = new AbortController();
        const onClose = () => gone.abort();
        reply.raw.once('close', onClose);
        try {
          // Woken by an event of another table (with tableId), wait again for the rest of the time.
          while (page.frames.length === 0 && Date.now() < deadline) {
            if (!(await realtime.waitForEvents(baseId, page.next, deadline - Date.now(), gone.signal))) break;
            page = await read(page.next, false);
          }
        } finally {
          reply.raw.off('close', onClose);
        }
      }
      const pageInfo = { pageSize: limit, isLastPage: page.complete, latestSeq: page.latest };
      // The frames are JSON already (the realtime feed sends the same text): not encoded twice.
      reply.type('application/json; charset=utf-8');
      return `{"list":[${page.frames.join(',')}],"pageInfo":${JSON.stringify(pageInfo)},"next":${page.next}}`;
    },
  });
}
