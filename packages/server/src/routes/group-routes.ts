// GET /api/v2/tables/:tableId/groupby?column_name=&viewId=&where=&sort=asc|desc&limit=&offset=
//     distinct values of one field with their record counts, under the view's filters and `where`:
//     {list: [{<field title>: value, count}], pageInfo}. Viewers and up.
import { findFieldByRef, type TableModel, TesseraError } from '@tessera/core';
import { groupCounts, isGroupableField } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { access } from '../auth/route-access.ts';
import { pageInfo, parsePaging, rawListQuery } from '../records/list-query.ts';
import type { RecordService } from '../records/record-service.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['Records (v2)'];

function queryText(query: Record<string, unknown>, name: string): string | undefined {
  const value = query[name];
  const text = Array.isArray(value) ? value.at(-1) : value;
  return text === undefined || text === '' ? undefined : String(text);
}

function groupField(table: TableModel, name: string | undefined) {
  if (name === undefined)
    throw new TesseraError('ERR_INVALID_QUERY_PARAMETER', "'column_name' is required: the field to group by");
  const field = findFieldByRef(table, name);
  if (!field)
    throw new TesseraError('ERR_FIELD_NOT_FOUND', `Field '${name}' not found in table '${table.title}'`, {
      field: name,
    });
  if (!isGroupableField(field))
    throw new TesseraError(
      'ERR_FIELD_NOT_GROUPABLE',
      `Records cannot be grouped by '${field.title}' (${field.uidt}): links, lookups, rollups, formulas, attachments and JSON have no single value to group by`,
      { field: field.title },
    );
  return field;
}

function direction(value: string | undefined): 'asc' | 'desc' {
  if (value === undefined || value === 'asc' || value === 'desc') return value ?? 'asc';
  throw new TesseraError('ERR_INVALID_QUERY_PARAMETER', `sort must be asc or desc (got '${value}')`);
}

export async function groupRoutes(
  app: FastifyInstance,
  { store, config, records }: RouteContext & { records: RecordService },
): Promise<void> {
  route(
    app,
    'GET',
    ['/api/v2/tables/:tableId/groupby'],
    async (request) => {
      const query = (request.query ?? {}) as Record<string, unknown>;
      const table = await store.tables.get((request.params as Params).tableId!);
      const field = groupField(table, queryText(query, 'column_name'));
      const raw = rawListQuery(query);
      const paging = parsePaging(raw, config);
      const { filter } = await records.filterFor(table, { ...raw, viewId: queryText(query, 'viewId') });
      const { groups, totalGroups } = await groupCounts(store.context, table, {
        field,
        filter,
        direction: direction(queryText(query, 'sort')),
        limit: paging.limit,
        offset: paging.offset,
      });
      const list = groups.map((group) => ({ [field.title]: group.value, count: group.count }));
      await records.decorate([field], list);
      return { list, pageInfo: pageInfo(totalGroups, paging) };
    },
    { access: access.base('viewer'), schema: { tags, summary: 'Count records per value of a field' } },
  );
}
