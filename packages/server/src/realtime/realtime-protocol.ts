// The realtime feed's messages (JSON text frames), version 1. See docs/realtime.md.
//
// Client → server:
//   {"type":"auth","token":"…"}                          a user's JWT or an API token
//   {"type":"subscribe","baseId":"…","tableId":"…"?,"after":<seq>?}
//   {"type":"unsubscribe","baseId":"…","tableId":"…"?}
//   {"type":"ping"}
// Server → client:
//   {"type":"authenticated","version":1}
//   {"type":"subscribed","baseId","tableId","seq"}     seq: the base's latest event then
//   {"type":"unsubscribed","baseId","tableId"}
//   {"type":"event","baseId","seq","tableId","event",…} see event-message.ts
//   {"type":"pong"}
//   {"type":"error","code","msg",…}                      code from the error catalogue
import { TesseraError } from '@tessera/core';

export const REALTIME_PROTOCOL_VERSION = 1;

/** Close codes the server uses besides WebSocket's own (1001: server shutting down). */
export const closeCodes = {
  /** No valid credential: none within the auth timeout, a bad one, or it was revoked. */
  unauthenticated: 4401,
  /** The caller lost access to a subscribed base. */
  forbidden: 4403,
  /** The client read too slowly; reconnect and subscribe with `after` = the last seq seen. */
  slowConsumer: 4408,
  /** The client sent too many messages without waiting for answers. */
  flooding: 4429,
} as const;

export interface SubscriptionKey {
  readonly baseId: string;
  /** null: every table of the base. */
  readonly tableId: string | null;
}

export type ClientMessage =
  | { readonly type: 'auth'; readonly token: string }
  | ({ readonly type: 'subscribe'; readonly after: number | null } & SubscriptionKey)
  | ({ readonly type: 'unsubscribe' } & SubscriptionKey)
  | { readonly type: 'ping' };

const MAX_ID_LENGTH = 100;
const MAX_TOKEN_LENGTH = 4096;

function invalid(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_REQUEST_BODY', message);
}

function idOf(value: unknown, name: string, required: boolean): string | null {
  if (value === undefined || value === null) {
    if (required) throw invalid(`'${name}' is required`);
    return null;
  }
  if (typeof value !== 'string' || value.trim() === '' || value.length > MAX_ID_LENGTH)
    throw invalid(`'${name}' must be an id of at most ${MAX_ID_LENGTH} characters`);
  return value;
}

/** A cursor: a whole number ≥ 0, as a JSON number or digits. */
export function cursorOf(value: unknown): number {
  const number = typeof value === 'string' && /^\d{1,16}$/.test(value) ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isSafeInteger(number) || number < 0)
    throw new TesseraError(
      'ERR_INVALID_CURSOR',
      `The cursor must be a whole number from 0 up (the seq of the last event seen), got ${JSON.stringify(value)?.slice(0, 40)}`,
    );
  return number;
}

/** One text frame → a client message; malformed ones throw a TesseraError to answer with. */
export function parseClientMessage(text: string): ClientMessage {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new TesseraError('ERR_INVALID_JSON', 'The message is not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw invalid('A message must be a JSON object with a "type"');
  const message = parsed as Record<string, unknown>;
  switch (message.type) {
    case 'auth': {
      const token = message.token;
      if (typeof token !== 'string' || token.trim() === '' || token.length > MAX_TOKEN_LENGTH)
        throw invalid("'token' must be a user's JWT or an API token");
      return { type: 'auth', token: token.trim() };
    }
    case 'subscribe':
      return {
        type: 'subscribe',
        baseId: idOf(message.baseId, 'baseId', true) as string,
        tableId: idOf(message.tableId, 'tableId', false),
        after: message.after === undefined || message.after === null ? null : cursorOf(message.after),
      };
    case 'unsubscribe':
      return {
        type: 'unsubscribe',
        baseId: idOf(message.baseId, 'baseId', true) as string,
        tableId: idOf(message.tableId, 'tableId', false),
      };
    case 'ping':
      return { type: 'ping' };
    default:
      throw invalid(
        `Unknown message type ${JSON.stringify(message.type)?.slice(0, 40)}; expected auth, subscribe, unsubscribe or ping`,
      );
  }
}

/** The error message for a failure, with the subscription it concerns (if any). */
export function errorMessage(error: TesseraError, about?: SubscriptionKey): string {
  return JSON.stringify({
    type: 'error',
    code: error.code,
    msg: error.message,
    ...(about ? { baseId: about.baseId, tableId: about.tableId } : {}),
    ...(error.details ? { details: error.details } : {}),
  });
}
