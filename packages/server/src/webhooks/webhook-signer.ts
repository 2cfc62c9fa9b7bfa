import { createHmac, randomBytes } from 'node:crypto';

/**
 * `X-Tessera-Signature: sha256=<hex>`: HMAC-SHA256 with the hook's secret over
 * `<timestamp>.<body>`, where the timestamp is the X-Tessera-Timestamp header (Unix seconds).
 * A receiver recomputes it over the raw body, compares in constant time and refuses old
 * timestamps (see docs/webhooks.md).
 */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** A new signing secret: 32 random bytes as hex, prefixed so it is recognisable in a vault. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('hex')}`;
}
