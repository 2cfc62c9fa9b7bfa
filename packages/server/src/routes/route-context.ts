import type { TesseraStore } from '@tessera/store';
import type { FastifyInstance, HTTPMethods, RouteHandlerMethod, RouteShorthandOptions } from 'fastify';
import type { RouteAccess } from '../auth/route-access.ts';
import type { TesseraConfig } from '../config/config-schema.ts';

/** What every route module is given when registered. */
export interface RouteContext {
  readonly store: TesseraStore;
  readonly config: TesseraConfig;
}

/** Route options plus who may call the route (required: see auth/route-access.ts). */
export type RouteOptions = RouteShorthandOptions & { readonly access: RouteAccess };

/** Registers one handler under several paths (NocoDB's v2 path and its v1 alias). */
export function route(
  app: FastifyInstance,
  method: HTTPMethods,
  paths: readonly string[],
  handler: RouteHandlerMethod,
  { access, ...options }: RouteOptions,
): void {
  for (const url of paths)
    app.route({ ...options, config: { ...options.config, access }, method, url, handler });
}

export type Params = Record<string, string>;
