import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { ClaimedDelivery, TesseraStore } from '@tessera/store';
import type { WebhookConfig } from '../config/webhook-config.ts';
import { deliveryPlan } from './delivery-planner.ts';
import { deliveryRequest } from './delivery-request.ts';
import { nextState } from './retry-policy.ts';
import { sendWebhook } from './webhook-sender.ts';

/** Where the dispatcher reports trouble (a pino logger fits). */
export interface DispatcherLog {
  warn(message: string): void;
  error(message: string): void;
}

export interface WebhookDispatcher {
  /** Which process holds a delivery's lease (host, pid, a random tag). */
  readonly owner: string;
  /** Starts polling the outbox and listening for new events; idempotent. */
  start(): void;
  /** Checks for work now (new events or deliveries). */
  wake(): void;
  /**
   * Stops taking work, waits for the sends in flight (each is bounded by the timeout), then
   * gives up any lease still held, so another process can send at once.
   */
  stop(): Promise<void>;
}

/** Events read per fan-out step. */
const FAN_OUT_BATCH = 500;
/** Finished deliveries older than the retention are deleted this often. */
const PRUNE_EVERY_MS = 3_600_000;
/**
 * News of writes is gathered this long before the dispatcher looks: under a stream of writes
 * one fan-out transaction then takes many events instead of one each, which on SQLite (one
 * writer, a sync per commit) left too little room for the writes themselves.
 */
const GATHER_WRITES_MS = 25;
/** Repeated failures of the loop itself (a database outage) are reported this often at most. */
const REPORT_EVERY_MS = 60_000;

function utcText(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')}+00:00`;
}

/**
 * Sends webhooks from this process: fans each active hook's outbox events out into deliveries
 * (woken by the event signal, or every poll interval, which also sees other processes' writes),
 * then claims due deliveries with a lease and sends them, at most `concurrency` at a time. Any
 * number of processes may run one on the same database; the store's locks and leases make each
 * event a delivery once and each delivery sent by one process at a time.
 */
export function createWebhookDispatcher(
  store: TesseraStore,
  config: WebhookConfig,
  log: DispatcherLog,
): WebhookDispatcher {
  const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  // Longer than any send (the timeout bounds it) plus the write of its result.
  const leaseMs = 2 * config.timeoutMs + 1000;
  const inFlight = new Map<string, Promise<void>>();
  let running = false;
  let ticking: Promise<void> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let gathering: NodeJS.Timeout | undefined;
  let unsubscribe: (() => void) | undefined;
  let lastPrune = 0;
  let lastReport = 0;

  const report = (what: string, error: unknown) => {
    const now = Date.now();
    if (now - lastReport < REPORT_EVERY_MS) return;
    lastReport = now;
    log.warn(`webhooks: ${what}: ${error instanceof Error ? error.message : String(error)}`);
  };

  const fanOut = async () => {
    for (const behind of await store.deliveries.hooksBehind()) {
      const table = await store.tables.get(behind.tableId).catch(() => undefined);
      if (!table) continue;
      const plan = deliveryPlan(table);
      for (;;) {
        const step = await store.deliveries.fanOut(behind.hookId, FAN_OUT_BATCH, plan);
        if (!step?.more) break;
      }
    }
  };

  const send = async ({ delivery, hook, secret }: ClaimedDelivery) => {
    const attempt = delivery.attempts;
    const startedAt = utcText(Date.now());
    const request = deliveryRequest(hook.notification, secret, delivery.payload, {
      deliveryId: delivery.id,
      hookId: hook.id,
      type: delivery.type,
      attempt,
      replayOf: delivery.replayOf,
    });
    const result = await sendWebhook(request, {
      timeoutMs: config.timeoutMs,
      privateTargets: config.privateTargets,
    });
    const state = nextState(result, attempt, config, Date.now());
    // Not written (database away): the lease runs out and the delivery is sent again.
    await store.deliveries
      .complete(delivery.id, owner, attempt, {
        ...state,
        startedAt,
        statusCode: result.statusCode,
        latencyMs: result.latencyMs,
        responseExcerpt: result.excerpt,
        error: result.error,
      })
      .catch((error) => report('recording a delivery attempt failed', error));
  };

  const sendDue = async () => {
    const room = config.concurrency - inFlight.size;
    if (room <= 0) return;
    for (const claimed of await store.deliveries.claim(owner, Date.now(), leaseMs, room)) {
      const sending = send(claimed).finally(() => {
        inFlight.delete(claimed.delivery.id);
        wake();
      });
      inFlight.set(claimed.delivery.id, sending);
    }
  };

  const prune = async () => {
    const now = Date.now();
    if (now - lastPrune < PRUNE_EVERY_MS) return;
    lastPrune = now;
    await store.deliveries.prune(utcText(now - config.logRetentionDays * 86_400_000));
  };

  const tick = async () => {
    do {
      again = false;
      try {
        await fanOut();
        await sendDue();
        await prune();
      } catch (error) {
        report('checking for deliveries failed', error);
      }
    } while (again && running);
  };

  function wake(): void {
    if (!running) return;
    if (ticking) {
      again = true;
      return;
    }
    ticking = tick().finally(() => {
      ticking = null;
    });
  }

  return {
    owner,
    start() {
      if (running) return;
      running = true;
      unsubscribe = store.context.eventSignal.subscribe(() => {
        gathering ??= setTimeout(() => {
          gathering = undefined;
          wake();
        }, GATHER_WRITES_MS);
      });
      timer = setInterval(wake, config.pollMs);
      timer.unref();
      wake();
    },
    wake,
    async stop() {
      if (!running) return;
      running = false;
      unsubscribe?.();
      clearInterval(timer);
      clearTimeout(gathering);
      await ticking;
      await Promise.allSettled(inFlight.values());
      await store.deliveries.release(owner).catch((error) => report('releasing leases failed', error));
    },
  };
}
