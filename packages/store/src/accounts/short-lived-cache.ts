/**
 * Remembers lookups made on every request (a token by its hash, a user by id, a membership)
 * for a moment. Writes through the owning store clear it at once; other processes sharing the
 * database see a change within `ttlMs`.
 */
export class ShortLivedCache<V> {
  readonly #entries = new Map<string, { value: V; until: number }>();
  readonly #ttlMs: number;
  readonly #maxEntries: number;

  constructor(ttlMs: number, maxEntries = 10_000) {
    this.#ttlMs = ttlMs;
    this.#maxEntries = maxEntries;
  }

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const now = Date.now();
    const hit = this.#entries.get(key);
    if (hit && hit.until > now) return hit.value;
    const value = await load();
    if (this.#entries.size >= this.#maxEntries) this.#entries.clear();
    this.#entries.set(key, { value, until: now + this.#ttlMs });
    return value;
  }

  clear(): void {
    this.#entries.clear();
  }

  /** Runs a write, then forgets every entry once it has committed (or failed). */
  async clearAfter<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } finally {
      this.clear();
    }
  }
}

/** How long per-request account lookups are reused (see ShortLivedCache). */
export const ACCOUNT_LOOKUP_TTL_MS = 1000;
