// POST   /api/v2/meta/tables/:tableId/columns   (v1 alias)  add a field; returns the whole table
// GET    /api/v2/meta/columns/:columnId         (v1 alias)  read a field
// PATCH  /api/v2/meta/columns/:columnId         (v1 alias)  rename / retype (converting data) / reconfigure; returns the table
// DELETE /api/v2/meta/columns/:columnId         (v1 alias)  drop a field; returns the table
// POST   /api/v2/meta/columns/:columnId/primary (v1 alias)  make the field the display value
import type { FieldSpec } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { access } from '../auth/route-access.ts';
import { serializeField } from '../serializers/meta-serializers.ts';
import { fieldSpecFromBody } from './request-body.ts';
import { type Params, type RouteContext, route } from './route-context.ts';
import { presentTable } from './table-routes.ts';

const tags = ['Fields'];
const item = ['/api/v2/meta/columns/:columnId', '/api/v1/db/meta/columns/:columnId'];

export async function fieldRoutes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  const dialect = store.context.dialect;
  const withViews = (tableId: string) => presentTable(store, tableId);

  route(
    app,
    'POST',
    ['/api/v2/meta/tables/:tableId/columns', '/api/v1/db/meta/tables/:tableId/columns'],
    async (request) => {
      const table = await store.fields.add(
        (request.params as Params).tableId!,
        fieldSpecFromBody(request.body, false) as FieldSpec,
        changeOf(request),
      );
      return withViews(table.id);
    },
    { access: access.base('creator'), schema: { tags, summary: 'Add a field (returns the table)' } },
  );
  route(
    app,
    'GET',
    item,
    async (request) => {
      const { table, field } = await store.fields.tableOf((request.params as Params).columnId!);
      return serializeField(field, table, dialect);
    },
    { access: access.base('viewer'), schema: { tags, summary: 'Read a field' } },
  );
  route(
    app,
    'PATCH',
    item,
    async (request) => {
      const table = await store.fields.update(
        (request.params as Params).columnId!,
        fieldSpecFromBody(request.body, true),
        changeOf(request),
      );
      return withViews(table.id);
    },
    { access: access.base('creator'), schema: { tags, summary: 'Change a field (returns the table)' } },
  );
  route(
    app,
    'DELETE',
    item,
    async (request) => {
      const table = await store.fields.remove((request.params as Params).columnId!, changeOf(request));
      return withViews(table.id);
    },
    { access: access.base('creator'), schema: { tags, summary: 'Delete a field (returns the table)' } },
  );
  route(
    app,
    'POST',
    ['/api/v2/meta/columns/:columnId/primary', '/api/v1/db/meta/columns/:columnId/primary'],
    async (request) => {
      await store.fields.setPrimaryValue((request.params as Params).columnId!, changeOf(request));
      return true;
    },
    { access: access.base('creator'), schema: { tags, summary: 'Make a field the display value' } },
  );
}
