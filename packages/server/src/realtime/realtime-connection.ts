import { type Actor, TesseraError } from '@tessera/core';
import type { TesseraStore } from '@tessera/store';
import type { Credential } from '../auth/authenticate.ts';
import { toTesseraError } from '../plugins/error-handler.ts';
import { type Authenticate, CallerAccess, type CallerAccessDeps } from './caller-access.ts';
import {
  type ClientMessage,
  closeCodes,
  errorMessage,
  parseClientMessage,
  REALTIME_PROTOCOL_VERSION,
  type SubscriptionKey,
} from './realtime-protocol.ts';
import type { RealtimeSocket } from './realtime-socket.ts';
import { type EventSink, Subscription, subscriptionKeyText } from './subscription.ts';

const OPEN = 1;

export interface ConnectionLimits {
  /** Unsent bytes a socket may have before it is closed as too slow (live events). */
  readonly maxBufferedBytes: number;
  /** A first message `auth` must arrive within this when the upgrade carried no credential. */
  readonly authTimeoutMs: number;
  readonly maxSubscriptions: number;
  /** Messages waiting to be handled before the socket is closed as flooding. */
  readonly maxPendingMessages: number;
}

/** What a connection needs from its hub. */
export interface ConnectionHub {
  /** Starts a subscription: resolves once its first page is sent; throws what to report. */
  subscribe(subscription: Subscription, after: number | null): Promise<void>;
  unsubscribe(subscription: Subscription): void;
  closed(connection: RealtimeConnection): void;
}

export interface ConnectionOptions {
  readonly hub: ConnectionHub;
  readonly store: TesseraStore;
  /** Signs in the credential of an auth message. */
  readonly authenticate: Authenticate;
  readonly access: CallerAccessDeps;
  readonly limits: ConnectionLimits;
  readonly ip: string;
  /** The upgrade request's credential and the caller it named, if it carried one. */
  readonly upgrade?: { readonly credential: Credential; readonly actor: Actor };
  readonly log: {
    debug(object: object, message: string): void;
    error(object: object, message: string): void;
  };
}

/** One client socket: authentication, its subscriptions, and flow control. */
export class RealtimeConnection implements EventSink {
  readonly #socket: RealtimeSocket;
  readonly #options: ConnectionOptions;
  readonly #subscriptions = new Map<string, Subscription>();
  #access: CallerAccess | undefined;
  #queue: Promise<void> = Promise.resolve();
  #pending = 0;
  #closed = false;
  #alive = true;
  #authTimer: NodeJS.Timeout | undefined;

