import type { Actor } from '@tessera/core';
import { isDatabaseUnavailable, type TesseraStore } from '@tessera/store';
import type { Credential } from '../auth/authenticate.ts';
import { BaseChannel } from './base-channel.ts';
import { AccessChecker, type Authenticate } from './caller-access.ts';
import { readEventPage } from './event-page-reader.ts';
import { type ConnectionHub, type ConnectionLimits, RealtimeConnection } from './realtime-connection.ts';
import type { RealtimeSocket } from './realtime-socket.ts';
import type { Subscription } from './subscription.ts';

export interface HubSettings extends ConnectionLimits {
  /** Events per outbox read. Small: an event carries whole rows, up to a bulk write's worth. */
  readonly pageSize: number;
  /** How often bases with listeners are read anyway, for writes by other processes (ms). */
  readonly pollMs: number;
  /** The same while a relay (Redis) brings other processes' news: only a safety net. */
  readonly relayedPollMs: number;
  /** How long a socket's access check holds before deliveries check again (ms). */
  readonly recheckMs: number;
  /** WebSocket ping interval; a peer that missed the previous pong is dropped (ms). */
  readonly heartbeatMs: number;
}

export const HUB_DEFAULTS: HubSettings = {
  pageSize: 32,
  pollMs: 1500,
  relayedPollMs: 15_000,
  recheckMs: 1000,
  heartbeatMs: 30_000,
  authTimeoutMs: 5000,
  maxBufferedBytes: 4 * 1024 * 1024,
  maxSubscriptions: 100,
  maxPendingMessages: 64,
};

export interface HubLog {
  debug(object: object, message: string): void;
  error(object: object, message: string): void;
}

export interface HubDeps {
  readonly store: TesseraStore;
  readonly authenticate: Authenticate;
  readonly settings: HubSettings;
  readonly log: HubLog;
  /** Polls are skipped while the database is away. */
  readonly isDatabaseReady: () => boolean;
}

/**
 * The realtime feed of one process. Woken by the store's event signal (local writes, and
 * other processes' writes relayed through Redis) and by a poll, it reads each base's new
 * events once per wake-up and fans them out to the subscriptions of that base.
 */
export class RealtimeHub implements ConnectionHub {
  readonly #deps: HubDeps;
  readonly #channels = new Map<string, BaseChannel>();
  readonly #connections = new Set<RealtimeConnection>();
  readonly #checker: AccessChecker;
  #relayUp: () => boolean = () => false;
  #stopSignal: (() => void) | undefined;
  #pollTimer: NodeJS.Timeout | undefined;
  #heartbeatTimer: NodeJS.Timeout | undefined;
  #closed = false;

  constructor(deps: HubDeps) {
    this.#deps = deps;
    this.#checker = new AccessChecker(deps.store, deps.authenticate);
  }

