/** Called with the base whose outbox just received committed events. */
export type EventListener = (baseId: string) => void;

/**
 * In-process wake-up call for outbox readers (webhook dispatcher, realtime hub): writers signal
 * after their transaction commits; listeners then read the outbox after their own cursor. The
 * signal carries no data, so a missed or doubled call costs a read at most, never an event.
 */
export class EventSignal {
  readonly #listeners = new Set<EventListener>();

  /** Registers a listener; returns the function that removes it. */
  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Tells every listener that `baseId` has new committed events. Listener errors are not the writer's. */
  appended(baseId: string): void {
    for (const listener of this.#listeners) {
      try {
        listener(baseId);
      } catch {}
    }
  }
}
