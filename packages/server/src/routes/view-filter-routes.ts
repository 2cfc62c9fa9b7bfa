// GET    /api/v2/meta/views/:viewId/filters        list a view's filters (flat, with fk_parent_id)
// POST   /api/v2/meta/views/:viewId/filters        add a filter or a group (is_group) to a view
// GET    /api/v2/meta/filters/:filterId            read a filter
// PATCH  /api/v2/meta/filters/:filterId            change a filter
// DELETE /api/v2/meta/filters/:filterId            remove a filter (and a group's children)
// GET    /api/v2/meta/filters/:filterId/children   the filters inside a group
// GET    /api/v2/meta/views/:viewId/sorts          list a view's sorts
// POST   /api/v2/meta/views/:viewId/sorts          add a sort
// GET/PATCH/DELETE /api/v2/meta/sorts/:sortId
// All also under /api/v1/db/meta/….
import type { ViewFilterSpec, ViewSortSpec } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { access } from '../auth/route-access.ts';
import { listOf, serializeFilter, serializeSort } from '../serializers/meta-serializers.ts';
import {
  type JsonObject,
  objectBody,
  optionalBoolean,
  optionalNullableString,
  optionalNumber,
  optionalString,
} from './request-body.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['View filters and sorts'];
const both = (path: string) => [`/api/v2/meta${path}`, `/api/v1/db/meta${path}`];

function filterSpec(body: JsonObject): ViewFilterSpec {
  return {
    fieldId: optionalNullableString(body, 'fk_column_id'),
    comparisonOp: optionalNullableString(body, 'comparison_op'),
    comparisonSubOp: optionalNullableString(body, 'comparison_sub_op'),
    value: optionalNullableString(body, 'value'),
    logicalOp: optionalString(body, 'logical_op') as ViewFilterSpec['logicalOp'],
    isGroup: optionalBoolean(body, 'is_group'),
    parentId: optionalNullableString(body, 'fk_parent_id'),
    enabled: optionalBoolean(body, 'enabled'),
    order: optionalNumber(body, 'order'),
  };
}

function sortSpec(body: JsonObject): ViewSortSpec {
  return {
    fieldId: optionalString(body, 'fk_column_id'),
    direction: optionalString(body, 'direction') as ViewSortSpec['direction'],
    order: optionalNumber(body, 'order'),
  };
}

export async function viewFilterRoutes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  const viewId = (params: unknown) => (params as Params).viewId!;
  const filterId = (params: unknown) => (params as Params).filterId!;
  const sortId = (params: unknown) => (params as Params).sortId!;

  route(
    app,
    'GET',
    both('/views/:viewId/filters'),
    async (r) => listOf((await store.views.get(viewId(r.params))).filters.map(serializeFilter)),
    {
      access: access.base('viewer'),
      schema: { tags, summary: 'List view filters' },
    },
  );
  route(
    app,
    'POST',
    both('/views/:viewId/filters'),
    async (r) =>
      serializeFilter(
        await store.views.createFilter(viewId(r.params), filterSpec(objectBody(r.body)), changeOf(r)),
      ),
    {
      access: access.base('creator'),
      schema: { tags, summary: 'Add a view filter' },
    },
  );
  route(
    app,
    'GET',
    both('/filters/:filterId'),
    async (r) => serializeFilter(await store.views.getFilter(filterId(r.params))),
    {
      access: access.base('viewer'),
      schema: { tags, summary: 'Read a view filter' },
    },
  );
  route(
    app,
    'PATCH',
    both('/filters/:filterId'),
    async (r) =>
      serializeFilter(
        await store.views.updateFilter(filterId(r.params), filterSpec(objectBody(r.body)), changeOf(r)),
      ),
    {
      access: access.base('creator'),
      schema: { tags, summary: 'Change a view filter' },
    },
  );
  route(
    app,
    'DELETE',
    both('/filters/:filterId'),
    async (r) => {
      await store.views.removeFilter(filterId(r.params), changeOf(r));
      return true;
    },
    { access: access.base('creator'), schema: { tags, summary: 'Remove a view filter' } },
  );
  route(
    app,
    'GET',
    both('/filters/:filterId/children'),
    async (r) => {
      const group = await store.views.getFilter(filterId(r.params));
      const view = await store.views.get(group.viewId);
      return listOf(view.filters.filter((f) => f.parentId === group.id).map(serializeFilter));
    },
    { access: access.base('viewer'), schema: { tags, summary: 'List the filters of a group' } },
  );

  route(
    app,
    'GET',
    both('/views/:viewId/sorts'),
    async (r) => listOf((await store.views.get(viewId(r.params))).sorts.map(serializeSort)),
    {
      access: access.base('viewer'),
      schema: { tags, summary: 'List view sorts' },
    },
  );
  route(
    app,
    'POST',
    both('/views/:viewId/sorts'),
    async (r) =>
      serializeSort(
        await store.views.createSort(viewId(r.params), sortSpec(objectBody(r.body)), changeOf(r)),
      ),
    {
      access: access.base('creator'),
      schema: { tags, summary: 'Add a view sort' },
    },
  );
  route(
    app,
    'GET',
    both('/sorts/:sortId'),
    async (r) => serializeSort(await store.views.getSort(sortId(r.params))),
    {
      access: access.base('viewer'),
      schema: { tags, summary: 'Read a view sort' },
    },
  );
  route(
    app,
    'PATCH',
    both('/sorts/:sortId'),
    async (r) =>
      serializeSort(
        await store.views.updateSort(sortId(r.params), sortSpec(objectBody(r.body)), changeOf(r)),
      ),
    {
      access: access.base('creator'),
      schema: { tags, summary: 'Change a view sort' },
    },
  );
  route(
    app,
    'DELETE',
    both('/sorts/:sortId'),
    async (r) => {
      await store.views.removeSort(sortId(r.params), changeOf(r));
      return true;
    },
    { access: access.base('creator'), schema: { tags, summary: 'Remove a view sort' } },
  );
}
