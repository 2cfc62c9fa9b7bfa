import { isUserEmailRef } from '@tessera/core';
import type { Kysely } from 'kysely';
import type { AnyTables } from '../store-context.ts';

/** A user as User, CreatedBy and LastModifiedBy values answer them (NocoDB's shape). */
export interface UserSummary {
  readonly id: string;
  readonly email: string;
  readonly display_name: string | null;
}

/** How long a user found stays cached; one not found, much shorter (it may sign up any moment). */
const FOUND_TTL_MS = 10_000;
const MISSING_TTL_MS = 1_000;
const MAX_ENTRIES = 20_000;
/** Ids and e-mails per query, far below both databases' parameter limits. */
const REFS_PER_QUERY = 5_000;

/** "First Last" from an account's names, or null when it has none. */
export function displayName(firstname: string | null, lastname: string | null): string | null {
  const name = [firstname, lastname].filter((part) => part !== null && part !== '').join(' ');
  return name === '' ? null : name;
}

/**
 * Instance users by id or (lower-case) e-mail, for rendering and checking user values. A
 * lookup asks the database once for every reference it has not seen lately, so a page of
 * records costs at most one query, and usually none. Renames show within FOUND_TTL_MS.
 */
export class UserDirectory {
  readonly #db: Kysely<AnyTables>;
  readonly #entries = new Map<string, { user: UserSummary | null; until: number }>();

  constructor(db: Kysely<AnyTables>) {
    this.#db = db;
  }

  /** Finds every reference (id or e-mail); the answer maps each to its user, or undefined. */
  async lookup(refs: Iterable<string>): Promise<(ref: string) => UserSummary | undefined> {
    const now = Date.now();
    const wanted = new Set<string>();
    for (const ref of refs) {
      const key = isUserEmailRef(ref) ? ref.toLowerCase() : ref;
      const hit = this.#entries.get(key);
      if (!hit || hit.until <= now) wanted.add(key);
    }
    if (wanted.size > 0) await this.#load([...wanted], now);
    return (ref) => this.#entries.get(isUserEmailRef(ref) ? ref.toLowerCase() : ref)?.user ?? undefined;
  }

  /** Forgets everything (after a user changes through this process). */
  clear(): void {
    this.#entries.clear();
  }

  async #load(keys: readonly string[], now: number): Promise<void> {
    if (this.#entries.size + keys.length > MAX_ENTRIES) this.#entries.clear();
    for (let start = 0; start < keys.length; start += REFS_PER_QUERY) {
      const chunk = keys.slice(start, start + REFS_PER_QUERY);
      const emails = chunk.filter(isUserEmailRef);
      const ids = chunk.filter((key) => !isUserEmailRef(key));
      const rows = await this.#db
        .selectFrom('tessera_users')
        .select(['id', 'email', 'firstname', 'lastname'])
        .where((eb) =>
          eb.or([
            ...(ids.length > 0 ? [eb('id', 'in', ids)] : []),
            ...(emails.length > 0 ? [eb('email', 'in', emails)] : []),
          ]),
        )
        .execute();
      for (const key of chunk) this.#entries.set(key, { user: null, until: now + MISSING_TTL_MS });
      for (const row of rows) {
        const user = { id: row.id, email: row.email, display_name: displayName(row.firstname, row.lastname) };
        const entry = { user, until: now + FOUND_TTL_MS };
        this.#entries.set(row.id, entry);
        this.#entries.set(row.email.toLowerCase(), entry);
      }
    }
  }
}
