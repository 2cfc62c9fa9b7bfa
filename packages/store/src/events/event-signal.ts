/**
 * Where news of committed events came from: this process's writers, or another process
 * (relayed, e.g. through Redis pub/sub). Relays forward only local news, so nothing loops.
 */
export type EventOrigin = 'local' | 'remote';

/** Called with the base whose outbox just received committed events. */
export type EventListener = (baseId: string, origin: EventOrigin) => void;

/**
 * Wake-up call for outbox readers (webhook dispatcher, realtime hub): writers ring it after
 * their transaction commits; listeners then read the outbox after their own cursor. It carries
 * no data, so a missed or doubled call costs a read at most, never an event.
 */
export class EventSignal {
  readonly #listeners = new Set<EventListener>();

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Tells every listener that `baseId` has new committed events. A listener that throws is
   * skipped: its failure is not the writer's, whose change is already committed.
   */
  appended(baseId: string, origin: EventOrigin = 'local'): void {
    for (const listener of this.#listeners) {
      try {
        listener(baseId, origin);
      } catch {}
    }
  }
}
