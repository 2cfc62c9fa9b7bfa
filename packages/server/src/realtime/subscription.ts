import type { RecordEvent } from '@tessera/store';
import type { SubscriptionKey } from './realtime-protocol.ts';

/** Where a subscription's events go: its socket. */
export interface EventSink {
  /** Sends a frame at once; false when the socket is gone (or was just closed as too slow). */
  send(frame: string): boolean;
  /** Sends a frame, first waiting while the socket has much unsent; false when it is gone. */
  sendPaced(frame: string): Promise<boolean>;
  /** Checks the caller may still read the base (closing the socket if not); true when so. */
  ensureAccess(baseId: string): Promise<boolean>;
  /** The last check of the base is recent: delivery need not wait for a new one. */
  accessIsFresh(baseId: string): boolean;
  /** Starts a new check in the background when the last one is getting old (closing on loss). */
  refreshAccess(baseId: string): void;
  /** Reports a failure of the subscription, which has ended. */
  failed(subscription: Subscription, error: unknown): void;
}

/**
 * One socket's interest in a base (or one table of it). It first catches up from the outbox
 * after its cursor, then goes live and gets the events the hub reads for the base; the cursor
 * keeps the seam free of gaps and duplicates: an event is handled only when newer than it.
 */
export class Subscription implements SubscriptionKey {
  readonly baseId: string;
  readonly tableId: string | null;
  readonly sink: EventSink;
  /** Every event up to this seq has been handled (sent, or skipped as another table's). */
  cursor: number;
  /** Caught up: the hub's reads now feed it. */
  live = false;
  /** False once unsubscribed or its socket closed. */
  active = true;

  constructor(key: SubscriptionKey, sink: EventSink, cursor: number) {
    this.baseId = key.baseId;
    this.tableId = key.tableId;
    this.sink = sink;
    this.cursor = cursor;
  }

  matches(event: RecordEvent): boolean {
    return this.tableId === null || event.tableId === this.tableId;
  }

  /** Live delivery of an event the hub read; `frame` is shared by every subscription. */
  deliver(event: RecordEvent, frame: () => string): void {
    if (!this.active || !this.live || event.seq <= this.cursor) return;
    this.cursor = event.seq;
    if (this.matches(event)) this.sink.send(frame());
  }
}

export function subscriptionKeyText(key: SubscriptionKey): string {
  return `${key.baseId}\u0000${key.tableId ?? ''}`;
}
