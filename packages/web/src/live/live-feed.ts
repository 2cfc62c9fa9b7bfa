// One WebSocket to /api/v2/realtime for the whole app (docs/realtime.md). Components
// subscribe to a table's record events; after a disconnect the feed reconnects and resumes
// each subscription from the last `seq` it saw, so nothing is missed. When resuming is not
// possible (cursor expired), subscribers are told to reload.
import { session } from '../api/session.ts';

export interface RecordEvent {
  readonly type: 'event';
  readonly baseId: string;
  readonly seq: number;
  readonly tableId: string;
  readonly event: 'records.insert' | 'records.update' | 'records.delete' | 'records.link' | 'records.unlink';
  readonly bulk: boolean;
  readonly recordIds: number[];
  readonly rows: Record<string, unknown>[];
  readonly previous_rows: Record<string, unknown>[] | null;
  readonly actor?: { readonly type: string; readonly id?: string; readonly userId?: string };
}

/** What a subscriber hears: an event, or "reload: events may have been missed". */
export type LiveMessage = RecordEvent | { readonly type: 'reload' };
export type LiveHandler = (message: LiveMessage) => void;

interface Subscription {
  readonly baseId: string;
  readonly tableId: string;
  lastSeq: number | undefined;
  readonly handlers: Set<LiveHandler>;
}

const subscriptions = new Map<string, Subscription>();
let socket: WebSocket | undefined;
let authenticated = false;
let retryMs = 500;
let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

const keyOf = (baseId: string, tableId: string) => `${baseId}/${tableId}`;

function sendSubscribe(subscription: Subscription): void {
  if (!socket || !authenticated) return;
  const message: Record<string, unknown> = {
    type: 'subscribe',
    baseId: subscription.baseId,
    tableId: subscription.tableId,
  };
  if (subscription.lastSeq !== undefined) message.after = subscription.lastSeq;
  socket.send(JSON.stringify(message));
}

function tellAll(subscription: Subscription, message: LiveMessage): void {
  for (const handler of subscription.handlers) handler(message);
}

function scheduleReconnect(): void {
  if (reconnectTimer || subscriptions.size === 0) return;
  reconnectTimer = setTimeout(() => {
    reconnectTimer = undefined;
    connect();
  }, retryMs);
  retryMs = Math.min(retryMs * 2, 15_000);
}

function onMessage(raw: string): void {
  const message = JSON.parse(raw) as Record<string, unknown> & { type: string };
  if (message.type === 'authenticated') {
    authenticated = true;
    retryMs = 500;
    for (const subscription of subscriptions.values()) sendSubscribe(subscription);
    return;
  }
  const subscription = subscriptions.get(keyOf(String(message.baseId), String(message.tableId)));
  if (!subscription) return;
  if (message.type === 'subscribed') {
    subscription.lastSeq ??= Number(message.seq);
  } else if (message.type === 'event') {
    const event = message as unknown as RecordEvent;
    if (subscription.lastSeq !== undefined && event.seq <= subscription.lastSeq) return;
    subscription.lastSeq = event.seq;
    tellAll(subscription, event);
  } else if (message.type === 'error' && message.code === 'ERR_CURSOR_EXPIRED') {
    subscription.lastSeq = undefined;
    tellAll(subscription, { type: 'reload' });
    sendSubscribe(subscription);
  }
}

function connect(): void {
  const token = session.token();
  if (!token || socket) return;
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const ws = new WebSocket(`${protocol}//${location.host}/api/v2/realtime`);
  socket = ws;
  authenticated = false;
  ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'auth', token })));
  ws.addEventListener('message', (event) => onMessage(String(event.data)));
  ws.addEventListener('close', (event) => {
    if (socket === ws) socket = undefined;
    authenticated = false;
    // 4401: the JWT expired or was revoked; refresh it, then reconnect.
    if (event.code === 4401) void session.refresh().then((ok) => ok && scheduleReconnect());
    else if (event.code !== 4403) scheduleReconnect();
  });
}

session.subscribe((token) => {
  if (!token) {
    socket?.close(1000);
    return;
  }
  // A refreshed JWT replaces the socket's credential without reconnecting.
  if (socket && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ type: 'auth', token }));
  else connect();
});

/** Hears a table's record events until the returned function is called. */
export function subscribeTable(baseId: string, tableId: string, handler: LiveHandler): () => void {
  const key = keyOf(baseId, tableId);
  let subscription = subscriptions.get(key);
  if (!subscription) {
    subscription = { baseId, tableId, lastSeq: undefined, handlers: new Set() };
    subscriptions.set(key, subscription);
    if (socket) sendSubscribe(subscription);
    else connect();
  }
  subscription.handlers.add(handler);
  const own = subscription;
  return () => {
    own.handlers.delete(handler);
    if (own.handlers.size > 0) return;
    subscriptions.delete(key);
    if (socket && authenticated) socket.send(JSON.stringify({ type: 'unsubscribe', baseId, tableId }));
  };
}
