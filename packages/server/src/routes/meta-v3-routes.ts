// The v3 meta pickers n8n's NocoDB node (type version 4) calls.
// GET /api/v3/meta/workspaces/:workspaceId/bases            {list}
// GET /api/v3/meta/bases/:baseId                            base
// GET /api/v3/meta/bases/:baseId/tables                     {list}
// GET /api/v3/meta/bases/:baseId/tables/:tableId            {id, title, fields, views, display_field_id…}
// GET /api/v3/meta/bases/:baseId/tables/:tableId/fields/:fieldId
import { type FieldModel, formulaRawOf, TesseraError, viewTypes } from '@tessera/core';
import type { FastifyInstance } from 'fastify';
import { access, visibleBases } from '../auth/route-access.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['Meta (v3)'];

/** A field as v3 shows it; `fields` (its table's) give a Formula's references their titles. */
function v3Field(field: FieldModel, fields: readonly FieldModel[]) {
  const isSelect = field.uidt === 'SingleSelect' || field.uidt === 'MultiSelect';
  return {
    id: field.id,
    title: field.title,
    type: field.uidt,
    description: field.description ?? undefined,
    default_value: field.defaultValue ?? undefined,
    system: field.system || undefined,
    unique: field.unique || undefined,
    options: isSelect
      ? { choices: field.options.map((o) => ({ id: o.id, title: o.title, color: o.color })) }
      : field.uidt === 'Formula'
        ? { ...field.meta, formula: formulaRawOf(field, fields) }
        : field.meta,
  };
}

export async function metaV3Routes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  const baseSummary = (b: { id: string; title: string; description: string | null; meta: unknown }) => ({
    id: b.id,
    title: b.title,
    description: b.description ?? undefined,
    meta: b.meta,
    workspace_id: 'nc',
  });
  const tableInBase = async (baseId: string, tableId: string) => {
    const table = await store.tables.get(tableId);
    if (table.baseId !== baseId)
      throw new TesseraError('ERR_TABLE_NOT_FOUND', `Table '${tableId}' not found in base '${baseId}'`);
    return table;
  };

  route(
    app,
    'GET',
    ['/api/v3/meta/workspaces/:workspaceId/bases'],
    async (request) => ({
      list: (await visibleBases(store, request.caller.actor, await store.bases.list())).map(baseSummary),
    }),
    {
      access: access.signedIn,
      schema: { tags, summary: 'List bases (v3)' },
    },
  );
  route(
    app,
    'GET',
    ['/api/v3/meta/bases/:baseId'],
    async (r) => baseSummary(await store.bases.get((r.params as Params).baseId!)),
    {
      access: access.base('viewer'),
      schema: { tags, summary: 'Read a base (v3)' },
    },
  );
  route(
    app,
    'GET',
    ['/api/v3/meta/bases/:baseId/tables'],
    async (r) => ({
      list: (await store.tables.list((r.params as Params).baseId!)).map((t) => ({
        id: t.id,
        title: t.title,
        description: t.description ?? undefined,
        base_id: t.baseId,
      })),
    }),
    { access: access.base('viewer'), schema: { tags, summary: 'List tables (v3)' } },
  );
  route(
    app,
    'GET',
    ['/api/v3/meta/bases/:baseId/tables/:tableId'],
    async (r) => {
      const { baseId, tableId } = r.params as Params;
      const table = await tableInBase(baseId!, tableId!);
      const views = await store.views.list(table.id);
      return {
        id: table.id,
        title: table.title,
        meta: table.meta,
        description: table.description ?? undefined,
        base_id: table.baseId,
        display_field_id: table.fields.find((f) => f.primaryValue)?.id,
        fields: table.fields.map((f) => v3Field(f, table.fields)),
        views: views.map((v) => ({ id: v.id, title: v.title, view_type: viewTypes[v.type] })),
      };
    },
    { access: access.base('viewer'), schema: { tags, summary: 'Read a table (v3)' } },
  );
  route(
    app,
    'GET',
    ['/api/v3/meta/bases/:baseId/tables/:tableId/fields/:fieldId'],
    async (r) => {
      const { baseId, tableId, fieldId } = r.params as Params;
      const table = await tableInBase(baseId!, tableId!);
      const field = table.fields.find((f) => f.id === fieldId);
      if (!field) throw new TesseraError('ERR_FIELD_NOT_FOUND', `Field '${fieldId}' not found`);
      return v3Field(field, table.fields);
    },
    { access: access.base('viewer'), schema: { tags, summary: 'Read a field (v3)' } },
  );
}
