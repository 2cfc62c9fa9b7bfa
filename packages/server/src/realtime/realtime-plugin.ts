import websocket from '@fastify/websocket';
import type { DatabaseSupervisor } from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { credentialAuthenticator } from '../auth/authenticate.ts';
import { redactUrl } from '../config/database-url.ts';
import { eventRoutes } from '../routes/event-routes.ts';
import { realtimeRoutes } from '../routes/realtime-routes.ts';
import type { RouteContext } from '../routes/route-context.ts';
import { startEventRetention } from './event-retention.ts';
import { HUB_DEFAULTS, RealtimeHub } from './realtime-hub.ts';
import { RedisRelay } from './redis-relay.ts';

/** Largest message a client may send; subscriptions are small. */
const MAX_CLIENT_MESSAGE_BYTES = 64 * 1024;

export interface RealtimeContext extends RouteContext {
  readonly database: DatabaseSupervisor;
}

/**
 * The realtime feed: the WebSocket route, the polling route, the process's hub, the Redis
 * relay (with REDIS_URL) and event retention (with TESSERA_EVENTS_RETENTION_DAYS). Sockets
 * are closed with 1001 when the app closes, before in-flight requests are waited for.
 */
export async function installRealtime(app: FastifyInstance, context: RealtimeContext): Promise<RealtimeHub> {
  const { config, store, database } = context;
  const isDatabaseReady = () => database.isReady();
  const hub = new RealtimeHub({
    store,
    authenticate: credentialAuthenticator(store, config.jwtSecret),
    settings: { ...HUB_DEFAULTS, ...config.realtime },
    log: app.log,
    isDatabaseReady,
  });
  // Registered before the WebSocket plugin's own, so sockets get 1001 and long polls answer.
  app.addHook('preClose', async () => hub.close());
  await app.register(websocket, {
    options: { maxPayload: MAX_CLIENT_MESSAGE_BYTES },
    errorHandler: (error, socket, request) => {
      request.log.debug({ err: error }, 'realtime socket error');
      socket.terminate();
    },
  });
  hub.start();

  let relay: RedisRelay | undefined;
  if (config.redisUrl !== undefined) {
    const schema = config.database.kind === 'postgres' ? config.database.schema : 'sqlite';
    relay = new RedisRelay(
      store.context.eventSignal,
      { url: config.redisUrl, channel: `tessera:${schema}:events`, shownUrl: redactUrl(config.redisUrl) },
      { info: (message) => app.log.info(message), warn: (message) => app.log.warn(message) },
    );
    relay.start();
    const started = relay;
    hub.useRelay(() => started.isUp());
  }
  const stopRetention =
    config.eventsRetentionDays === undefined
      ? undefined
      : startEventRetention({ store, days: config.eventsRetentionDays, isDatabaseReady, log: app.log });
  app.addHook('onClose', async () => {
    relay?.close();
    stopRetention?.();
  });

  await app.register(realtimeRoutes, { ...context, realtime: hub });
  await app.register(eventRoutes, { ...context, realtime: hub });
  return hub;
}
