// GET    /api/v1/tokens                               the caller's API tokens (?all=true: every token; instance admins)
// POST   /api/v1/tokens                               create a token; the reply carries its secret, once
// DELETE /api/v1/tokens/:tokenId                      revoke one of the caller's tokens (admins: any)
// GET    /api/v2/meta/bases/:baseId/api-tokens        the caller's tokens limited to this base (owners: everyone's)
// POST   /api/v2/meta/bases/:baseId/api-tokens        create a token limited to this base
// DELETE /api/v2/meta/bases/:baseId/api-tokens/:tokenId
// Base routes also under /api/v1/db/meta/projects/…. All are for signed-in users only: an API
// token cannot list, create or revoke tokens (as in NocoDB).
import {
  type Actor,
  actingUserId,
  actsAsInstance,
  baseRoleAtLeast,
  parseTokenExpiry,
  TesseraError,
  TOKEN_ACCESS,
  type TokenAccess,
} from '@tessera/core';
import type { ApiTokenModel, TesseraStore } from '@tessera/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { changeOf } from '../auth/auth-plugin.ts';
import { access, authorize, callerBaseRole } from '../auth/route-access.ts';
import { hashSecret, newSecretToken, secretHint } from '../auth/secret-tokens.ts';
import { listOf } from '../serializers/meta-serializers.ts';
import { type JsonObject, objectBody } from './request-body.ts';
import { type Params, type RouteContext, route } from './route-context.ts';

const tags = ['API tokens'];
const baseTokens = ['/api/v2/meta/bases/:baseId/api-tokens', '/api/v1/db/meta/projects/:baseId/api-tokens'];
const baseToken = baseTokens.map((path) => `${path}/:tokenId`);
const MAX_DESCRIPTION = 255;

/** What a creation request asks for, checked. */
interface TokenRequest {
  readonly description: string;
  readonly expiresAt: string | null;
  readonly baseIds: readonly string[] | null;
  readonly access: TokenAccess;
}

function invalid(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_REQUEST_BODY', message);
}

/** ISO 8601 text in the future → canonical UTC text (whole seconds), as every timestamp is stored. */
function parseExpiry(value: unknown, now: number): string | null {
  if (value === undefined || value === null) return null;
  const problem = "'expires_at' must be an ISO 8601 date and time such as 2030-01-31T13:45:00Z";
  if (typeof value !== 'string' || value.trim() === '') throw invalid(problem);
  const expiry = parseTokenExpiry(value, now);
  if (expiry.ok) return expiry.value;
  throw invalid(expiry.problem === 'not-in-future' ? "'expires_at' must be in the future" : problem);
}

function parseBaseIds(value: unknown): string[] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.length === 0)
    throw invalid("'bases' must be a non-empty array of base ids (or omitted for every base)");
  if (value.some((id) => typeof id !== 'string' || id.trim() === ''))
    throw invalid("'bases' must hold base ids as strings");
  return [...new Set(value as string[])];
}

function parseTokenRequest(raw: unknown, now = Date.now()): TokenRequest {
  const body: JsonObject = objectBody(raw);
  const description = typeof body.description === 'string' ? body.description.trim() : undefined;
  if (description === undefined || description === '')
    throw invalid("'description' is required: a name telling what the token is for");
  if (description.length > MAX_DESCRIPTION)
    throw invalid(`'description' must be at most ${MAX_DESCRIPTION} characters`);
  const requested = body.access ?? 'read-write';
  if (!TOKEN_ACCESS.includes(requested as TokenAccess))
    throw invalid(`'access' must be one of ${TOKEN_ACCESS.map((a) => `'${a}'`).join(', ')}`);
  return {
    description,
    expiresAt: parseExpiry(body.expires_at, now),
    baseIds: parseBaseIds(body.bases),
    access: requested as TokenAccess,
  };
}

/** The token row NocoDB answers, plus the scope; the secret only right after creation. */
function serializeToken(token: ApiTokenModel, createdBy: string | null, secret?: string) {
  const bases = token.scope.baseIds;
  return {
    id: token.id,
    token: secret ?? `…${token.hint}`,
    description: token.description,
    fk_user_id: token.userId,
    base_id: bases?.length === 1 ? bases[0] : null,
    created_at: token.createdAt,
    updated_at: token.createdAt,
    created_by: createdBy,
    last_used_at: token.lastUsedAt,
    last_used_ip: token.lastUsedIp,
    expires_at: token.expiresAt,
    scope: { bases, access: token.scope.access },
  };
}

async function serializeTokens(store: TesseraStore, tokens: readonly ApiTokenModel[]) {
  const emails = new Map<string, string | null>();
  for (const id of new Set(tokens.flatMap((t) => (t.userId === null ? [] : [t.userId]))))
    emails.set(id, (await store.users.find(id))?.email ?? null);
  return listOf(
    tokens.map((t) => serializeToken(t, t.userId === null ? null : (emails.get(t.userId) ?? null))),
  );
}

