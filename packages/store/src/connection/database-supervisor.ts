import { sql } from 'kysely';
import type { DatabaseConfig } from '../dialect/database-config.ts';
import { latestSchemaVersion } from '../migrations/migration-list.ts';
import { SchemaTooNewError } from '../migrations/migration-runner.ts';
import type { TesseraStore } from '../tessera-store.ts';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF } from './backoff.ts';
import {
  type ConnectionProblemKind,
  databaseTarget,
  describeProblem,
  diagnoseDatabaseError,
  isDatabaseUnavailable,
  redactSecrets,
} from './connection-problem.ts';

/**
 * - `connecting`: not migrated yet; retrying with back-off.
 * - `ready`: migrated and, as far as anyone noticed, reachable.
 * - `down`: was ready, then lost; reconnecting with back-off.
 * - `incompatible`: the schema is newer than this Tessera; no retries (an upgrade is needed).
 */
export type DatabaseState = 'connecting' | 'ready' | 'down' | 'incompatible';

export interface DatabaseStatus {
  readonly state: DatabaseState;
  /** The schema version once migrated, else null. */
  readonly schemaVersion: number | null;
  /** Why the database is not ready, as one line naming cause and fix (no password); null when ready. */
  readonly reason: string | null;
  readonly problem: ConnectionProblemKind | null;
  /** Failed attempts in a row. */
  readonly attempts: number;
  /** Milliseconds until the next attempt while one is scheduled, else null. */
  readonly retryInMs: number | null;
}

/** A change worth one log line; `message` never contains a password. */
export interface DatabaseEvent {
  readonly level: 'info' | 'warn' | 'error';
  readonly kind: 'ready' | 'retrying' | 'lost' | 'restored' | 'incompatible';
  readonly message: string;
  readonly status: DatabaseStatus;
}

export interface DatabaseSupervisorOptions {
  /** Names host, port, user and database in messages. */
  readonly config: DatabaseConfig;
  readonly backoff?: BackoffOptions;
  /** A ping taking longer counts as the database being away (default 5 s). */
  readonly pingTimeoutMs?: number;
  /** The caller has migrated already (tests, tools): start `ready`. */
  readonly migrated?: boolean;
  /**
   * Runs after every successful migration and before the database counts as ready (e.g. the
   * bootstrap accounts); it must be idempotent. Its failure counts as a failed attempt.
   */
  readonly afterMigrate?: () => Promise<void>;
}

/**
 * Keeps the process's view of its database: connects and migrates in the background with
 * capped, jittered back-off; notices a lost database from failed queries, pool errors and
 * readiness pings, and reconnects by itself. Never throws and never exits the process.
 */
export interface DatabaseSupervisor {
  /** Starts connecting (once); returns at once. */
  start(): void;
  status(): DatabaseStatus;
  /** `status().state === 'ready'`, without building the status (asked on every request). */
  isReady(): boolean;
  /** For readiness: pings a database believed ready (at most once a second), then the status. */
  check(): Promise<DatabaseStatus>;
  /** Reports an error a query or the pool met; a connection problem triggers a ping. */
  observe(error: unknown): void;
  /** Calls `listener` on every event; returns the unsubscribe function. */
  subscribe(listener: (event: DatabaseEvent) => void): () => void;
  /** Stops retrying and pinging (before closing the store). */
  stop(): void;
}

const CHECK_INTERVAL_MS = 1000;

