import {
  type BackoffOptions,
  backoffWithCap,
  type DatabaseSupervisor,
  DEFAULT_BACKOFF,
  openStore,
  superviseDatabase,
  type TesseraStore,
} from '@tessera/store';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { bootstrapAccounts } from './auth/bootstrap-accounts.ts';
import { ConfigError } from './config/config-error.ts';
import type { TesseraConfig } from './config/config-schema.ts';
import { describeDatabase } from './config/database-url.ts';
import { loadConfig } from './config/load-config.ts';
import { WEBHOOK_DEFAULTS } from './config/webhook-config.ts';
import { findWebDir } from './web/web-app.ts';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhooks/webhook-dispatcher.ts';

/** Reads the configuration; on problems prints each on its own line and exits 1. */
function loadConfigOrExit(): TesseraConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/**
 * TESSERA_DB_RETRY_MAX_MS caps the wait between attempts to reach the database (default
 * 30000; the first wait is 0.5 s, or the cap when smaller). Exits 1 on a bad value.
 */
function retryBackoffOrExit(): BackoffOptions {
  const raw = process.env.TESSERA_DB_RETRY_MAX_MS?.trim();
  if (raw === undefined || raw === '') return DEFAULT_BACKOFF;
  const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
  if (Number.isSafeInteger(value) && value >= 10 && value <= 3_600_000) return backoffWithCap(value);
  process.stderr.write(`TESSERA_DB_RETRY_MAX_MS must be an integer from 10 to 3600000 (got "${raw}")\n`);
  process.exit(1);
}

/** Webhook sends in flight finish (each bounded by its timeout); leases still held are given up. */
async function finishOutboxBatch(dispatcher: WebhookDispatcher | undefined): Promise<void> {
  await dispatcher?.stop();
}

/**
 * SIGTERM / SIGINT: stop accepting connections, let in-flight requests finish, finish the
 * outbox batch, close the pool, exit 0. A second signal exits at once (128 + signal number).
 */
function stopOnSignals(
  app: FastifyInstance,
  store: TesseraStore,
  database: DatabaseSupervisor,
  dispatcher: WebhookDispatcher | undefined,
): void {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) {
      app.log.warn(`${signal} received again: exiting without waiting for in-flight requests`);
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    stopping = true;
    app.log.info(`${signal} received: finishing in-flight requests, then exiting`);
    try {
      await app.close();
      await finishOutboxBatch(dispatcher);
      database.stop();
      await store.close();
      app.log.info('shut down cleanly');
      process.exit(0);
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  // Node keeps a keep-alive socket open after the response that was in flight at close, and
  // close() waits for it: answers sent while stopping ask the client to close the connection.
  app.addHook('onSend', async (_request, reply) => {
    if (stopping) reply.header('connection', 'close');
  });
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * Starts Tessera: configuration, then HTTP at once, while the database is connected and
 * migrated in the background with back-off. Until it is ready (and whenever it is lost later)
 * readiness and data routes answer 503; liveness stays 200 and the process never exits on a
 * database problem, so an orchestrator never sees a crash loop.
 */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const backoff = retryBackoffOrExit();
  // The closures below run only after `database.start()`, when `app` and `database` exist.
  const store = openStore(config.database, (error) => database.observe(error));
  const database = superviseDatabase(store, {
    config: config.database,
    backoff,
    pingTimeoutMs: config.database.kind === 'postgres' ? config.database.connectTimeoutMs : undefined,
    afterMigrate: async () => {
      for (const line of await bootstrapAccounts(store, config.auth)) app.log.info(line);
    },
  });
  const app = await buildApp({ config, store, database, webDir: findWebDir(import.meta.url) });
  database.subscribe((event) => app.log[event.level](event.message));
  // Webhooks are sent once the database is ready (TESSERA_WEBHOOKS=off: not by this process).
  const webhooks = config.webhooks ?? WEBHOOK_DEFAULTS;
  const dispatcher = webhooks.enabled ? createWebhookDispatcher(store, webhooks, app.log) : undefined;
  database.subscribe((event) => {
    if (event.kind === 'ready') dispatcher?.start();
  });
  stopOnSignals(app, store, database, dispatcher);
  app.log.info(`database: ${describeDatabase(config.database)}`);
  await app.listen({ port: config.port, host: config.host });
  database.start();
}

await main();
