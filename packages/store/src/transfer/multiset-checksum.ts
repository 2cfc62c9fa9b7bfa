import { createHash } from 'node:crypto';

const MODULUS_MASK = (1n << 256n) - 1n;

/**
 * A checksum of a multiset of texts (table rows, files) that does not depend on their order:
 * the SHA-256 of each text, summed modulo 2^256, hashed once more together with the count.
 * Two databases that return the same rows in different orders (text collation differs
 * between SQLite and PostgreSQL) get the same checksum; a changed, missing or extra row
 * changes it.
 */
export class MultisetChecksum {
  #sum = 0n;
  #count = 0;

  add(text: string): void {
    const digest = createHash('sha256').update(text).digest('hex');
    this.#sum = (this.#sum + BigInt(`0x${digest}`)) & MODULUS_MASK;
    this.#count += 1;
  }

  get count(): number {
    return this.#count;
  }

  digest(): string {
    return createHash('sha256')
      .update(`${this.#count}:${this.#sum.toString(16)}`)
      .digest('hex');
  }
}
