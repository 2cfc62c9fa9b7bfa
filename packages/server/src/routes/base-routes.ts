// GET    /api/v2/meta/bases                  (v1: /api/v1/db/meta/projects)   list bases
// POST   /api/v2/meta/bases                  (v1: /api/v1/db/meta/projects)   create a base
// GET    /api/v2/meta/bases/:baseId          (v1: /api/v1/db/meta/projects/:baseId)
// PATCH  /api/v2/meta/bases/:baseId          (v1 alias)                       rename / describe
// DELETE /api/v2/meta/bases/:baseId          (v1 alias)                       delete with its tables
import type { FastifyInstance } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { access, visibleBases } from '../auth/route-access.ts';
import { listOf, serializeBase } from '../serializers/meta-serializers.ts';
import { objectBody, optionalMeta, optionalNullableString, optionalString } from './request-body.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const collection = ['/api/v2/meta/bases', '/api/v1/db/meta/projects'];
const item = ['/api/v2/meta/bases/:baseId', '/api/v1/db/meta/projects/:baseId'];
const tags = ['Bases'];

function baseSpec(raw: unknown) {
  const body = objectBody(raw);
  return {
    title: optionalString(body, 'title'),
    description: optionalNullableString(body, 'description'),
    color: optionalNullableString(body, 'color'),
    meta: optionalMeta(body),
  };
}

export async function baseRoutes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  const dialect = store.context.dialect;
  route(
    app,
    'GET',
    collection,
    async (request) =>
      listOf(
        (await visibleBases(store, request.caller.actor, await store.bases.list())).map((b) =>
          serializeBase(b, dialect),
        ),
      ),
    {
      access: access.signedIn,
      schema: { tags, summary: 'List bases' },
    },
  );
  route(
    app,
    'POST',
    collection,
    async (request) =>
      serializeBase(await store.bases.create(baseSpec(request.body), changeOf(request)), dialect),
    { access: access.signedInWriter, schema: { tags, summary: 'Create a base' } },
  );
  route(
    app,
    'GET',
    item,
    async (request) => serializeBase(await store.bases.get((request.params as Params).baseId!), dialect),
    {
      access: access.base('viewer'),
      schema: { tags, summary: 'Read a base' },
    },
  );
  route(
    app,
    'PATCH',
    item,
    async (request) =>
      serializeBase(
        await store.bases.update(
          (request.params as Params).baseId!,
          baseSpec(request.body),
          changeOf(request),
        ),
        dialect,
      ),
    { access: access.base('creator'), schema: { tags, summary: 'Update a base' } },
  );
  route(
    app,
    'DELETE',
    item,
    async (request) => {
      await store.bases.remove((request.params as Params).baseId!, changeOf(request));
      return true;
    },
    { access: access.base('owner'), schema: { tags, summary: 'Delete a base and its tables' } },
  );
}
