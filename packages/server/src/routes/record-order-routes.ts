// PUT /api/v2/meta/views/:viewId/record-order {recordIds: [3, 1, 2]}   → {view_id, record_ids}
// Base editors and up. The listed records take that order in the view (one run, where the
// first of them stood); the others keep their places. A list of the view without sorts reads
// in this order (see docs/api.md, "Record order in views").

import { TesseraError } from '@tessera/core';
import { parseRecordId } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { access } from '../auth/route-access.ts';
import { objectBody } from './request-body.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['Views'];
/** Records one reorder may list. */
export const MAX_ORDERED_RECORDS = 1000;

function badBody(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_REQUEST_BODY', message);
}

/** `recordIds`: 1 to MAX_ORDERED_RECORDS distinct record ids (positive integers). */
function recordIdsOf(raw: unknown): number[] {
  const value = objectBody(raw).recordIds;
  if (value === undefined || value === null) throw badBody("'recordIds' is required");
  if (!Array.isArray(value)) throw badBody("'recordIds' must be an array of record ids");
  if (value.length === 0) throw badBody("'recordIds' must list at least one record");
  if (value.length > MAX_ORDERED_RECORDS)
    throw new TesseraError(
      'ERR_MAX_PAYLOAD_LIMIT_EXCEEDED',
      `'recordIds' may list at most ${MAX_ORDERED_RECORDS} records (got ${value.length})`,
    );
  const seen = new Set<number>();
  return value.map((item, index) => {
    const id = typeof item === 'number' ? parseRecordId(item) : undefined;
    if (id === undefined)
      throw badBody(
        `'recordIds[${index}]' must be a record id, a positive integer (got ${JSON.stringify(item)})`,
      );
    if (seen.has(id)) throw badBody(`'recordIds' lists record ${id} twice`);
    seen.add(id);
    return id;
  });
}

export async function recordOrderRoutes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  route(
    app,
    'PUT',
    ['/api/v2/meta/views/:viewId/record-order'],
    async (request) => {
      const view = await store.views.get((request.params as Params).viewId!);
      const recordIds = recordIdsOf(request.body);
      const table = await store.tables.get(view.tableId);
      await store.recordOrder.place(table, view.id, recordIds, changeOf(request));
      return { view_id: view.id, record_ids: recordIds };
    },
    {
      access: access.base('editor'),
      schema: { tags, summary: "Put records in an order of the view's own (kanban cards)" },
    },
  );
}
