// GET /api/v2/audits                                        instance owners and admins: the whole trail
// GET /api/v2/meta/bases/:baseId/audits                     (v1: /api/v1/db/meta/projects/:baseId/audits)
//                                                           base owners and creators: the base's trail
// GET /api/v2/tables/:tableId/records/:recordId/audits      base viewers and up: one record's history
// Filters: baseId, tableId, recordId, targetId, actor, user, action (comma list), from, to (ISO 8601,
// inclusive); limit (1–1000, default 25), offset or page. Newest first.
import { TesseraError } from '@tessera/core';
import type { FastifyInstance } from 'fastify';
import { type AuditScope, auditQueryOf } from '../audit/audit-filters.ts';
import { access } from '../auth/route-access.ts';
import { pageInfo } from '../records/list-query.ts';
import { serializeAuditRow } from '../serializers/audit-serializer.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['Audit'];

/** A record id as the trail stores it (decimal digits, no leading zeros). */
function storedRecordId(raw: string): string {
  const id = /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1)
    throw new TesseraError('ERR_RECORD_NOT_FOUND', `Record '${raw}' not found`, { id: raw });
  return String(id);
}

export async function auditRoutes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  const list = async (query: unknown, scope: AuditScope) => {
    const filters = auditQueryOf((query ?? {}) as Record<string, unknown>, scope);
    const { rows, total } = await store.audit.list(filters);
    return { list: rows.map(serializeAuditRow), pageInfo: pageInfo(total, filters) };
  };

  route(app, 'GET', ['/api/v2/audits'], async (request) => list(request.query, {}), {
    access: access.admin,
    schema: { tags, summary: 'The whole audit trail, instance-level entries included' },
  });
  route(
    app,
    'GET',
    ['/api/v2/meta/bases/:baseId/audits', '/api/v1/db/meta/projects/:baseId/audits'],
    async (request) => list(request.query, { baseId: (request.params as Params).baseId! }),
    { access: access.base('creator'), schema: { tags, summary: "A base's audit trail" } },
  );
  route(
    app,
    'GET',
    ['/api/v2/tables/:tableId/records/:recordId/audits'],
    async (request) => {
      const { tableId, recordId } = request.params as Params;
      const table = await store.tables.get(tableId!);
      return list(request.query, {
        baseId: table.baseId,
        tableId: table.id,
        recordId: storedRecordId(recordId!),
      });
    },
    { access: access.base('viewer'), schema: { tags, summary: "A record's history" } },
  );
}
