import type { RecordEvent, TesseraStore } from '@tessera/store';
import { eventFrame } from './event-message.ts';
import type { Subscription } from './subscription.ts';

/** Someone waiting for a base's next event (the polling route's `wait`). */
interface Waiter {
  readonly after: number;
  /** True when an event came, false when the wait was released. */
  readonly done: (woken: boolean) => void;
}

export interface ChannelDeps {
  readonly store: TesseraStore;
  /** Events read per query. */
  readonly pageSize: number;
  /** A read failed (the database is away): reported once per failure streak. */
  readonly onReadError: (error: unknown) => void;
}

/**
 * A base's live feed in this process: reads the base's new events from the outbox once per
 * wake-up, whoever asked, and hands each to every live subscription, its frame built once.
 */
export class BaseChannel {
  readonly baseId: string;
  readonly subscriptions = new Set<Subscription>();
  /**
   * Every event up to here has been read and handed out. Unset until the first subscription
   * goes live or the first waiter arrives: with neither, nobody needs reads.
   */
  cursor: number | undefined;
  readonly #waiters = new Set<Waiter>();
  readonly #deps: ChannelDeps;
  #reading = false;
  #again = false;
  #failing = false;

  constructor(baseId: string, deps: ChannelDeps) {
    this.baseId = baseId;
    this.#deps = deps;
  }

  get idle(): boolean {
    return this.subscriptions.size === 0 && this.#waiters.size === 0;
  }

  /** New events may have been committed: read them (once, even if asked while reading). */
  wake(): void {
    if (this.cursor === undefined) return;
    if (this.#reading) {
      this.#again = true;
      return;
    }
    void this.#read();
  }

  /**
   * Calls `done(true)` once an event after `after` has been read (at once if one already
   * has); returns the function that ends the wait early with `done(false)`.
   */
  waitAfter(after: number, done: (woken: boolean) => void): () => void {
    if (this.cursor !== undefined && this.cursor > after) {
      done(true);
      return () => {};
    }
    // Nothing up to `after` is news to the caller, who has read that far.
    this.cursor ??= after;
    const waiter: Waiter = { after, done };
    this.#waiters.add(waiter);
    // An event committed between the caller's read and now rang no bell for this channel.
    this.wake();
    return () => {
      if (this.#waiters.delete(waiter)) done(false);
    };
  }

  /** Ends every wait now (shutdown). */
  releaseWaiters(): void {
    for (const waiter of this.#waiters) waiter.done(false);
    this.#waiters.clear();
  }

  async #read(): Promise<void> {
    this.#reading = true;
    try {
      do {
        this.#again = false;
        await this.#readNewEvents();
      } while (this.#again && !this.idle);
      this.#failing = false;
    } catch (error) {
      // The next wake-up or poll reads again from the same cursor: nothing is lost.
      if (!this.#failing) this.#deps.onReadError(error);
      this.#failing = true;
    } finally {
      this.#reading = false;
    }
  }

  async #readNewEvents(): Promise<void> {
    const { store, pageSize } = this.#deps;
    for (;;) {
      const cursor = this.cursor;
      if (cursor === undefined || this.idle) return;
      const events = await store.events.list({ baseId: this.baseId, after: cursor, limit: pageSize });
      if (events.length === 0) return;
      await this.#recheckAccess();
      this.#handOut(events);
      if (events.length < pageSize) return;
    }
  }

  /**
   * Sockets whose last access check of the base is too old check again before delivery;
   * those whose check is getting old start a new one without holding delivery up.
   */
  async #recheckAccess(): Promise<void> {
    const checks: Promise<boolean>[] = [];
    const seen = new Set<unknown>();
    for (const subscription of this.subscriptions) {
      const { sink } = subscription;
      if (!subscription.live || seen.has(sink)) continue;
      seen.add(sink);
      if (sink.accessIsFresh(this.baseId)) sink.refreshAccess(this.baseId);
      else checks.push(sink.ensureAccess(this.baseId));
    }
    await Promise.all(checks);
  }

  /** Synchronous, so no subscription can go live between handing out and moving the cursor. */
  #handOut(events: readonly RecordEvent[]): void {
    for (const event of events) {
      let frame: string | undefined;
      const shared = () => {
        frame ??= eventFrame(event);
        return frame;
      };
      for (const subscription of this.subscriptions) subscription.deliver(event, shared);
    }
    const last = events.at(-1)?.seq;
    if (last === undefined) return;
    this.cursor = last;
    for (const waiter of this.#waiters)
      if (waiter.after < last) {
        this.#waiters.delete(waiter);
        waiter.done(true);
      }
  }
}
