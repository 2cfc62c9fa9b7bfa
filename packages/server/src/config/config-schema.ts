import type { DatabaseConfig } from '@tessera/store';
import type { HubSettings } from '../realtime/realtime-hub.ts';
import type { AttachmentConfig } from './attachment-config.ts';
import type { AuthConfig } from './auth-config.ts';
import type { WebhookConfig } from './webhook-config.ts';

/** Pino's level names, plus `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Values used when a variable is unset (or set to an empty string). */
export const CONFIG_DEFAULTS = {
  port: 8080,
  /**
   * Loopback only: there are no user accounts yet, so anyone who can reach the port can read
   * and change every record. Set HOST (e.g. `0.0.0.0` or `::`) explicitly to listen on other
   * interfaces, and only behind something that authenticates.
   */
  host: '127.0.0.1',
  dataDir: './data',
  sqliteFileName: 'tessera.db',
  pgSchema: 'tessera',
  pgPoolSize: 10,
  pgConnectTimeoutMs: 5000,
  logLevel: 'info',
  maxBodyBytes: 10 * 1024 * 1024,
  maxRecordsPerRequest: 1000,
  defaultLimit: 25,
  maxLimit: 1000,
} as const;

/**
 * Server configuration, read once at start by `loadConfig` from these variables:
 *
 * | Variable                          | Default                         |
 * | --------------------------------- | ------------------------------- |
 * | DATABASE_URL (or NocoDB's NC_DB)  | SQLite `<dataDir>/tessera.db`   |
 * | TESSERA_PG_SCHEMA                 | `tessera`                       |
 * | TESSERA_PG_POOL_SIZE              | 10 (1..100)                     |
 * | TESSERA_PG_CONNECT_TIMEOUT_MS     | 5000 (1..600000)                |
 * | PORT                              | 8080 (1..65535)                 |
 * | HOST                              | `127.0.0.1` (see `host`)        |
 * | TESSERA_DATA_DIR                  | `./data`                        |
 * | PUBLIC_URL                        | `http://localhost:<PORT>`       |
 * | JWT_SECRET                        | generated in `<dataDir>/secrets`|
 * | LOG_LEVEL                         | `info`                          |
 * | TESSERA_METRICS_TOKEN             | none: /metrics for loopback only|
 * | TESSERA_MAX_BODY_BYTES            | 10485760 (1024..1073741824)     |
 * | TESSERA_MAX_RECORDS_PER_REQUEST   | 1000 (1..100000)                |
 * | TESSERA_DEFAULT_LIMIT             | 25 (1..TESSERA_MAX_LIMIT)       |
 * | TESSERA_MAX_LIMIT                 | 1000 (1..100000)                |
 * | REDIS_URL                         | none: each process polls        |
 * | TESSERA_EVENTS_RETENTION_DAYS     | none: events kept forever       |
 *
 * Accounts and sign-in variables are listed in `auth-config.ts`, attachment and S3 ones in
 * `attachment-config.ts`, webhook ones in `webhook-config.ts`.
 * A variable set to an empty (or blank) string counts as unset.
 */
export interface TesseraConfig {
  /** Where records live: DATABASE_URL, else NC_DB, else `<dataDir>/tessera.db`. */
  readonly database: DatabaseConfig;
  /** TCP port to listen on (PORT). */
  readonly port: number;
  /**
   * Interface to listen on (HOST). Defaults to `127.0.0.1`: accounts are not built yet, so the
   * server is reachable from this machine only unless HOST is set explicitly.
   */
  readonly host: string;
  /** Absolute, existing, writable directory (TESSERA_DATA_DIR). */
  readonly dataDir: string;
  /** Base URL clients reach the server at, without a trailing slash (PUBLIC_URL). */
  readonly publicUrl: string;
  /** Key signing tokens: JWT_SECRET, else the one kept in `<dataDir>/secrets/jwt-secret`. */
  readonly jwtSecret: string;
  readonly logLevel: LogLevel;
  /**
   * Bearer token that /metrics asks for (TESSERA_METRICS_TOKEN). Unset, /metrics answers only
   * direct connections from this machine.
   */
  readonly metricsToken?: string;
  /** Largest accepted request body (TESSERA_MAX_BODY_BYTES). */
  readonly maxBodyBytes: number;
  /** Most records one write request may create, update or delete (TESSERA_MAX_RECORDS_PER_REQUEST). */
  readonly maxRecordsPerRequest: number;
  /** Page size when a list request gives no `limit` (TESSERA_DEFAULT_LIMIT). */
  readonly defaultLimit: number;
  /** Largest `limit` a list request may ask for (TESSERA_MAX_LIMIT). */
  readonly maxLimit: number;
  /** Accounts, tokens and sign-in (see auth-config.ts). */
  readonly auth: AuthConfig;
  /** Uploads, download links and file storage (see attachment-config.ts); unset, ATTACHMENT_DEFAULTS. */
  readonly attachments?: AttachmentConfig;
  /**
   * Redis shared by several Tessera processes on one PostgreSQL (REDIS_URL, redis:// or
   * rediss://): realtime wake-ups fan out through it. Unset, each process polls the outbox.
   */
  readonly redisUrl?: string;
  /** Days record events stay in the outbox (TESSERA_EVENTS_RETENTION_DAYS); unset, forever. */
  readonly eventsRetentionDays?: number;
  /** Realtime feed timings and limits (realtime-hub.ts); not read from the environment. */
  readonly realtime?: Partial<HubSettings>;
  /** Webhook delivery: retries, timeout, private targets (see webhook-config.ts); unset, WEBHOOK_DEFAULTS. */
  readonly webhooks?: WebhookConfig;
}
