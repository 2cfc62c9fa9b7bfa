import { TesseraError } from '@tessera/core';
import { type FailureCounter, timestampMs, timestampText } from '@tessera/store';
import type { FastifyReply } from 'fastify';

/**
 * How attempts counted under one key slow down and then stop: within `windowSeconds` of the
 * first counted attempt, from the `slowAfter`-th on each further attempt must wait
 * `baseDelaySeconds`, doubling each time; the `blockAfter`-th blocks the key for
 * `blockSeconds`, whatever is tried (the right password included).
 */
export interface AttemptLimits {
  readonly slowAfter: number;
  readonly blockAfter: number;
  readonly baseDelaySeconds: number;
  readonly windowSeconds: number;
  readonly blockSeconds: number;
}

/** Failed sign-ins (and wrong current passwords) per account e-mail. */
export const EMAIL_SIGNIN_LIMITS: AttemptLimits = Object.freeze({
  slowAfter: 5,
  blockAfter: 10,
  baseDelaySeconds: 2,
  windowSeconds: 15 * 60,
  blockSeconds: 15 * 60,
});

/** Failed sign-ins per client address: looser, as many people may share one address. */
export const IP_SIGNIN_LIMITS: AttemptLimits = Object.freeze({
  slowAfter: 20,
  blockAfter: 50,
  baseDelaySeconds: 2,
  windowSeconds: 15 * 60,
  blockSeconds: 15 * 60,
});

/** Password-reset requests per e-mail (over the limit no mail is sent; the reply is the same). */
export const EMAIL_RESET_LIMITS: AttemptLimits = Object.freeze({
  slowAfter: 3,
  blockAfter: 5,
  baseDelaySeconds: 60,
  windowSeconds: 60 * 60,
  blockSeconds: 60 * 60,
});

/** Password-reset requests per client address. */
export const IP_RESET_LIMITS: AttemptLimits = Object.freeze({
  slowAfter: 10,
  blockAfter: 30,
  baseDelaySeconds: 2,
  windowSeconds: 60 * 60,
  blockSeconds: 60 * 60,
});

function inWindow(counter: FailureCounter, limits: AttemptLimits, now: number): boolean {
  return now - timestampMs(counter.firstFailedAt) < limits.windowSeconds * 1000;
}

/** Seconds to wait before the next attempt under this counter; 0 when it may go ahead now. */
export function secondsToWait(
  counter: FailureCounter | undefined,
  limits: AttemptLimits,
  now: number,
): number {
  if (counter === undefined) return 0;
  if (counter.blockedUntil !== null) {
    const blockedFor = timestampMs(counter.blockedUntil) - now;
    if (blockedFor > 0) return Math.ceil(blockedFor / 1000);
  }
  if (!inWindow(counter, limits, now) || counter.failures < limits.slowAfter) return 0;
  const delay = Math.min(
    limits.baseDelaySeconds * 2 ** (counter.failures - limits.slowAfter),
    limits.blockSeconds,
  );
  const waited = now - timestampMs(counter.lastFailedAt);
  return Math.max(0, Math.ceil((delay * 1000 - waited) / 1000));
}

/** The counter once one more attempt is counted at `now` (a new window when the last ended). */
export function countAttempt(
  counter: FailureCounter | undefined,
  key: string,
  limits: AttemptLimits,
  now: number,
): FailureCounter {
  const at = timestampText(now);
  const blocked = counter?.blockedUntil != null && timestampMs(counter.blockedUntil) > now;
  const fresh = counter === undefined || (!blocked && !inWindow(counter, limits, now));
  const failures = fresh ? 1 : counter.failures + 1;
  return {
    key,
    failures,
    firstFailedAt: fresh ? at : counter.firstFailedAt,
    lastFailedAt: at,
    blockedUntil:
      failures >= limits.blockAfter
        ? timestampText(now + limits.blockSeconds * 1000)
        : fresh
          ? null
          : counter.blockedUntil,
  };
}

/** Refuses with 429 ERR_TOO_MANY_ATTEMPTS and a Retry-After header. */
export function tooManyAttempts(reply: FastifyReply, seconds: number): TesseraError {
  reply.header('retry-after', String(seconds));
  return new TesseraError(
    'ERR_TOO_MANY_ATTEMPTS',
    `Too many attempts; try again in ${seconds} second${seconds === 1 ? '' : 's'}`,
    { retryAfterSeconds: seconds },
  );
}
