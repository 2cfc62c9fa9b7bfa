// GET    /api/v2/meta/tables/:tableId/views                          list views
// POST   /api/v2/meta/tables/:tableId/{grids,forms,galleries,kanbans}   create a view of that type
// GET    /api/v2/meta/{grids,forms,galleries,kanbans}/:viewId         read a view
// PATCH  /api/v2/meta/{views,grids,forms,galleries,kanbans}/:viewId   update a view (title, kanban field, cover…)
// DELETE /api/v2/meta/views/:viewId                                  delete a view
// GET    /api/v2/meta/views/:viewId/columns                          field visibility, order, width, form settings
// POST   /api/v2/meta/views/:viewId/columns                          set one field's visibility/order/width/settings
// PATCH  /api/v2/meta/views/:viewId/columns/:columnId                same, by path
// POST   /api/v2/meta/views/:viewId/show-all | hide-all
// All also under /api/v1/db/meta/… (the official SDK's paths).
import { TesseraError, type ViewTypeName } from '@tessera/core';
import {
  MAX_COLUMN_DESCRIPTION,
  MAX_COLUMN_LABEL,
  type TesseraStore,
  type ViewColumnSpec,
  type ViewSpec,
} from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { access } from '../auth/route-access.ts';
import { listOf, serializeView, serializeViewColumns } from '../serializers/meta-serializers.ts';
import {
  type JsonObject,
  objectBody,
  optionalBoolean,
  optionalMeta,
  optionalNullableString,
  optionalNumber,
  optionalString,
} from './request-body.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['Views'];
const typeByPath: Record<string, ViewTypeName> = {
  grids: 'grid',
  forms: 'form',
  galleries: 'gallery',
  kanbans: 'kanban',
};
const both = (path: string) => [`/api/v2/meta${path}`, `/api/v1/db/meta${path}`];

function viewSpec(body: JsonObject): ViewSpec {
  return {
    title: optionalString(body, 'title'),
    description: optionalNullableString(body, 'description'),
    meta: optionalMeta(body),
    lockType: optionalString(body, 'lock_type'),
    groupFieldId: optionalNullableString(body, 'fk_grp_col_id'),
    coverFieldId: optionalNullableString(body, 'fk_cover_image_col_id'),
    copyFromId: optionalString(body, 'copy_from_id'),
  };
}

/** A text setting that may be null, up to `max` characters; 400 naming the key otherwise. */
function optionalText(body: JsonObject, key: string, max: number): string | null | undefined {
  const value = body[key];
  if (value === undefined || value === null) return value;
  if (typeof value !== 'string')
    throw new TesseraError('ERR_INVALID_REQUEST_BODY', `'${key}' must be a string or null`);
  if (value.length > max)
    throw new TesseraError(
      'ERR_INVALID_REQUEST_BODY',
      `'${key}' must be at most ${max} characters (got ${value.length})`,
    );
  return value;
}

function columnSpec(body: JsonObject): ViewColumnSpec {
  const width = body.width;
  const required = body.required;
  if (required !== undefined && typeof required !== 'boolean')
    throw new TesseraError('ERR_INVALID_REQUEST_BODY', "'required' must be true or false");
  return {
    show: optionalBoolean(body, 'show'),
    order: optionalNumber(body, 'order'),
    width: width === undefined ? undefined : width === null ? null : String(width),
    label: optionalText(body, 'label', MAX_COLUMN_LABEL),
    description: optionalText(body, 'description', MAX_COLUMN_DESCRIPTION),
    required,
    meta: optionalMeta(body),
  };
}

/** A view as the meta routes answer it: default flag and share included. */
export async function presentView(store: TesseraStore, viewId: string) {
  const view = await store.views.get(viewId);
  const table = await store.tables.get(view.tableId);
  const views = await store.views.list(view.tableId);
  return serializeView(view, table, views[0]?.id === view.id, await store.viewShares.ofView(view.id));
}

