import { anonymousActor, auditActorOf } from '@tessera/core';
import type { ChangeContext, TesseraStore } from '@tessera/store';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { authenticator } from './authenticate.ts';
import { authorize, type CallerInfo, type RouteAccess } from './route-access.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call the route; required on every route. */
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** The authenticated caller (anonymous when no or a bad credential was sent). */
    caller: CallerInfo;
  }
}

const nobody: CallerInfo = Object.freeze({
  actor: anonymousActor,
  credentialRejected: false,
  viaToken: false,
});

/** One registered route and who may call it. */
export interface DeclaredRoute {
  readonly method: string;
  readonly url: string;
  readonly access: RouteAccess;
}

const declaredByApp = new WeakMap<FastifyInstance, DeclaredRoute[]>();

/** Every route of an app with its access rule (HEAD twins of GET routes left out). */
export function declaredRoutes(app: FastifyInstance): readonly DeclaredRoute[] {
  return declaredByApp.get(app) ?? [];
}

/**
 * Authenticates every request and checks it against its route's declared access before the
 * body is read. A route without an access declaration stops the app from starting.
 */
export function installAuth(app: FastifyInstance, store: TesseraStore, jwtSecret: string): void {
  const authenticate = authenticator(store, jwtSecret);
  // Set per request by the hook below; a shared default would be a reference type.
  app.decorateRequest('caller', null as unknown as CallerInfo);
  const declared: DeclaredRoute[] = [];
  declaredByApp.set(app, declared);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/docs')) return;
    const rule = (route.config as { access?: RouteAccess } | undefined)?.access;
    if (rule === undefined) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    for (const method of [route.method].flat())
      if (method !== 'HEAD') declared.push({ method, url: route.url, access: rule });
  });
  app.addHook('onRequest', async (request) => {
    const rule = request.routeOptions.config.access;
    request.caller = nobody;
    // Routes that answer without the database (health, readiness) never look a caller up.
    if (rule === undefined || request.routeOptions.config.database === false) return;
    request.caller = await authenticate(request);
    await authorize(store, request, request.caller, rule);
  });
}

/** Who made a change and from where, for the audit trail. */
export function changeOf(request: FastifyRequest): ChangeContext {
  return { actor: auditActorOf(request.caller.actor), ip: request.ip };
}
