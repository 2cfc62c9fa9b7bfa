import { describe, expect, it } from 'vitest';
import { loadWebhookConfig, WEBHOOK_DEFAULTS } from '../../src/config/webhook-config.ts';

function load(env: Record<string, string>) {
  const problems: string[] = [];
  const config = loadWebhookConfig((name) => env[name], problems);
  return { config, problems };
}

describe('webhook settings', () => {
  it('defaults to 10 tries over about a day, a 10 s timeout and private targets allowed', () => {
    const { config, problems } = load({});
    expect(problems).toEqual([]);
    expect(config).toEqual(WEBHOOK_DEFAULTS);
    expect(config).toMatchObject({
      enabled: true,
      maxAttempts: 10,
      retryBaseMs: 10_000,
      timeoutMs: 10_000,
      privateTargets: 'allow',
    });
  });

  it('reads every variable', () => {
    const { config, problems } = load({
      TESSERA_WEBHOOKS: 'off',
      TESSERA_WEBHOOK_MAX_ATTEMPTS: '3',
      TESSERA_WEBHOOK_RETRY_BASE_MS: '50',
      TESSERA_WEBHOOK_RETRY_MAX_MS: '1000',
      TESSERA_WEBHOOK_TIMEOUT_MS: '2500',
      TESSERA_WEBHOOK_PRIVATE_TARGETS: 'DENY',
      TESSERA_WEBHOOK_POLL_MS: '100',
      TESSERA_WEBHOOK_CONCURRENCY: '2',
      TESSERA_WEBHOOK_LOG_DAYS: '7',
    });
    expect(problems).toEqual([]);
    expect(config).toEqual({
      enabled: false,
      maxAttempts: 3,
      retryBaseMs: 50,
      retryMaxMs: 1000,
      timeoutMs: 2500,
      privateTargets: 'deny',
      pollMs: 100,
      concurrency: 2,
      logRetentionDays: 7,
    });
  });

  it('names each bad value and keeps the default for it', () => {
    const { config, problems } = load({
      TESSERA_WEBHOOK_MAX_ATTEMPTS: '0',
      TESSERA_WEBHOOK_TIMEOUT_MS: 'ten',
      TESSERA_WEBHOOK_PRIVATE_TARGETS: 'sometimes',
      TESSERA_WEBHOOKS: 'maybe',
    });
    expect(problems).toEqual([
      'TESSERA_WEBHOOKS must be one of on, off (got "maybe")',
      'TESSERA_WEBHOOK_MAX_ATTEMPTS must be an integer from 1 to 100 (got "0")',
      'TESSERA_WEBHOOK_TIMEOUT_MS must be an integer from 100 to 300000 (got "ten")',
      'TESSERA_WEBHOOK_PRIVATE_TARGETS must be one of allow, deny (got "sometimes")',
    ]);
    expect(config.maxAttempts).toBe(10);
    expect(config.timeoutMs).toBe(10_000);
  });
});
