// GET /api/v1/health                 liveness: {message:"OK", timestamp, uptime}, 200 even while the database is away
// GET /api/v1/health/ready           readiness: 200 {status:"ready", db:"up", schemaVersion}
//     /api/v1/ready                  or 503 {status:"not ready", db, reason} with Retry-After
// GET /api/v1/version                {currentVersion, releaseVersion}
// GET /api/v1/db/meta/nocodb/info    app info NocoDB clients read
import type { DatabaseStatus, DatabaseSupervisor } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { access } from '../auth/route-access.ts';
import { type RouteContext, route } from './route-context.ts';

export const tesseraVersion = '0.1.0';
const tags = ['Health'];
/** These routes answer without the database (see plugins/database-gate.ts). */
const noDatabase = { database: false };

export interface HealthRouteContext extends RouteContext {
  readonly database: DatabaseSupervisor;
}

/** Seconds a client should wait before asking again. */
function retryAfterSeconds(status: DatabaseStatus): number {
  if (status.state === 'incompatible') return 60;
  if (status.retryInMs === null) return 5;
  return Math.max(1, Math.ceil(status.retryInMs / 1000));
}

export async function healthRoutes(
  app: FastifyInstance,
  { config, store, database }: HealthRouteContext,
): Promise<void> {
  route(
    app,
    'GET',
    ['/api/v1/health'],
    async () => ({ message: 'OK', timestamp: Date.now(), uptime: process.uptime() }),
    {
      access: access.public,
      config: noDatabase,
      schema: { tags, summary: 'Liveness: 200 while the process runs, whatever the database does' },
    },
  );
  route(
    app,
    'GET',
    ['/api/v1/health/ready', '/api/v1/ready'],
    async (_request, reply) => {
      const status = await database.check();
      if (status.state === 'ready') return { status: 'ready', db: 'up', schemaVersion: status.schemaVersion };
      reply.status(503).header('retry-after', String(retryAfterSeconds(status)));
      return {
        status: 'not ready',
        db: status.state === 'incompatible' ? 'incompatible' : 'down',
        reason: status.reason,
        attempts: status.attempts,
      };
    },
    {
      access: access.public,
      config: noDatabase,
      schema: {
        tags,
        summary: 'Readiness: 200 once the database is connected and migrated, else 503 with Retry-After',
      },
    },
  );
  route(
    app,
    'GET',
    ['/api/v1/version'],
    async () => ({ currentVersion: tesseraVersion, releaseVersion: null }),
    {
      access: access.public,
      config: noDatabase,
      schema: { tags, summary: 'Version' },
    },
  );
  route(
    app,
    'GET',
    ['/api/v1/db/meta/nocodb/info', '/api/v2/meta/nocodb/info'],
    async () => ({
      authType: 'jwt',
      // True until the first account signs up (and becomes the owner); false without a database.
      firstUser: database.status().state === 'ready' && (await store.users.count().catch(() => 1)) === 0,
      type: store.context.dialect.name === 'postgres' ? 'pg' : 'sqlite3',
      env: process.env.NODE_ENV ?? 'production',
      version: tesseraVersion,
      defaultLimit: config.defaultLimit,
      timezone: 'UTC',
      ncSiteUrl: config.publicUrl,
      ee: false,
      isCloud: false,
      disableEmailAuth: false,
      inviteOnlySignup: !config.auth.openSignup,
    }),
    { access: access.public, config: noDatabase, schema: { tags, summary: 'Application info' } },
  );
}
