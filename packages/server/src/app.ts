import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import { type DatabaseSupervisor, superviseDatabase, type TesseraStore } from '@tessera/store';
import Fastify, { type FastifyInstance } from 'fastify';
import { installAuth } from './auth/auth-plugin.ts';
import { trustProxyOption } from './auth/client-address.ts';
import { installMailer } from './auth/mailer.ts';
import type { TesseraConfig } from './config/config-schema.ts';
import { installDatabaseGate } from './plugins/database-gate.ts';
import { installErrorHandling, sendError } from './plugins/error-handler.ts';
import { installMetrics } from './plugins/metrics.ts';
import { rejectNulCharacters } from './plugins/nul-guard.ts';
import { installRequestId, type LogSetting, loggingOptions } from './plugins/request-logging.ts';
import { installLazySwaggerUi } from './plugins/swagger-ui-lazy.ts';
import { installRealtime } from './realtime/realtime-plugin.ts';
import { recordService } from './records/record-service.ts';
import { auditRoutes } from './routes/audit-routes.ts';
import { authRoutes } from './routes/auth-routes.ts';
import { baseRoutes } from './routes/base-routes.ts';
import { commentRoutes } from './routes/comment-routes.ts';
import { fieldRoutes } from './routes/field-routes.ts';
import { groupRoutes } from './routes/group-routes.ts';
import { healthRoutes, tesseraVersion } from './routes/health-routes.ts';
import { hookRoutes } from './routes/hook-routes.ts';
import { linkRoutes } from './routes/link-routes.ts';
import { memberRoutes } from './routes/member-routes.ts';
import { metaV3Routes } from './routes/meta-v3-routes.ts';
import { publicViewRoutes } from './routes/public-view-routes.ts';
import { recordOrderRoutes } from './routes/record-order-routes.ts';
import { recordRoutes } from './routes/record-routes.ts';
import { recordV3Routes } from './routes/record-v3-routes.ts';
import { shareRoutes } from './routes/share-routes.ts';
import { storageRoutes } from './routes/storage-routes.ts';
import { tableRoutes } from './routes/table-routes.ts';
import { tokenRoutes } from './routes/token-routes.ts';
import { userRoutes } from './routes/user-routes.ts';
import { viewFilterRoutes } from './routes/view-filter-routes.ts';
import { viewRoutes } from './routes/view-routes.ts';
import { installWebApp } from './web/web-app.ts';

export interface AppOptions {
  readonly config: TesseraConfig;
  readonly store: TesseraStore;
  /** Log level and destination (default: LOG_LEVEL, stdout), or false; tests pass false. */
  readonly logger?: LogSetting;
  /**
   * Watches the database (readiness, 503 while it is away). Without one the caller must have
   * migrated already, as tests do; main.ts passes one that connects in the background.
   */
  readonly database?: DatabaseSupervisor;
  /** The built browser app to serve at `/` (see web/web-app.ts); without one, no UI is served. */
  readonly webDir?: string;
}

/** Builds the HTTP app without listening, so tests can `inject()` or listen themselves. */
export async function buildApp({
  config,
  store,
  logger,
  database,
  webDir,
}: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...loggingOptions(config.logLevel, logger ?? true),
    bodyLimit: config.maxBodyBytes,
    // Client addresses (sign-in throttling, audit) from X-Forwarded-For only behind trusted proxies.
    trustProxy: trustProxyOption(config.auth.trustProxy),
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 500 },
    // Errors raised before routing (bad URL encoding, over-long path segments).
    frameworkErrors: (error, request, reply) => sendError(error, request, reply),
  });
  installErrorHandling(app);
  installRequestId(app);
  const supervisor = database ?? superviseDatabase(store, { config: config.database, migrated: true });
  installDatabaseGate(app, supervisor);
  // Path and query are checked before authorization looks ids up; the body once parsed.
  app.addHook('onRequest', rejectNulCharacters);
  app.addHook('preValidation', rejectNulCharacters);
  installAuth(app, store, config.jwtSecret);
  await app.register(cookie);
  installMailer(app, config.auth);
  await app.register(swagger, {
    openapi: {
      info: { title: 'Tessera API', version: tesseraVersion, description: 'NocoDB-compatible v1/v2/v3 API' },
    },
  });
  installLazySwaggerUi(app, '/api/docs');
  installMetrics(app, { store, token: config.metricsToken });

  const context = { config, store, records: recordService(store, config) };
  await app.register(healthRoutes, { ...context, database: supervisor });
  await app.register(authRoutes, context);
  await app.register(baseRoutes, context);
  await app.register(tableRoutes, context);
  await app.register(fieldRoutes, context);
  await app.register(viewRoutes, context);
  await app.register(viewFilterRoutes, context);
  await app.register(shareRoutes, context);
  await app.register(recordRoutes, context);
  await app.register(recordV3Routes, context);
  await app.register(recordOrderRoutes, context);
  await app.register(commentRoutes, context);
  await app.register(groupRoutes, context);
  await app.register(publicViewRoutes, context);
  await app.register(linkRoutes, context);
  await app.register(storageRoutes, context);
  await app.register(metaV3Routes, context);
  await app.register(auditRoutes, context);
  await app.register(hookRoutes, context);
  await app.register(tokenRoutes, context);
  await app.register(memberRoutes, context);
  await app.register(userRoutes, context);
  // WebSocket feed and event polling; sockets close with 1001 when the app closes.
  await installRealtime(app, { ...context, database: supervisor });
  if (webDir) await installWebApp(app, webDir, config.publicUrl);
  return app;
}
