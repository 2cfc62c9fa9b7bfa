/** How many filtered totals are remembered (least recently used are dropped first). */
const MAX_ENTRIES = 1000;

/**
 * Exact row counts of filtered queries, valid while the table's data version is unchanged.
 * Every record write bumps the version in the same transaction, so a remembered total is
 * never stale: a list page pays for COUNT(*) only after the table changed.
 */
export class TotalsCache {
  readonly #entries = new Map<string, { version: number; total: number }>();

  get(key: string, version: number): number | undefined {
    const entry = this.#entries.get(key);
    if (!entry || entry.version !== version) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.total;
  }

  set(key: string, version: number, total: number): void {
    this.#entries.delete(key);
    this.#entries.set(key, { version, total });
    if (this.#entries.size > MAX_ENTRIES) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
  }
}