  start(): void {
    this.#stopSignal = this.#deps.store.context.eventSignal.subscribe((baseId) =>
      this.#channels.get(baseId)?.wake(),
    );
    this.#startPolling();
    this.#heartbeatTimer = setInterval(() => {
      for (const connection of this.#connections) {
        connection.heartbeat();
        void connection.recheck();
      }
    }, this.#deps.settings.heartbeatMs);
    this.#heartbeatTimer.unref();
  }

  /** A relay now brings other processes' news while `isUp()`; polls slow down meanwhile. */
  useRelay(isUp: () => boolean): void {
    this.#relayUp = isUp;
  }

  /** Takes over an open socket; `upgrade` is the caller its upgrade request's headers named. */
  connect(
    socket: RealtimeSocket,
    ip: string,
    upgrade?: { readonly credential: Credential; readonly actor: Actor },
  ): RealtimeConnection {
    const { store, settings, log } = this.#deps;
    const connection = new RealtimeConnection(socket, {
      hub: this,
      store,
      authenticate: this.#deps.authenticate,
      access: { checker: this.#checker, recheckMs: settings.recheckMs },
      limits: settings,
      ip,
      log,
      ...(upgrade ? { upgrade } : {}),
    });
    if (this.#closed) connection.close(1001, 'Server shutting down');
    else this.#connections.add(connection);
    return connection;
  }

  async subscribe(subscription: Subscription, after: number | null): Promise<void> {
    const channel = this.#channel(subscription.baseId);
    channel.subscriptions.add(subscription);
    try {
      subscription.cursor = after ?? (await this.#deps.store.events.latest(subscription.baseId));
      const live = await this.#catchUpPage(subscription, channel, { checkCursor: after !== null });
      if (!live) void this.#catchUp(subscription);
    } catch (error) {
      this.unsubscribe(subscription);
      throw error;
    }
  }

  unsubscribe(subscription: Subscription): void {
    subscription.active = false;
    const channel = this.#channels.get(subscription.baseId);
    if (!channel) return;
    channel.subscriptions.delete(subscription);
    this.#releaseIfIdle(channel);
  }

  closed(connection: RealtimeConnection): void {
    this.#connections.delete(connection);
  }

  /**
   * Resolves true once the base has an event after `after`; false after `timeoutMs`, when
   * `abort` fires or when the hub closes. The caller then reads the outbox itself.
   */
  waitForEvents(baseId: string, after: number, timeoutMs: number, abort?: AbortSignal): Promise<boolean> {
    if (this.#closed || abort?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const channel = this.#channel(baseId);
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      let release = () => {};
      const stop = () => release();
      const finish = (woken: boolean) => {
        settled = true;
        clearTimeout(timer);
        abort?.removeEventListener('abort', stop);
        this.#releaseIfIdle(channel);
        resolve(woken);
      };
      release = channel.waitAfter(after, finish);
      if (settled) return;
      timer = setTimeout(stop, timeoutMs);
      abort?.addEventListener('abort', stop, { once: true });
    });
  }

  /** Closes every socket (1001: reconnect and resume elsewhere) and ends every wait. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopSignal?.();
    clearInterval(this.#pollTimer);
    clearInterval(this.#heartbeatTimer);
    for (const connection of [...this.#connections]) connection.close(1001, 'Server shutting down');
    for (const channel of this.#channels.values()) channel.releaseWaiters();
    this.#channels.clear();
  }

  #channel(baseId: string): BaseChannel {
    let channel = this.#channels.get(baseId);
    if (!channel) {
      const { store, settings } = this.#deps;
      channel = new BaseChannel(baseId, {
        store,
        pageSize: settings.pageSize,
        onReadError: (error) => this.#readFailed(error),
      });
      this.#channels.set(baseId, channel);
    }
    return channel;
  }

  #releaseIfIdle(channel: BaseChannel): void {
    if (channel.idle && this.#channels.get(channel.baseId) === channel) this.#channels.delete(channel.baseId);
  }

  /**
   * Sends the subscription's next page of past events (the first page after announcing the
   * subscription with the base's latest seq); true once it has caught up with the
   * channel and gone live (or ended). The check and the switch to live happen in one step,
   * after the last await, so the channel cannot hand out an event in between.
   */
  async #catchUpPage(
    subscription: Subscription,
    channel: BaseChannel,
    first: { readonly checkCursor: boolean } | undefined,
  ): Promise<boolean> {
    const { baseId, tableId } = subscription;
    const page = await readEventPage(this.#deps.store, {
      baseId,
      after: subscription.cursor,
      tableId,
      limit: this.#deps.settings.pageSize,
      checkCursor: first?.checkCursor ?? false,
    });
    if (!subscription.active) return true;
    if (first)
      subscription.sink.send(JSON.stringify({ type: 'subscribed', baseId, tableId, seq: page.latest }));
    for (const frame of page.frames) if (!(await subscription.sink.sendPaced(frame))) return true;
    if (!subscription.active) return true;
    subscription.cursor = page.next;
    if (!page.complete) return false;
    channel.cursor ??= subscription.cursor;
    if (channel.cursor > subscription.cursor) return false;
    subscription.live = true;
    channel.wake();
    return true;
  }

  async #catchUp(subscription: Subscription): Promise<void> {
    try {
      for (;;) {
        if (!subscription.active) return;
        if (!(await subscription.sink.ensureAccess(subscription.baseId))) return;
        if (await this.#catchUpPage(subscription, this.#channel(subscription.baseId), undefined)) return;
      }
    } catch (error) {
      if (!subscription.active) return;
      this.unsubscribe(subscription);
      subscription.sink.failed(subscription, error);
    }
  }

  /** Ticks every `pollMs`; while the relay is up, reads only every `relayedPollMs`. */
  #startPolling(): void {
    const { settings, isDatabaseReady } = this.#deps;
    let lastPoll = Date.now();
    this.#pollTimer = setInterval(() => {
      const now = Date.now();
      if (this.#relayUp() && now - lastPoll < settings.relayedPollMs) return;
      lastPoll = now;
      if (isDatabaseReady()) for (const channel of this.#channels.values()) channel.wake();
    }, settings.pollMs);
    this.#pollTimer.unref();
  }

  #readFailed(error: unknown): void {
    // The database supervisor reports outages; anything else is a bug worth a full log.
    if (isDatabaseUnavailable(error)) this.#deps.log.debug({ err: error }, 'realtime read failed');
    else this.#deps.log.error({ err: error }, 'realtime read failed');
  }
}
