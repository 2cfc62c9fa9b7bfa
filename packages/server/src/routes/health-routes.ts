// GET /api/v1/health                 liveness: {message:"OK", timestamp, uptime}
// GET /api/v1/version                {currentVersion, releaseVersion}
// GET /api/v1/db/meta/nocodb/info    app info NocoDB clients read
import type { FastifyInstance } from 'fastify';
import { type RouteContext, route } from './route-context.ts';

export const tesseraVersion = '0.1.0';
const tags = ['Health'];

export async function healthRoutes(app: FastifyInstance, { config, store }: RouteContext): Promise<void> {
  route(
    app,
    'GET',
    ['/api/v1/health'],
    async () => ({ message: 'OK', timestamp: Date.now(), uptime: process.uptime() }),
    {
      schema: { tags, summary: 'Liveness' },
    },
  );
  route(
    app,
    'GET',
    ['/api/v1/version'],
    async () => ({ currentVersion: tesseraVersion, releaseVersion: null }),
    {
      schema: { tags, summary: 'Version' },
    },
  );
  route(
    app,
    'GET',
    ['/api/v1/db/meta/nocodb/info', '/api/v2/meta/nocodb/info'],
    async () => ({
      authType: 'none',
      firstUser: false,
      type: store.context.dialect.name === 'postgres' ? 'pg' : 'sqlite3',
      env: process.env.NODE_ENV ?? 'production',
      version: tesseraVersion,
      defaultLimit: config.defaultLimit,
      timezone: 'UTC',
      ncSiteUrl: config.publicUrl,
      ee: false,
      isCloud: false,
      disableEmailAuth: false,
      inviteOnlySignup: false,
    }),
    { schema: { tags, summary: 'Application info' } },
  );
}
