import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { type AuditEntry, appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { canonicalDateTime } from '../dialect/canonical-values.ts';
import { nowText } from '../meta/meta-rows.ts';
import type { MetaTables } from '../meta/meta-tables.ts';
import type { Executor, StoreContext } from '../store-context.ts';

/** An instant (epoch ms) as the canonical UTC text every stored timestamp has. */
export function timestampText(ms: number): string {
  return canonicalDateTime(new Date(ms));
}

/** Canonical UTC text (`2026-01-31 09:30:00+00:00`) → epoch ms. */
export function timestampMs(text: string): number {
  return Date.parse(text.replace(' ', 'T'));
}

/** A hashed single-use secret handed to a user: a refresh token or a password-reset link. */
export interface SessionSecret {
  readonly userId: string;
  /** SHA-256 (hex) of the secret; the secret itself is never stored. */
  readonly tokenHash: string;
  readonly expiresAt: string;
}

/** What presenting a refresh token led to. */
export type RefreshOutcome =
  /**
   * A successor was stored, in the same family. `forked`: the token had been rotated moments
   * before (within the grace period), by another tab of the same browser refreshing at once.
   */
  | { readonly kind: 'rotated'; readonly userId: string; readonly forked: boolean }
  /** Used before the grace period: it was stolen or replayed, so every refresh token of the user was revoked. */
  | { readonly kind: 'reused'; readonly userId: string }
  | { readonly kind: 'expired' }
  | { readonly kind: 'unknown' };

/** Failed sign-ins counted under one key (an e-mail or a client address). */
export interface FailureCounter {
  readonly key: string;
  readonly failures: number;
  readonly firstFailedAt: string;
  readonly lastFailedAt: string;
  readonly blockedUntil: string | null;
}

export interface SessionStore {
  /** Records a successful sign-in: last sign-in time, a new refresh token, the audit entry. */
  recordSignin(
    refresh: SessionSecret,
    change: ChangeContext,
    clearFailureKeys: readonly string[],
  ): Promise<void>;
  /**
   * Records a failed attempt to prove a password (`user.signin_failed`, or a wrong current
   * password): the counters as they now stand and the audit entry, in one transaction.
   */
  recordFailedAttempt(
    counters: readonly FailureCounter[],
    change: ChangeContext,
    entry: AuditEntry,
  ): Promise<void>;
  /** The counters kept under these keys (missing keys have none). */
  failureCounters(keys: readonly string[]): Promise<FailureCounter[]>;
  /** Saves counters as given (for limits that count every request, not only failures). */
  saveFailureCounters(counters: readonly FailureCounter[]): Promise<void>;
  /** Drops counters whose window and block both ended before `before`. */
  pruneFailureCounters(before: string): Promise<void>;

  /** Stores the first refresh token of a new session (its own family). */
  issueRefreshToken(refresh: SessionSecret): Promise<void>;
  /**
   * Uses a refresh token once and stores its successor in the token's family. Presenting a
   * used token again within `graceMs` of its first use stores another successor (two tabs
   * refreshing with one cookie); later, it revokes every refresh token of its user (the token
   * was copied).
   */
  rotateRefreshToken(
    tokenHash: string,
    next: Omit<SessionSecret, 'userId'>,
    graceMs: number,
  ): Promise<RefreshOutcome>;
  /** Ends the token's session: the token and every token of its family. */
  revokeRefreshToken(tokenHash: string): Promise<void>;

  createPasswordReset(reset: SessionSecret): Promise<void>;
  /** The user a live (unused, unexpired) reset secret belongs to, or why it is not live. */
  checkPasswordReset(tokenHash: string): Promise<{ userId: string } | 'expired' | 'unknown'>;
  /**
   * Uses up a live reset secret in the caller's transaction (the one setting the password);
   * false when it is unknown, used or expired, so a link works exactly once.
   */
  usePasswordReset(executor: Executor, tokenHash: string): Promise<boolean>;
  /**
   * Ends every session of the user in the caller's transaction: refresh tokens revoked, pending
   * reset links used up (with a new password, which also bumps the JWT version).
   */
  endSessions(executor: Executor, userId: string): Promise<void>;
}

type FailureRow = Selectable<MetaTables['tessera_signin_failures']>;

function counterFromRow(row: FailureRow): FailureCounter {
  return {
    key: row.key,
    failures: Number(row.failures),
    firstFailedAt: row.first_failed_at,
    lastFailedAt: row.last_failed_at,
    blockedUntil: row.blocked_until,
  };
}

async function saveCounters(executor: Executor, counters: readonly FailureCounter[]): Promise<void> {
  for (const counter of counters) {
    const row = {
      failures: counter.failures,
      first_failed_at: counter.firstFailedAt,
      last_failed_at: counter.lastFailedAt,
      blocked_until: counter.blockedUntil,
    };
    await executor
      .insertInto('tessera_signin_failures')
      .values({ key: counter.key, ...row })
      .onConflict((conflict) => conflict.column('key').doUpdateSet(row))
      .execute();
  }
}

/**
 * Stores a new secret, dropping the table's expired ones (of no use, not even to spot a
 * replay). A refresh token also names its family (`familyId`).
 */
async function insertSecret(
  executor: Executor,
  table: 'tessera_refresh_tokens' | 'tessera_password_resets',
  secret: SessionSecret,
  familyId?: string,
): Promise<void> {
  const now = nowText();
  await executor.deleteFrom(table).where('expires_at', '<', now).execute();
  await executor
    .insertInto(table)
    .values({
      token_hash: secret.tokenHash,
      user_id: secret.userId,
      created_at: now,
      expires_at: secret.expiresAt,
      used_at: null,
      ...(familyId === undefined ? {} : { family_id: familyId }),
    })
    .execute();
}

/** A refresh token in its family: tokens issued before families had none and are their own. */
function familyOf(row: { token_hash: string; family_id: string | null }): string {
  return row.family_id ?? row.token_hash;
}

export function sessionStore({ db }: StoreContext): SessionStore {
  /** Stores a refresh token in a family; without one it starts a family (a new session). */
  const insertRefresh = (executor: Executor, refresh: SessionSecret, familyId: string = randomUUID()) =>
    insertSecret(executor, 'tessera_refresh_tokens', refresh, familyId);

  return {
    async recordSignin(refresh, change, clearFailureKeys) {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('tessera_users')
          .set({ last_signin_at: nowText() })
          .where('id', '=', refresh.userId)
          .execute();
        if (clearFailureKeys.length > 0)
          await trx.deleteFrom('tessera_signin_failures').where('key', 'in', clearFailureKeys).execute();
        await insertRefresh(trx, refresh);
        await appendAudit(trx, change, [{ action: 'user.signin', targetId: refresh.userId }]);
      });
    },
    async recordFailedAttempt(counters, change, entry) {
      await db.transaction().execute(async (trx) => {
        await saveCounters(trx, counters);
        await appendAudit(trx, change, [entry]);
      });
    },
    async failureCounters(keys) {
      if (keys.length === 0) return [];
      const rows = await db
        .selectFrom('tessera_signin_failures')
        .selectAll()
        .where('key', 'in', keys)
        .execute();
      return rows.map(counterFromRow);
    },
    async saveFailureCounters(counters) {
      await db.transaction().execute((trx) => saveCounters(trx, counters));
    },
    async pruneFailureCounters(before) {
      await db
        .deleteFrom('tessera_signin_failures')
        .where('last_failed_at', '<', before)
        .where((eb) => eb.or([eb('blocked_until', 'is', null), eb('blocked_until', '<', before)]))
        .execute();
    },

    async issueRefreshToken(refresh) {
      await db.transaction().execute((trx) => insertRefresh(trx, refresh));
    },
    async rotateRefreshToken(tokenHash, next, graceMs) {
      return db.transaction().execute(async (trx): Promise<RefreshOutcome> => {
        const read = () =>
          trx
            .selectFrom('tessera_refresh_tokens')
            .selectAll()
            .where('token_hash', '=', tokenHash)
            .executeTakeFirst();
        const row = await read();
        if (!row) return { kind: 'unknown' };
        const now = nowText();
        if (row.expires_at <= now) return { kind: 'expired' };
        const successor = { ...next, userId: row.user_id };
        // Marking it used only if still unused makes two concurrent rotations yield one winner.
        const used =
          row.used_at === null
            ? await trx
                .updateTable('tessera_refresh_tokens')
                .set({ used_at: now })
                .where('token_hash', '=', tokenHash)
                .where('used_at', 'is', null)
                .executeTakeFirst()
            : undefined;
        if (used !== undefined && Number(used.numUpdatedRows) === 1) {
          await insertRefresh(trx, successor, familyOf(row));
          return { kind: 'rotated', userId: row.user_id, forked: false };
        }
        // Used already: by the other tab a moment ago (read again: it may have just committed), or replayed.
        const usedAt = row.used_at ?? (await read())?.used_at ?? null;
        if (usedAt !== null && timestampMs(usedAt) > Date.now() - graceMs) {
          await insertRefresh(trx, successor, familyOf(row));
          return { kind: 'rotated', userId: row.user_id, forked: true };
        }
        await trx.deleteFrom('tessera_refresh_tokens').where('user_id', '=', row.user_id).execute();
        return { kind: 'reused', userId: row.user_id };
      });
    },
    async revokeRefreshToken(tokenHash) {
      await db.transaction().execute(async (trx) => {
        const row = await trx
          .selectFrom('tessera_refresh_tokens')
          .select(['token_hash', 'family_id'])
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst();
        if (!row) return;
        await trx
          .deleteFrom('tessera_refresh_tokens')
          .where((eb) => eb.or([eb('token_hash', '=', tokenHash), eb('family_id', '=', familyOf(row))]))
          .execute();
      });
    },

    async createPasswordReset(reset) {
      await db.transaction().execute((trx) => insertSecret(trx, 'tessera_password_resets', reset));
    },
    async checkPasswordReset(tokenHash) {
      const row = await db
        .selectFrom('tessera_password_resets')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .executeTakeFirst();
      if (!row) return 'unknown';
      return row.expires_at <= nowText() ? 'expired' : { userId: row.user_id };
    },
    async usePasswordReset(executor, tokenHash) {
      const now = nowText();
      const used = await executor
        .updateTable('tessera_password_resets')
        .set({ used_at: now })
        .where('token_hash', '=', tokenHash)
        .where('used_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return Number(used.numUpdatedRows) === 1;
    },
    async endSessions(executor, userId) {
      await executor.deleteFrom('tessera_refresh_tokens').where('user_id', '=', userId).execute();
      await executor
        .updateTable('tessera_password_resets')
        .set({ used_at: nowText() })
        .where('user_id', '=', userId)
        .where('used_at', 'is', null)
        .execute();
    },
  };
}
