/** Capped exponential back-off: the first wait, doubling up to the cap. */
export interface BackoffOptions {
  readonly initialMs: number;
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

/** Back-off capped at `maxMs`, starting at 0.5 s or at the cap when that is smaller. */
export function backoffWithCap(maxMs: number): BackoffOptions {
  return { initialMs: Math.min(DEFAULT_BACKOFF.initialMs, maxMs), maxMs };
}

/**
 * Wait before retry number `attempt` (1 = the first retry): `initialMs · 2^(attempt-1)`, capped
 * at `maxMs`, then jittered to between half and all of that, so many processes that lost the
 * same database do not all come back at the same instant.
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 52));
  const ceiling = Math.min(options.maxMs, options.initialMs * 2 ** exponent);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
