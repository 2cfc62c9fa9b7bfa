import type { TesseraStore } from '@tessera/store';

export interface RetentionOptions {
  readonly store: TesseraStore;
  /** Events older than this many days are deleted. */
  readonly days: number;
  readonly isDatabaseReady: () => boolean;
  readonly log: { info(message: string): void; warn(object: object, message: string): void };
  /** Between prunes (ms): default one hour. */
  readonly intervalMs?: number;
  /** Before the first prune (ms): default one minute, so a start is not slowed by it. */
  readonly firstRunMs?: number;
  /** The clock (tests move it). */
  readonly now?: () => number;
}

const DAY_MS = 86_400_000;

/** Canonical UTC text of an instant (`YYYY-MM-DD HH:mm:ss+00:00`), as the outbox stores it. */
function utcText(millis: number): string {
  return `${new Date(millis).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}

/**
 * TESSERA_EVENTS_RETENTION_DAYS: deletes outbox events older than the given days once an hour.
 * Sequence numbers never restart, so cursors stay meaningful; a client resuming from a pruned
 * cursor is told so (ERR_CURSOR_EXPIRED) instead of silently missing events. Every process
 * may run it: deleting what another process already deleted deletes nothing.
 */
export function startEventRetention(options: RetentionOptions): () => void {
  const { store, days, isDatabaseReady, log, now = Date.now } = options;
  let running = false;
  const prune = async () => {
    if (running || !isDatabaseReady()) return;
    running = true;
    try {
      const deleted = await store.events.prune(utcText(now() - days * DAY_MS));
      if (deleted > 0)
        log.info(
          `event retention: deleted ${deleted} record events older than ${days} day${days === 1 ? '' : 's'}`,
        );
    } catch (error) {
      log.warn({ err: error }, 'event retention: pruning failed; trying again later');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(() => void prune(), options.firstRunMs ?? 60_000);
  const every = setInterval(() => void prune(), options.intervalMs ?? 3_600_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
