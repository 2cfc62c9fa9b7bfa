import type { DatabaseSupervisor } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { databaseUnavailableError } from './error-handler.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` on routes that answer without the database (health, readiness, version). */
    database?: boolean;
  }
}

/** Served without the database: the OpenAPI description and its UI. */
const DOCS_PREFIX = '/api/docs';

/**
 * While the database is not ready (still connecting, lost, or of a newer schema), requests
 * that need it are answered at once with 503 `ERR_DATABASE_UNAVAILABLE` and `Retry-After`,
 * before their body is read. Every error a request meets is shown to the supervisor, which
 * pings the database when the error looks like a lost connection.
 */
export function installDatabaseGate(app: FastifyInstance, database: DatabaseSupervisor): void {
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.database === false || request.url.startsWith(DOCS_PREFIX)) return;
    if (!database.isReady()) throw databaseUnavailableError();
  });
  app.addHook('onError', async (_request, _reply, error) => {
    database.observe(error);
  });
}