  constructor(socket: RealtimeSocket, options: ConnectionOptions) {
    this.#socket = socket;
    this.#options = options;
    socket.on('message', (data, isBinary) => this.#received(data, isBinary));
    socket.on('pong', () => {
      this.#alive = true;
    });
    socket.on('close', () => this.#ended());
    if (options.upgrade) {
      this.#authenticated(options.upgrade.credential, options.upgrade.actor);
    } else {
      this.#authTimer = setTimeout(
        () => this.close(closeCodes.unauthenticated, 'Send {"type":"auth","token":…} first'),
        options.limits.authTimeoutMs,
      );
      this.#authTimer.unref();
    }
  }

  send(frame: string): boolean {
    if (this.#closed || this.#socket.readyState !== OPEN) return false;
    if (this.#socket.bufferedAmount > this.#options.limits.maxBufferedBytes) {
      this.close(closeCodes.slowConsumer, 'Too slow: reconnect and subscribe with after = your last seq');
      return false;
    }
    this.#socket.send(frame);
    return true;
  }

  async sendPaced(frame: string): Promise<boolean> {
    const lowWater = this.#options.limits.maxBufferedBytes / 4;
    while (!this.#closed && this.#socket.bufferedAmount > lowWater)
      await new Promise((resolve) => setTimeout(resolve, 20));
    return this.send(frame);
  }

  accessIsFresh(baseId: string): boolean {
    return (this.#access?.age(baseId) ?? Number.POSITIVE_INFINITY) < this.#options.access.recheckMs;
  }

  /** Throws when the check cannot be made (database away): the caller retries later. */
  async ensureAccess(baseId: string, maxAgeMs?: number): Promise<boolean> {
    if (this.#closed || !this.#access) return false;
    const check = await this.#access.mayRead(baseId, maxAgeMs);
    if (!check.ok) this.close(check.code, check.reason);
    return check.ok && !this.#closed;
  }

  refreshAccess(baseId: string): void {
    const early = this.#options.access.recheckMs / 2;
    if (this.#closed || !this.#access || this.#access.age(baseId) < early) return;
    this.ensureAccess(baseId, early).catch((error: unknown) =>
      this.#options.log.debug({ err: error }, 'realtime access check failed'),
    );
  }

  failed(subscription: Subscription, error: unknown): void {
    const text = subscriptionKeyText(subscription);
    if (this.#subscriptions.get(text) === subscription) this.#subscriptions.delete(text);
    this.#reportError(error, subscription);
  }

  /** Heartbeat: drops a peer that did not answer the last ping, then pings again. */
  heartbeat(): void {
    if (this.#closed) return;
    if (!this.#alive) {
      this.#socket.terminate();
      this.#ended();
      return;
    }
    this.#alive = false;
    this.#socket.ping();
  }

  /** Checks every subscribed base again (heartbeat sweep: idle sockets of revoked callers go). */
  async recheck(): Promise<void> {
    const bases = new Set([...this.#subscriptions.values()].map((s) => s.baseId));
    try {
      for (const baseId of bases) if (!(await this.ensureAccess(baseId))) return;
    } catch (error) {
      this.#options.log.debug({ err: error }, 'realtime access check failed');
    }
  }

  close(code: number, reason: string): void {
    if (this.#closed) return;
    this.#socket.close(code, reason);
    this.#ended();
  }

  #ended(): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#authTimer);
    for (const subscription of this.#subscriptions.values()) this.#options.hub.unsubscribe(subscription);
    this.#subscriptions.clear();
    this.#options.hub.closed(this);
  }

  /** Sends the error message; failures that are not the client's (bugs) are logged too. */
  #reportError(error: unknown, about?: SubscriptionKey): void {
    const reported = toTesseraError(error);
    if (reported.status >= 500 && reported.code !== 'ERR_DATABASE_UNAVAILABLE')
      this.#options.log.error({ err: error }, 'realtime message failed');
    this.send(errorMessage(reported, about));
  }

  #authenticated(credential: Credential, actor: Actor): void {
    clearTimeout(this.#authTimer);
    this.#authTimer = undefined;
    if (this.#access) this.#access.replace(credential, actor);
    else this.#access = new CallerAccess(this.#options.access, credential, actor, this.#options.ip);
    this.send(JSON.stringify({ type: 'authenticated', version: REALTIME_PROTOCOL_VERSION }));
  }

  #received(data: unknown, isBinary: boolean): void {
    if (this.#closed) return;
    if (++this.#pending > this.#options.limits.maxPendingMessages) {
      this.close(closeCodes.flooding, 'Too many messages at once');
      return;
    }
    const text = isBinary ? undefined : Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
    this.#queue = this.#queue
      .then(() => this.#handle(text))
      .catch((error: unknown) => this.#reportError(error))
      .finally(() => {
        this.#pending--;
      });
  }

  async #handle(text: string | undefined): Promise<void> {
    if (this.#closed) return;
    if (text === undefined)
      throw new TesseraError('ERR_INVALID_REQUEST_BODY', 'Messages are JSON text frames, not binary');
    let message: ClientMessage;
    try {
      message = parseClientMessage(text);
    } catch (error) {
      if (!this.#access)
        return this.close(closeCodes.unauthenticated, 'Send {"type":"auth","token":…} first');
      throw error;
    }
    if (message.type === 'auth') return this.#auth(message.token);
    if (!this.#access) return this.close(closeCodes.unauthenticated, 'Send {"type":"auth","token":…} first');
    switch (message.type) {
      case 'ping':
        this.send('{"type":"pong"}');
        return;
      case 'subscribe':
        return this.#subscribe(message, message.after);
      case 'unsubscribe':
        return this.#unsubscribe(message);
    }
  }

  async #auth(token: string): Promise<void> {
    const credential: Credential = { kind: 'either', secret: token };
    const { actor } = await this.#options.authenticate(credential, this.#options.ip);
    if (this.#closed) return;
    if (actor.kind !== 'anonymous') return this.#authenticated(credential, actor);
    if (!this.#access) return this.close(closeCodes.unauthenticated, 'Invalid credential');
    throw new TesseraError(
      'ERR_AUTHENTICATION_REQUIRED',
      'Invalid token; the earlier credential stays in use',
    );
  }

  /** Errors concern the subscription and are answered with its base and table. */
  async #subscribe(key: SubscriptionKey, after: number | null): Promise<void> {
    const text = subscriptionKeyText(key);
    let subscription: Subscription | undefined;
    try {
      const existing = this.#subscriptions.get(text);
      const { maxSubscriptions } = this.#options.limits;
      if (!existing && this.#subscriptions.size >= maxSubscriptions)
        throw new TesseraError('ERR_BAD_REQUEST', `At most ${maxSubscriptions} subscriptions per connection`);
      const { store } = this.#options;
      await store.bases.get(key.baseId);
      const check = await (this.#access as CallerAccess).mayRead(key.baseId, 0);
      if (!check.ok && check.code === closeCodes.unauthenticated) return this.close(check.code, check.reason);
      if (!check.ok) throw new TesseraError('ERR_FORBIDDEN', 'You do not have access to this base');
      if (key.tableId !== null && (await store.tables.get(key.tableId)).baseId !== key.baseId)
        throw new TesseraError('ERR_TABLE_NOT_FOUND', `Table '${key.tableId}' not found in this base`);
      if (this.#closed) return;
      // Subscribing again to the same base and table restarts it (e.g. from another cursor).
      if (existing) this.#options.hub.unsubscribe(existing);
      subscription = new Subscription(key, this, 0);
      this.#subscriptions.set(text, subscription);
      await this.#options.hub.subscribe(subscription, after);
    } catch (error) {
      if (subscription && this.#subscriptions.get(text) === subscription) {
        this.#subscriptions.delete(text);
        this.#options.hub.unsubscribe(subscription);
      }
      this.#reportError(error, key);
    }
  }

  #unsubscribe(key: SubscriptionKey): void {
    const text = subscriptionKeyText(key);
    const subscription = this.#subscriptions.get(text);
    if (subscription) {
      this.#subscriptions.delete(text);
      this.#options.hub.unsubscribe(subscription);
    }
    this.send(JSON.stringify({ type: 'unsubscribed', baseId: key.baseId, tableId: key.tableId }));
  }
}