/** The signed-in user behind a user-only route. */
function callerOf(request: FastifyRequest): { id: string; email: string; actor: Actor } {
  const actor = request.caller.actor;
  const id = actingUserId(actor);
  if (actor.kind !== 'user' || id === null)
    throw new TesseraError('ERR_API_TOKEN_NOT_ALLOWED', 'API tokens cannot be used on this route; sign in');
  return { id, email: actor.user.email, actor };
}

/** A token limited to exactly this one base (what the base routes create and manage). */
function onlyBase(token: ApiTokenModel, baseId: string): boolean {
  return token.scope.baseIds?.length === 1 && token.scope.baseIds[0] === baseId;
}

function tokenNotFound(id: string): TesseraError {
  return new TesseraError('ERR_TOKEN_NOT_FOUND', `API token '${id}' not found`);
}

export async function tokenRoutes(app: FastifyInstance, { store }: RouteContext): Promise<void> {
  const create = async (request: FastifyRequest, wanted: TokenRequest) => {
    const caller = callerOf(request);
    for (const baseId of wanted.baseIds ?? []) {
      await store.bases.get(baseId);
      if (!baseRoleAtLeast(await callerBaseRole(store, caller.actor, baseId), 'viewer'))
        throw new TesseraError('ERR_FORBIDDEN', `You cannot limit a token to base '${baseId}': no access`, {
          base: baseId,
        });
    }
    const secret = newSecretToken();
    const token = await store.tokens.create(
      {
        tokenHash: hashSecret(secret),
        hint: secretHint(secret),
        description: wanted.description,
        userId: caller.id,
        scope: { baseIds: wanted.baseIds, access: wanted.access },
        origin: 'api',
        expiresAt: wanted.expiresAt,
      },
      changeOf(request),
    );
    return serializeToken(token, caller.email, secret);
  };

  route(
    app,
    'GET',
    ['/api/v1/tokens'],
    async (request) => {
      const caller = callerOf(request);
      const all = (request.query as Record<string, unknown>).all;
      const everyone = all === 'true' || all === '1';
      if (everyone && !actsAsInstance(caller.actor, 'admin'))
        throw new TesseraError('ERR_FORBIDDEN', 'Only instance owners and admins may list every token');
      return serializeTokens(store, await store.tokens.list(everyone ? {} : { userId: caller.id }));
    },
    { access: access.userOnly, schema: { tags, summary: "List the caller's API tokens" } },
  );
  route(
    app,
    'POST',
    ['/api/v1/tokens'],
    async (request) => create(request, parseTokenRequest(request.body)),
    {
      access: access.userOnly,
      schema: { tags, summary: 'Create an API token (its secret is shown once)' },
    },
  );
  route(
    app,
    'DELETE',
    ['/api/v1/tokens/:tokenId'],
    async (request) => {
      const caller = callerOf(request);
      const id = (request.params as Params).tokenId!;
      const token = await store.tokens.get(id);
      if (token.userId !== caller.id && !actsAsInstance(caller.actor, 'admin')) throw tokenNotFound(id);
      await store.tokens.revoke(id, changeOf(request));
      return 1;
    },
    { access: access.userOnly, schema: { tags, summary: 'Revoke an API token' } },
  );

  // Base tokens: users only, and at least viewers of the base (checked once the route matched).
  const baseViewer = async (request: FastifyRequest) =>
    authorize(store, request, request.caller, access.base('viewer'));
  const isBaseOwner = async (request: FastifyRequest, baseId: string) =>
    (await callerBaseRole(store, request.caller.actor, baseId)) === 'owner';

  route(
    app,
    'GET',
    baseTokens,
    async (request) => {
      const caller = callerOf(request);
      const baseId = (request.params as Params).baseId!;
      const filter = (await isBaseOwner(request, baseId)) ? { baseId } : { baseId, userId: caller.id };
      return serializeTokens(
        store,
        (await store.tokens.list(filter)).filter((t) => onlyBase(t, baseId)),
      );
    },
    {
      access: access.userOnly,
      preHandler: baseViewer,
      schema: { tags, summary: "List the base's API tokens (yours; a base owner sees all)" },
    },
  );
  route(
    app,
    'POST',
    baseTokens,
    async (request) => {
      const baseId = (request.params as Params).baseId!;
      const body = objectBody(request.body);
      const bases = parseBaseIds(body.bases);
      if (bases !== null && (bases.length !== 1 || bases[0] !== baseId))
        throw invalid(`A token created on this base is limited to it; 'bases' may only be ['${baseId}']`);
      return create(request, { ...parseTokenRequest(body), baseIds: [baseId] });
    },
    {
      access: access.userOnly,
      preHandler: baseViewer,
      schema: { tags, summary: 'Create an API token limited to this base' },
    },
  );
  route(
    app,
    'DELETE',
    baseToken,
    async (request) => {
      const caller = callerOf(request);
      const { baseId, tokenId } = request.params as Params;
      const token = await store.tokens.get(tokenId!);
      if (!onlyBase(token, baseId!) || (token.userId !== caller.id && !(await isBaseOwner(request, baseId!))))
        throw tokenNotFound(tokenId!);
      await store.tokens.revoke(tokenId!, changeOf(request));
      return 1;
    },
    {
      access: access.userOnly,
      preHandler: baseViewer,
      schema: { tags, summary: 'Revoke an API token of this base' },
    },
  );
}
