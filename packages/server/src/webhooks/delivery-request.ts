import type { HookNotification } from '@tessera/store';
import type { OutgoingWebhook } from './webhook-sender.ts';
import { webhookSignature } from './webhook-signer.ts';

/** What identifies one attempt of one delivery on the wire. */
export interface DeliveryHeaders {
  readonly deliveryId: string;
  readonly hookId: string;
  /** Envelope type, e.g. records.after.update. */
  readonly type: string;
  readonly attempt: number;
  readonly replayOf?: string | null;
}

/**
 * The HTTP request of one attempt: the hook's method and URL (with its enabled query
 * parameters), its enabled custom headers, then Tessera's: Content-Type (unless set),
 * X-Tessera-Delivery (the same on every attempt, for de-duplication), X-Tessera-Event,
 * X-Tessera-Hook, X-Tessera-Attempt, X-Tessera-Timestamp and, with a secret,
 * X-Tessera-Signature over `<timestamp>.<body>`.
 */
export function deliveryRequest(
  notification: HookNotification,
  secret: string | null,
  payload: string,
  delivery: DeliveryHeaders,
  nowMs = Date.now(),
): OutgoingWebhook {
  const { method, path, headers, parameters } = notification.payload;
  const url = new URL(path);
  for (const parameter of parameters)
    if (parameter.enabled) url.searchParams.append(parameter.name, parameter.value);
  const body = method === 'GET' ? null : payload;
  const timestamp = String(Math.floor(nowMs / 1000));
  const outgoing: Record<string, string> = {};
  for (const header of headers) if (header.enabled) outgoing[header.name.toLowerCase()] = header.value;
  outgoing['content-type'] ??= 'application/json';
  outgoing['x-tessera-delivery'] = delivery.deliveryId;
  outgoing['x-tessera-event'] = delivery.type;
  outgoing['x-tessera-hook'] = delivery.hookId;
  outgoing['x-tessera-attempt'] = String(delivery.attempt);
  outgoing['x-tessera-timestamp'] = timestamp;
  if (delivery.replayOf) outgoing['x-tessera-replay-of'] = delivery.replayOf;
  if (secret !== null) outgoing['x-tessera-signature'] = webhookSignature(secret, timestamp, body ?? '');
  return { url: url.href, method, headers: outgoing, body };
}
