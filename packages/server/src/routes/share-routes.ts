// POST   /api/v2/meta/views/:viewId/share   share a view by link (answers the view with its `uuid`)
// PATCH  /api/v2/meta/views/:viewId/share   set or clear its password, merge share options into `meta`
// DELETE /api/v2/meta/views/:viewId/share   unshare: the link stops working
// All also under /api/v1/db/meta/…; creators and up. The public side is public-view-routes.ts.
import { TesseraError } from '@tessera/core';
import type { FastifyInstance } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { hashPassword } from '../auth/passwords.ts';
import { access } from '../auth/route-access.ts';
import { type JsonObject, objectBody, optionalMeta } from './request-body.ts';
import { type Params, type RouteContext, route } from './route-context.ts';
import { presentView } from './view-routes.ts';

const tags = ['Views'];
const paths = ['/api/v2/meta/views/:viewId/share', '/api/v1/db/meta/views/:viewId/share'];
const MAX_PASSWORD_LENGTH = 256;

/** `password`: a new one (hashed here), null or '' to remove it, absent to leave it. */
async function passwordHashOf(body: JsonObject): Promise<string | null | undefined> {
  const password = body.password;
  if (password === undefined) return undefined;
  if (password === null || password === '') return null;
  if (typeof password !== 'string')
    throw new TesseraError('ERR_INVALID_REQUEST_BODY', "'password' must be a string, or null to remove it");
  if (password.length > MAX_PASSWORD_LENGTH)
    throw new TesseraError(
      'ERR_INVALID_REQUEST_BODY',
      `'password' must be at most ${MAX_PASSWORD_LENGTH} characters`,
    );
  return hashPassword(password);
}

export async function shareRoutes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  const viewIdOf = (params: unknown) => (params as Params).viewId!;

  route(
    app,
    'POST',
    paths,
    async (request) => {
      const viewId = viewIdOf(request.params);
      await store.viewShares.share(viewId, changeOf(request));
      return presentView(store, viewId);
    },
    { access: access.base('creator'), schema: { tags, summary: 'Share a view by link' } },
  );
  route(
    app,
    'PATCH',
    paths,
    async (request) => {
      const viewId = viewIdOf(request.params);
      const body = objectBody(request.body);
      const meta = optionalMeta(body);
      const passwordHash = await passwordHashOf(body);
      await store.viewShares.update(viewId, { passwordHash, meta }, changeOf(request));
      return presentView(store, viewId);
    },
    {
      access: access.base('creator'),
      schema: { tags, summary: "Change a shared view's password or options" },
    },
  );
  route(
    app,
    'DELETE',
    paths,
    async (request) => {
      await store.viewShares.unshare(viewIdOf(request.params), changeOf(request));
      return true;
    },
    { access: access.base('creator'), schema: { tags, summary: 'Stop sharing a view' } },
  );
}