export async function viewRoutes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  const present = (viewId: string) => presentView(store, viewId);
  const columnsOf = async (viewId: string) => {
    const view = await store.views.get(viewId);
    return listOf(serializeViewColumns(view, await store.tables.get(view.tableId)));
  };

  route(
    app,
    'GET',
    both('/tables/:tableId/views'),
    async (request) => {
      const tableId = (request.params as Params).tableId!;
      const table = await store.tables.get(tableId);
      const shares = await store.viewShares.ofTable(tableId);
      return listOf(
        (await store.views.list(tableId)).map((v, i) => serializeView(v, table, i === 0, shares.get(v.id))),
      );
    },
    { access: access.base('viewer'), schema: { tags, summary: 'List the views of a table' } },
  );

  for (const [segment, type] of Object.entries(typeByPath)) {
    route(
      app,
      'POST',
      both(`/tables/:tableId/${segment}`),
      async (request) => {
        const view = await store.views.create(
          (request.params as Params).tableId!,
          type,
          viewSpec(objectBody(request.body)),
          changeOf(request),
        );
        return present(view.id);
      },
      { access: access.base('creator'), schema: { tags, summary: `Create a ${type} view` } },
    );
    route(
      app,
      'GET',
      both(`/${segment}/:viewId`),
      async (request) => present((request.params as Params).viewId!),
      {
        access: access.base('viewer'),
        schema: { tags, summary: `Read a ${type} view` },
      },
    );
  }

  route(
    app,
    'PATCH',
    [...both('/views/:viewId'), ...Object.keys(typeByPath).flatMap((segment) => both(`/${segment}/:viewId`))],
    async (request) => {
      const view = await store.views.update(
        (request.params as Params).viewId!,
        viewSpec(objectBody(request.body)),
        changeOf(request),
      );
      return present(view.id);
    },
    { access: access.base('creator'), schema: { tags, summary: 'Update a view' } },
  );
  route(
    app,
    'DELETE',
    both('/views/:viewId'),
    async (request) => {
      await store.views.remove((request.params as Params).viewId!, changeOf(request));
      return true;
    },
    { access: access.base('creator'), schema: { tags, summary: 'Delete a view' } },
  );

  route(
    app,
    'GET',
    both('/views/:viewId/columns'),
    async (request) => columnsOf((request.params as Params).viewId!),
    {
      access: access.base('viewer'),
      schema: { tags, summary: 'List view columns' },
    },
  );
  route(
    app,
    'POST',
    both('/views/:viewId/columns'),
    async (request) => {
      const body = objectBody(request.body);
      const fieldId = optionalString(body, 'fk_column_id');
      if (!fieldId) throw new TesseraError('ERR_INVALID_REQUEST_BODY', "'fk_column_id' is required");
      const viewId = (request.params as Params).viewId!;
      await store.views.updateColumn(viewId, fieldId, columnSpec(body), changeOf(request));
      return (await columnsOf(viewId)).list.find((c) => c.fk_column_id === fieldId);
    },
    { access: access.base('creator'), schema: { tags, summary: 'Set a view column' } },
  );
  route(
    app,
    'PATCH',
    both('/views/:viewId/columns/:columnId'),
    async (request) => {
      const { viewId, columnId } = request.params as Params;
      await store.views.updateColumn(
        viewId!,
        columnId!,
        columnSpec(objectBody(request.body)),
        changeOf(request),
      );
      return (await columnsOf(viewId!)).list.find((c) => c.fk_column_id === columnId);
    },
    { access: access.base('creator'), schema: { tags, summary: 'Update a view column' } },
  );
  for (const [segment, show] of [
    ['show-all', true],
    ['hide-all', false],
  ] as const) {
    route(
      app,
      'POST',
      both(`/views/:viewId/${segment}`),
      async (request) => {
        await store.views.setAllShown((request.params as Params).viewId!, show, changeOf(request));
        return true;
      },
      {
        access: access.base('creator'),
        schema: { tags, summary: show ? 'Show every field' : 'Hide every field' },
      },
    );
  }
}
