import { createHmac, randomBytes } from 'node:crypto';
import { TesseraError } from '@tessera/core';
import type { TesseraStore, ViewShare } from '@tessera/store';
import type { FastifyReply } from 'fastify';
import { type AttemptLimits, countAttempt, secondsToWait, tooManyAttempts } from '../auth/attempt-limits.ts';
import { keyedLock } from '../auth/keyed-lock.ts';
import { verifyPassword } from '../auth/passwords.ts';

/** Wrong passwords for one shared view from one client address. */
export const SHARE_PASSWORD_LIMITS: AttemptLimits = Object.freeze({
  slowAfter: 5,
  blockAfter: 20,
  baseDelaySeconds: 2,
  windowSeconds: 15 * 60,
  blockSeconds: 15 * 60,
});

/** Form submissions to one shared form from one client address (every submission counts). */
export const FORM_SUBMIT_LIMITS: AttemptLimits = Object.freeze({
  slowAfter: 30,
  blockAfter: 120,
  baseDelaySeconds: 1,
  windowSeconds: 10 * 60,
  blockSeconds: 10 * 60,
});

/** A password proven right is not checked with argon2 again for this long… */
const VERIFIED_FOR_MS = 15 * 60_000;
/** …and at most this many such proofs are remembered (oldest dropped first). */
const MAX_VERIFIED = 5_000;

function wrongPassword(given: boolean): TesseraError {
  return new TesseraError(
    'ERR_SHARED_VIEW_PASSWORD',
    given ? 'Invalid password' : 'This shared view needs a password (header xc-password)',
  );
}

/**
 * Guards shared views' passwords and forms' submissions, counting in tessera_signin_failures
 * like sign-in does (attempt-limits.ts): wrong passwords per view and client address slow down
 * and then block (429 with Retry-After), and so do floods of submissions. A right password is
 * remembered for a while (as an HMAC under a key of this process, never the password), so a
 * page of rows does not cost an argon2 check.
 */
export function shareThrottle(store: TesseraStore) {
  const lock = keyedLock();
  const proofKey = randomBytes(32);
  const verified = new Map<string, number>();

  const proofOf = (share: ViewShare, password: string) =>
    createHmac('sha256', proofKey)
      .update(`${share.viewId}\u0000${share.passwordHash}\u0000${password}`)
      .digest('base64url');

  const remember = (proof: string) => {
    verified.delete(proof);
    verified.set(proof, Date.now() + VERIFIED_FOR_MS);
    if (verified.size > MAX_VERIFIED) {
      const oldest = verified.keys().next().value;
      if (oldest !== undefined) verified.delete(oldest);
    }
  };

  const counterOf = async (key: string) => (await store.sessions.failureCounters([key]))[0];

  return {
    /** Passes when the share has no password or `password` is its password; else 403 (or 429). */
    async checkPassword(
      reply: FastifyReply,
      share: ViewShare,
      password: string | undefined,
      ip: string,
    ): Promise<void> {
      const hash = share.passwordHash;
      if (hash === null) return;
      if (password === undefined || password === '') throw wrongPassword(false);
      const proof = proofOf(share, password);
      if ((verified.get(proof) ?? 0) > Date.now()) return;
      const key = `share-password:${share.viewId}:${ip}`;
      await lock(key, async () => {
        const counter = await counterOf(key);
        const wait = secondsToWait(counter, SHARE_PASSWORD_LIMITS, Date.now());
        if (wait > 0) throw tooManyAttempts(reply, wait);
        if (await verifyPassword(hash, password)) {
          remember(proof);
          return;
        }
        await store.sessions.saveFailureCounters([
          countAttempt(counter, key, SHARE_PASSWORD_LIMITS, Date.now()),
        ]);
        throw wrongPassword(true);
      });
    },

    /** Counts one submission to a shared form; 429 while the address must wait. */
    async countSubmission(reply: FastifyReply, share: ViewShare, ip: string): Promise<void> {
      const key = `share-submit:${share.viewId}:${ip}`;
      await lock(key, async () => {
        const counter = await counterOf(key);
        const wait = secondsToWait(counter, FORM_SUBMIT_LIMITS, Date.now());
        if (wait > 0) throw tooManyAttempts(reply, wait);
        await store.sessions.saveFailureCounters([
          countAttempt(counter, key, FORM_SUBMIT_LIMITS, Date.now()),
        ]);
      });
    },
  };
}

export type ShareThrottle = ReturnType<typeof shareThrottle>;
