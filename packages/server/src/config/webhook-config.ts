/**
 * Webhook delivery settings, read with the rest of the configuration:
 *
 * | Variable                          | Default                                         |
 * | --------------------------------- | ----------------------------------------------- |
 * | TESSERA_WEBHOOKS                  | `on`: this process sends webhooks (`off`: not)   |
 * | TESSERA_WEBHOOK_MAX_ATTEMPTS      | 10 (1..100): then the delivery is dead           |
 * | TESSERA_WEBHOOK_RETRY_BASE_MS     | 10000 (10..3600000): first wait; ×3 per attempt  |
 * | TESSERA_WEBHOOK_RETRY_MAX_MS      | 86400000 (10..604800000): longest single wait    |
 * | TESSERA_WEBHOOK_TIMEOUT_MS        | 10000 (100..300000): whole request, connect to body |
 * | TESSERA_WEBHOOK_PRIVATE_TARGETS   | `allow` (`deny`: refuse private/loopback targets) |
 * | TESSERA_WEBHOOK_POLL_MS           | 1000 (10..60000): how often the outbox is checked |
 * | TESSERA_WEBHOOK_CONCURRENCY       | 8 (1..256): sends in flight per process          |
 * | TESSERA_WEBHOOK_LOG_DAYS          | 30 (1..3650): finished deliveries kept           |
 *
 * With the defaults a failing delivery is tried 10 times over about 27 hours (waits of 10 s,
 * 30 s, 90 s, … 18 h, each ±20 %). Cloud metadata addresses are refused whatever the setting.
 */
export interface WebhookConfig {
  readonly enabled: boolean;
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  readonly timeoutMs: number;
  readonly privateTargets: 'allow' | 'deny';
  readonly pollMs: number;
  readonly concurrency: number;
  readonly logRetentionDays: number;
}

export const WEBHOOK_DEFAULTS: WebhookConfig = Object.freeze({
  enabled: true,
  maxAttempts: 10,
  retryBaseMs: 10_000,
  retryMaxMs: 86_400_000,
  timeoutMs: 10_000,
  privateTargets: 'allow',
  pollMs: 1000,
  concurrency: 8,
  logRetentionDays: 30,
});

/** Reads the webhook settings; pushes one sentence per problem. */
export function loadWebhookConfig(
  read: (name: string) => string | undefined,
  problems: string[],
): WebhookConfig {
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    problems.push(
      `${name} must be an integer from ${min} to ${max} (got ${JSON.stringify(raw.slice(0, 40))})`,
    );
    return fallback;
  };
  const choice = <T extends string>(name: string, options: readonly T[], fallback: T): T => {
    const raw = read(name)?.toLowerCase();
    if (raw === undefined) return fallback;
    const found = options.find((option) => option === raw);
    if (found !== undefined) return found;
    problems.push(`${name} must be one of ${options.join(', ')} (got ${JSON.stringify(raw.slice(0, 40))})`);
    return fallback;
  };
  const d = WEBHOOK_DEFAULTS;
  return Object.freeze({
    enabled: choice('TESSERA_WEBHOOKS', ['on', 'off'], 'on') === 'on',
    maxAttempts: integer('TESSERA_WEBHOOK_MAX_ATTEMPTS', d.maxAttempts, 1, 100),
    retryBaseMs: integer('TESSERA_WEBHOOK_RETRY_BASE_MS', d.retryBaseMs, 10, 3_600_000),
    retryMaxMs: integer('TESSERA_WEBHOOK_RETRY_MAX_MS', d.retryMaxMs, 10, 604_800_000),
    timeoutMs: integer('TESSERA_WEBHOOK_TIMEOUT_MS', d.timeoutMs, 100, 300_000),
    privateTargets: choice('TESSERA_WEBHOOK_PRIVATE_TARGETS', ['allow', 'deny'], d.privateTargets),
    pollMs: integer('TESSERA_WEBHOOK_POLL_MS', d.pollMs, 10, 60_000),
    concurrency: integer('TESSERA_WEBHOOK_CONCURRENCY', d.concurrency, 1, 256),
    logRetentionDays: integer('TESSERA_WEBHOOK_LOG_DAYS', d.logRetentionDays, 1, 3650),
  });
}
