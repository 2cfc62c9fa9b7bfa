import { randomBytes } from 'node:crypto';
import type { EventSignal } from '@tessera/store';
import { Redis, type RedisOptions } from 'ioredis';

export interface RelayLog {
  info(message: string): void;
  warn(message: string): void;
}

export interface RelayOptions {
  /** redis:// or rediss:// URL (may carry a password: never logged). */
  readonly url: string;
  /** Pub/sub channel shared by the processes of one database. */
  readonly channel: string;
  /** How the URL is shown in logs (password hidden). */
  readonly shownUrl: string;
  /** Longest wait between reconnection attempts (ms). */
  readonly maxRetryMs?: number;
}

const MAX_BASE_ID_LENGTH = 100;

/**
 * Carries the outbox's wake-up calls between Tessera processes through Redis pub/sub: news
 * from this process's writers (`origin: 'local'`) is published, news from the others is rung
 * here as `'remote'`. Only the base id travels; readers fetch the events from the database,
 * so a lost message delays news until the next poll and never loses an event. Redis being
 * away breaks nothing: publishing is skipped, readers poll, and the clients reconnect quietly
 * (one log line when it goes, one when it is back).
 */
export class RedisRelay {
  readonly #signal: EventSignal;
  readonly #options: RelayOptions;
  readonly #log: RelayLog;
  /** Tells this process's own messages apart, which Redis also delivers to it. */
  readonly #origin = randomBytes(8).toString('hex');
  #publisher: Redis | undefined;
  #subscriber: Redis | undefined;
  #subscribed = false;
  #state: 'starting' | 'up' | 'down' = 'starting';
  #stopSignal: (() => void) | undefined;
  #closing = false;

  constructor(signal: EventSignal, options: RelayOptions, log: RelayLog) {
    this.#signal = signal;
    this.#options = options;
    this.#log = log;
  }

  start(): void {
    const maxRetryMs = this.#options.maxRetryMs ?? 2000;
    const options: RedisOptions = {
      lazyConnect: true,
      // Commands fail at once while disconnected instead of queueing without bound.
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 5000,
      autoResubscribe: false,
      retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 10), maxRetryMs),
    };
    const publisher = new Redis(this.#options.url, options);
    const subscriber = new Redis(this.#options.url, options);
    this.#publisher = publisher;
    this.#subscriber = subscriber;
    publisher.on('error', (error) => this.#lost(error));
    subscriber.on('error', (error) => this.#lost(error));
    subscriber.on('close', () => {
      if (this.#subscribed) this.#lost(new Error('connection closed'));
      this.#subscribed = false;
    });
    subscriber.on('ready', () => {
      subscriber.subscribe(this.#options.channel).then(
        () => {
          this.#subscribed = true;
          this.#reached();
        },
        (error: Error) => this.#lost(error),
      );
    });
    publisher.on('ready', () => this.#reached());
    subscriber.on('message', (_channel, message) => this.#received(message));
    this.#stopSignal = this.#signal.subscribe((baseId, origin) => {
      if (origin !== 'local' || publisher.status !== 'ready') return;
      publisher
        .publish(this.#options.channel, `${this.#origin} ${baseId}`)
        .catch((error: Error) => this.#lost(error));
    });
    publisher.connect().catch((error: Error) => this.#lost(error));
    subscriber.connect().catch((error: Error) => this.#lost(error));
  }

  /** News from other processes arrives through Redis right now. */
  isUp(): boolean {
    return this.#subscribed && this.#subscriber?.status === 'ready' && this.#publisher?.status === 'ready';
  }

  close(): void {
    this.#closing = true;
    this.#stopSignal?.();
    this.#publisher?.disconnect();
    this.#subscriber?.disconnect();
  }

  #received(message: string): void {
    const space = message.indexOf(' ');
    if (space <= 0 || message.slice(0, space) === this.#origin) return;
    const baseId = message.slice(space + 1);
    if (baseId === '' || baseId.length > MAX_BASE_ID_LENGTH) return;
    this.#signal.appended(baseId, 'remote');
  }

  #reached(): void {
    if (this.#state === 'up' || !this.isUp()) return;
    this.#log.info(
      this.#state === 'down'
        ? 'Redis is reachable again: realtime news from other processes comes through it again'
        : `realtime: news from other processes comes through Redis at ${this.#options.shownUrl}`,
    );
    this.#state = 'up';
  }

  #lost(error: Error): void {
    if (this.#closing || this.#state === 'down') return;
    this.#state = 'down';
    this.#log.warn(
      `Redis at ${this.#options.shownUrl} is unreachable (${error.message}): realtime polls the database for other processes' writes until it is back`,
    );
  }
}
