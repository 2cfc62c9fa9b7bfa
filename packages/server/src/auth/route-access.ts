import {
  type Actor,
  actingUserId,
  actsAsInstance,
  type BaseRole,
  baseRoleAtLeast,
  baseRoleOf,
  type InstanceRole,
  TesseraError,
} from '@tessera/core';
import type { TesseraStore } from '@tessera/store';
import type { FastifyRequest } from 'fastify';

/**
 * What a route asks of its caller; every route declares one (the app refuses to start a
 * route without). Base routes name the weakest base role that may call them; the base is
 * found from the route's path parameters.
 */
export type RouteAccess =
  /** Anyone, signed in or not. */
  | { readonly kind: 'public' }
  /** Any signed-in user or valid token; `write` refuses read-only and base-scoped tokens. */
  | { readonly kind: 'signed-in'; readonly userOnly?: boolean; readonly write?: boolean }
  /** Instance owners (and admins, when `role` is admin); users only. */
  | { readonly kind: 'instance'; readonly role: InstanceRole }
  /** At least `role` on the base the path's parameters lead to. */
  | { readonly kind: 'base'; readonly role: BaseRole };

export const access = {
  public: { kind: 'public' },
  signedIn: { kind: 'signed-in' },
  /** Signed in, with a credential that may create things outside any one base. */
  signedInWriter: { kind: 'signed-in', write: true },
  /** A signed-in user; API tokens are refused (their own management, password changes). */
  userOnly: { kind: 'signed-in', userOnly: true },
  admin: { kind: 'instance', role: 'admin' },
  base: (role: BaseRole): RouteAccess => ({ kind: 'base', role }),
} as const satisfies Record<string, RouteAccess | ((role: BaseRole) => RouteAccess)>;

export interface CallerInfo {
  readonly actor: Actor;
  readonly credentialRejected: boolean;
  readonly viaToken: boolean;
}

function authenticationRequired(caller: CallerInfo): TesseraError {
  return new TesseraError(
    'ERR_AUTHENTICATION_REQUIRED',
    caller.credentialRejected ? 'Authentication required - Invalid token' : 'Authentication required',
  );
}

function forbidden(message: string): TesseraError {
  return new TesseraError('ERR_FORBIDDEN', message);
}

/** The base a request's path parameters lead to, most specific parameter first. */
export async function baseIdOfParams(
  store: TesseraStore,
  params: Record<string, string>,
): Promise<string | undefined> {
  if (params.hookId !== undefined) return (await store.hooks.get(params.hookId)).baseId;
  if (params.filterId !== undefined) {
    const filter = await store.views.getFilter(params.filterId);
    return (await store.tables.get((await store.views.get(filter.viewId)).tableId)).baseId;
  }
  if (params.sortId !== undefined) {
    const sort = await store.views.getSort(params.sortId);
    return (await store.tables.get((await store.views.get(sort.viewId)).tableId)).baseId;
  }
  if (params.viewId !== undefined)
    return (await store.tables.get((await store.views.get(params.viewId)).tableId)).baseId;
  const fieldId = params.columnId ?? params.fieldId;
  if (fieldId !== undefined) return (await store.fields.tableOf(fieldId)).table.baseId;
  if (params.tableId !== undefined) return (await store.tables.get(params.tableId)).baseId;
  if (params.baseId !== undefined) return (await store.bases.get(params.baseId)).id;
  return undefined;
}

/** The role the caller holds on a base (membership looked up only when it matters). */
export async function callerBaseRole(store: TesseraStore, actor: Actor, baseId: string): Promise<BaseRole> {
  const userId = actingUserId(actor);
  const needsMembership = userId !== null && !actsAsInstance(actor, 'admin');
  const memberRole = needsMembership ? await store.members.roleOf(baseId, userId) : undefined;
  return baseRoleOf(actor, baseId, memberRole);
}

/** Throws 401/403 unless the caller may use a route with this access. */
export async function authorize(
  store: TesseraStore,
  request: FastifyRequest,
  caller: CallerInfo,
  rule: RouteAccess,
): Promise<void> {
  if (rule.kind === 'public') return;
  const { actor } = caller;
  if (actor.kind === 'anonymous') throw authenticationRequired(caller);
  switch (rule.kind) {
    case 'signed-in':
      if (rule.userOnly && caller.viaToken)
        throw new TesseraError(
          'ERR_API_TOKEN_NOT_ALLOWED',
          'API tokens cannot be used on this route; sign in',
        );
      if (
        rule.write &&
        actor.kind === 'token' &&
        (actor.scope.access === 'read' || actor.scope.baseIds !== null)
      )
        throw forbidden('This API token is read-only or limited to some bases');
      return;
    case 'instance':
      if (caller.viaToken)
        throw new TesseraError(
          'ERR_API_TOKEN_NOT_ALLOWED',
          'API tokens cannot be used on this route; sign in',
        );
      if (!actsAsInstance(actor, rule.role)) throw forbidden(`Only instance ${rule.role}s may do this`);
      return;
    case 'base': {
      const baseId = await baseIdOfParams(store, request.params as Record<string, string>);
      if (baseId === undefined)
        throw new Error(`Route ${request.routeOptions.url} has base access but no base parameter`);
      const held = await callerBaseRole(store, actor, baseId);
      if (!baseRoleAtLeast(held, rule.role))
        throw forbidden(
          held === 'no-access'
            ? 'You do not have access to this base'
            : `This needs the ${rule.role} role on the base; you have ${held}`,
        );
      return;
    }
  }
}

/** Filters bases to those the caller may at least view (one membership query at most). */
export async function visibleBases<T extends { id: string }>(
  store: TesseraStore,
  actor: Actor,
  bases: readonly T[],
): Promise<T[]> {
  const userId = actingUserId(actor);
  const roles =
    userId !== null && !actsAsInstance(actor, 'admin') ? await store.members.rolesOf(userId) : new Map();
  return bases.filter((base) => baseRoleAtLeast(baseRoleOf(actor, base.id, roles.get(base.id)), 'viewer'));
}
