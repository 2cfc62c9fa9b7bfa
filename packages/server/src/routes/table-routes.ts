// GET    /api/v2/meta/bases/:baseId/tables            (v1: /api/v1/db/meta/projects/:baseId/tables)
// GET    /api/v2/meta/bases/:baseId/:sourceId/tables  list tables of a base (source path form)
// POST   /api/v2/meta/bases/:baseId/tables            create a table with its fields (+ :sourceId and v1 forms)
// GET    /api/v2/meta/tables/:tableId                 (v1: /api/v1/db/meta/tables/:tableId) table with columns and views
// PATCH  /api/v2/meta/tables/:tableId                 rename (real ALTER TABLE … RENAME) / describe
// DELETE /api/v2/meta/tables/:tableId                 drop the table
import { TesseraError } from '@tessera/core';
import type { FieldSpec, TableSpec, TesseraStore } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { access } from '../auth/route-access.ts';
import { listOf, serializeTable } from '../serializers/meta-serializers.ts';
import {
  fieldSpecFromBody,
  objectBody,
  optionalMeta,
  optionalNullableString,
  optionalString,
} from './request-body.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const collection = [
  '/api/v2/meta/bases/:baseId/tables',
  '/api/v2/meta/bases/:baseId/:sourceId/tables',
  '/api/v1/db/meta/projects/:baseId/tables',
  '/api/v1/db/meta/projects/:baseId/:sourceId/tables',
];
const item = ['/api/v2/meta/tables/:tableId', '/api/v1/db/meta/tables/:tableId'];
const tags = ['Tables'];

function tableSpec(raw: unknown, creating: boolean): TableSpec {
  const body = objectBody(raw);
  const columns = body.columns ?? body.fields;
  if (columns !== undefined && !Array.isArray(columns))
    throw new TesseraError('ERR_INVALID_REQUEST_BODY', "'columns' must be an array");
  return {
    title: optionalString(body, 'title') ?? (creating ? optionalString(body, 'table_name') : undefined),
    tableName: optionalString(body, 'table_name'),
    description: optionalNullableString(body, 'description'),
    meta: optionalMeta(body),
    fields: (columns as unknown[] | undefined)?.map((c) => fieldSpecFromBody(c, false) as FieldSpec),
  };
}

/** A table as the meta routes answer it: columns, and views with their shares. */
export async function presentTable(store: TesseraStore, tableId: string) {
  return serializeTable(
    await store.tables.get(tableId),
    store.context.dialect,
    await store.views.list(tableId),
    await store.viewShares.ofTable(tableId),
  );
}

export async function tableRoutes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  const dialect = store.context.dialect;
  const tableWithViews = (tableId: string) => presentTable(store, tableId);

  route(
    app,
    'GET',
    collection,
    async (request) => {
      const tables = await store.tables.list((request.params as Params).baseId!);
      return listOf(
        tables.map((t) => {
          const {
            columns: _columns,
            columnsById: _byId,
            views: _views,
            ...summary
          } = serializeTable(t, dialect);
          return summary;
        }),
      );
    },
    { access: access.base('viewer'), schema: { tags, summary: 'List the tables of a base' } },
  );
  route(
    app,
    'POST',
    collection,
    async (request) => {
      const table = await store.tables.create(
        (request.params as Params).baseId!,
        tableSpec(request.body, true),
        changeOf(request),
      );
      return tableWithViews(table.id);
    },
    { access: access.base('creator'), schema: { tags, summary: 'Create a table with its fields' } },
  );
  route(app, 'GET', item, async (request) => tableWithViews((request.params as Params).tableId!), {
    access: access.base('viewer'),
    schema: { tags, summary: 'Read a table with its columns and views' },
  });
  route(
    app,
    'PATCH',
    item,
    async (request) => {
      const spec = tableSpec(request.body, false);
      await store.tables.update(
        (request.params as Params).tableId!,
        { ...spec, fields: undefined },
        changeOf(request),
      );
      return { msg: 'The table has been updated successfully' };
    },
    { access: access.base('creator'), schema: { tags, summary: 'Rename or describe a table' } },
  );
  route(
    app,
    'DELETE',
    item,
    async (request) => {
      await store.tables.remove((request.params as Params).tableId!, changeOf(request));
      return true;
    },
    { access: access.base('creator'), schema: { tags, summary: 'Delete a table' } },
  );
}
