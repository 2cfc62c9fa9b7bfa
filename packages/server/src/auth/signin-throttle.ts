import type { FailureCounter, TesseraStore } from '@tessera/store';
import { timestampText } from '@tessera/store';
import type { FastifyReply } from 'fastify';
import {
  type AttemptLimits,
  countAttempt,
  EMAIL_RESET_LIMITS,
  EMAIL_SIGNIN_LIMITS,
  IP_RESET_LIMITS,
  IP_SIGNIN_LIMITS,
  secondsToWait,
  tooManyAttempts,
} from './attempt-limits.ts';
import { keyedLock } from './keyed-lock.ts';

/** What an attempt running under the throttle records once it knows how it went. */
export interface AttemptRecord {
  /** The counters after counting this attempt as failed (saved with the audit entry). */
  failed(): FailureCounter[];
  /** Keys a success clears: the e-mail's (never the address's, which others share). */
  readonly clearedBySuccess: readonly string[];
}

interface CountedKey {
  readonly key: string;
  readonly limits: AttemptLimits;
}

/** Stale counters are swept at most this often… */
const PRUNE_INTERVAL_MS = 10 * 60_000;
/** …once idle longer than every window and block above. */
const KEEP_IDLE_COUNTERS_MS = 2 * 60 * 60_000;

/**
 * Throttles sign-ins and password-reset requests, counted per e-mail and per client address in
 * tessera_signin_failures: refuses (429 with Retry-After) while a count says wait or is
 * blocked, and runs the attempts for one e-mail one at a time, so parallel guesses cannot slip
 * past the count.
 */
export function attemptThrottle(store: TesseraStore) {
  const lock = keyedLock();
  let prunedAt = 0;

  const standing = async (keys: readonly CountedKey[]) => {
    const now = Date.now();
    if (now - prunedAt >= PRUNE_INTERVAL_MS) {
      prunedAt = now;
      store.sessions.pruneFailureCounters(timestampText(now - KEEP_IDLE_COUNTERS_MS)).catch(() => {
        // Best effort: stale counters only take room.
      });
    }
    const counters = new Map(
      (await store.sessions.failureCounters(keys.map((k) => k.key))).map((c) => [c.key, c]),
    );
    return {
      waits: keys.map((k) => secondsToWait(counters.get(k.key), k.limits, now)),
      counted: () => {
        const at = Date.now();
        return keys.map((k) => countAttempt(counters.get(k.key), k.key, k.limits, at));
      },
    };
  };

  return {
    /**
     * Runs one attempt to prove the password of `email` from `ip` (a sign-in, or a password
     * change giving the current one) unless it must wait first.
     */
    password<T>(
      reply: FastifyReply,
      email: string,
      ip: string,
      attempt: (record: AttemptRecord) => Promise<T>,
    ): Promise<T> {
      const emailKey = `signin:email:${email}`;
      const keys = [
        { key: emailKey, limits: EMAIL_SIGNIN_LIMITS },
        { key: `signin:ip:${ip}`, limits: IP_SIGNIN_LIMITS },
      ];
      return lock(emailKey, async () => {
        const { waits, counted } = await standing(keys);
        const wait = Math.max(...waits);
        if (wait > 0) throw tooManyAttempts(reply, wait);
        return attempt({ failed: counted, clearedBySuccess: [emailKey] });
      });
    },
    /**
     * Counts a password-reset request. Over the address's limit it refuses (429); over the
     * e-mail's it answers false, so the caller sends nothing yet replies as usual (the reply
     * must not tell whether the account exists).
     */
    resetRequest(reply: FastifyReply, email: string, ip: string): Promise<boolean> {
      const emailKey = `reset:email:${email}`;
      const keys = [
        { key: emailKey, limits: EMAIL_RESET_LIMITS },
        { key: `reset:ip:${ip}`, limits: IP_RESET_LIMITS },
      ];
      return lock(emailKey, async () => {
        const { waits, counted } = await standing(keys);
        const [emailWait = 0, ipWait = 0] = waits;
        if (ipWait > 0) throw tooManyAttempts(reply, ipWait);
        await store.sessions.saveFailureCounters(counted());
        return emailWait === 0;
      });
    },
  };
}

export type AttemptThrottle = ReturnType<typeof attemptThrottle>;
