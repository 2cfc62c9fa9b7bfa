import type { DeliveryStatus } from '@tessera/store';
import type { SendResult } from './webhook-sender.ts';

/** How retries are spaced and when they stop (see webhook-config.ts). */
export interface RetrySettings {
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

/** Each wait is this many times the one before. */
const GROWTH = 3;
/** Each wait is the computed one ±20 %, so failed deliveries do not return in lockstep. */
const JITTER = 0.2;

/**
 * Client errors worth another try: 404 (n8n answers it while its workflow is inactive or
 * restarting), 408 (request timeout), 425 (too early) and 429 (rate limited).
 */
const RETRIED_CLIENT_ERRORS = new Set([404, 408, 425, 429]);

/**
 * `succeeded` for a 2xx answer; `retry` for no answer (network error, timeout), 5xx and the
 * client errors above; `final` for other answers (redirects are not followed; a 400, 401,
 * 403, 410, 422… will not change by sending the same body again) and refused targets.
 */
export function verdictOf(result: SendResult): 'succeeded' | 'retry' | 'final' {
  if (result.refused) return 'final';
  const code = result.statusCode;
  if (code === null || code >= 500 || RETRIED_CLIENT_ERRORS.has(code)) return 'retry';
  return code >= 200 && code < 300 ? 'succeeded' : 'final';
}

/** The wait after failed attempt number `attempt` (1-based), never below a Retry-After. */
export function retryDelayMs(
  attempt: number,
  settings: RetrySettings,
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number {
  const exponential = settings.retryBaseMs * GROWTH ** Math.max(0, attempt - 1);
  const jittered = Math.min(settings.retryMaxMs, exponential) * (1 - JITTER + 2 * JITTER * random());
  return Math.round(Math.min(settings.retryMaxMs, Math.max(jittered, retryAfterMs ?? 0)));
}

/** What a delivery becomes after attempt number `attempt` got `result`. */
export function nextState(
  result: SendResult,
  attempt: number,
  settings: RetrySettings,
  now: number,
): { status: DeliveryStatus; nextAttemptAt: number } {
  const verdict = verdictOf(result);
  if (verdict === 'succeeded') return { status: 'succeeded', nextAttemptAt: now };
  if (verdict === 'final' || attempt >= settings.maxAttempts) return { status: 'dead', nextAttemptAt: now };
  return {
    status: 'failed-retrying',
    nextAttemptAt: now + retryDelayMs(attempt, settings, result.retryAfterMs),
  };
}