export function superviseDatabase(
  store: Pick<TesseraStore, 'migrate' | 'context'>,
  options: DatabaseSupervisorOptions,
): DatabaseSupervisor {
  const target = databaseTarget(options.config);
  const backoff = options.backoff ?? DEFAULT_BACKOFF;
  const pingTimeoutMs = options.pingTimeoutMs ?? 5000;
  const listeners = new Set<(event: DatabaseEvent) => void>();
  let state: DatabaseState = options.migrated ? 'ready' : 'connecting';
  let schemaVersion: number | null = options.migrated ? latestSchemaVersion : null;
  let reason: string | null = null;
  let problem: ConnectionProblemKind | null = null;
  let attempts = 0;
  let nextAttemptAt: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  let started = false;
  let stopped = false;
  let verifying: Promise<void> | null = null;
  let lastVerifiedAt = Date.now();

  const status = (): DatabaseStatus => ({
    state,
    schemaVersion,
    reason,
    problem,
    attempts,
    retryInMs: nextAttemptAt === null ? null : Math.max(0, nextAttemptAt - Date.now()),
  });

  const emit = (level: DatabaseEvent['level'], kind: DatabaseEvent['kind'], message: string) => {
    const event: DatabaseEvent = { level, kind, message, status: status() };
    for (const listener of listeners) {
      try {
        listener(event);
      } catch {
        // A listener's failure must not stop reconnecting.
      }
    }
  };

  const noteFailure = (error: unknown) => {
    attempts += 1;
    const found = diagnoseDatabaseError(error, target);
    problem = found?.kind ?? 'other';
    reason = found ? describeProblem(found) : messageOf(error);
  };

  /** Schedules the next connect attempt; returns the wait. */
  const scheduleConnect = (): number => {
    const delay = backoffDelay(attempts, backoff);
    nextAttemptAt = Date.now() + delay;
    timer = setTimeout(() => void connect(), delay);
    timer.unref();
    return delay;
  };

  /** One attempt: migrate (which also creates the schema), or schedule the next try. */
  const connect = async (): Promise<void> => {
    timer = undefined;
    nextAttemptAt = null;
    if (stopped) return;
    try {
      const applied = await store.migrate();
      await options.afterMigrate?.();
      if (stopped) return;
      const recovered = state === 'down';
      state = 'ready';
      schemaVersion = latestSchemaVersion;
      reason = null;
      problem = null;
      attempts = 0;
      lastVerifiedAt = Date.now();
      if (recovered) emit('info', 'restored', 'database reachable again; serving requests');
      else
        emit(
          'info',
          'ready',
          `database ready at schema version ${schemaVersion}` +
            (applied.length > 0 ? ` (applied migration ${applied.join(', ')})` : ''),
        );
    } catch (error) {
      if (stopped) return;
      if (error instanceof SchemaTooNewError) {
        state = 'incompatible';
        reason = error.message;
        problem = null;
        emit(
          'error',
          'incompatible',
          `database refused: ${error.message} Tessera keeps running but reports not ready until it is upgraded.`,
        );
        return;
      }
      noteFailure(error);
      const delay = scheduleConnect();
      emit(
        'warn',
        'retrying',
        `database not ready (attempt ${attempts}, next try in ${seconds(delay)}): ${reason}`,
      );
    }
  };

  const ping = async (): Promise<void> => {
    let timeout: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timeout = setTimeout(() => reject(new Error('ping timeout expired')), pingTimeoutMs);
    });
    try {
      await Promise.race([sql`select 1`.execute(store.context.db), expired]);
    } finally {
      clearTimeout(timeout);
    }
  };

  /** Pings a database believed ready; a failure marks it down and starts reconnecting. */
  const verify = (): Promise<void> => {
    verifying ??= (async () => {
      try {
        await ping();
        lastVerifiedAt = Date.now();
      } catch (error) {
        if (stopped || state !== 'ready') return;
        state = 'down';
        attempts = 0;
        noteFailure(error);
        const delay = scheduleConnect();
        emit('warn', 'lost', `database connection lost (next try in ${seconds(delay)}): ${reason}`);
      } finally {
        verifying = null;
      }
    })();
    return verifying;
  };

  return {
    start() {
      if (started || stopped) return;
      started = true;
      if (state === 'connecting') void connect();
    },
    status,
    isReady: () => state === 'ready',
    async check() {
      if (state === 'ready' && !stopped && Date.now() - lastVerifiedAt >= CHECK_INTERVAL_MS) await verify();
      return status();
    },
    observe(error) {
      if (state === 'ready' && !stopped && isDatabaseUnavailable(error)) void verify();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      timer = undefined;
      nextAttemptAt = null;
    },
  };
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function messageOf(error: unknown): string {
  return redactSecrets(error instanceof Error ? error.message : String(error));
}
