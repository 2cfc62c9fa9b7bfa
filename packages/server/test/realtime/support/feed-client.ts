// A realtime feed client for tests: Node's built-in WebSocket (the browser API, plus headers).

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON messages
export type FeedMessage = Record<string, any>;

export interface FeedClient {
  /** Every message received so far, parsed, in order. */
  readonly messages: FeedMessage[];
  /** Resolves with the close code and reason once the socket is closed (by either side). */
  readonly closed: Promise<{ code: number; reason: string }>;
  send(message: unknown): void;
  /** The first message from `from` on matching, waiting for it if need be. */
  next(match: (message: FeedMessage) => boolean, timeoutMs?: number, from?: number): Promise<FeedMessage>;
  /** The `event` messages received so far. */
  events(): FeedMessage[];
  /** Waits until `count` events have arrived; returns them. */
  waitForEvents(count: number, timeoutMs?: number): Promise<FeedMessage[]>;
  close(): Promise<void>;
}

/** Connects to `GET /api/v2/realtime` on a listening app; resolves once the socket is open. */
export async function connectFeed(
  baseUrl: string,
  headers: Record<string, string> = {},
  path = '/api/v2/realtime',
): Promise<FeedClient> {
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}${path}`, { headers } as never);
  const messages: FeedMessage[] = [];
  const watchers = new Set<() => void>();
  const notify = () => {
    for (const watcher of watchers) watcher();
  };
  socket.onmessage = (message) => {
    messages.push(JSON.parse(String(message.data)));
    notify();
  };
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    socket.onclose = (event) => {
      resolve({ code: event.code, reason: event.reason });
      notify();
    };
  });
  await new Promise<void>((resolve, reject) => {
    socket.onopen = () => resolve();
    socket.onerror = () => reject(new Error('the WebSocket did not open'));
  });
  const waitFor = <T>(what: string, check: () => T | undefined, timeoutMs: number): Promise<T> =>
    new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages).slice(0, 2000)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        watchers.delete(attempt);
      };
      watchers.add(attempt);
      attempt();
    });
  const events = () => messages.filter((m) => m.type === 'event');
  return {
    messages,
    closed,
    send: (message) => socket.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next: (match, timeoutMs = 5000, from = 0) =>
      waitFor('a matching message', () => messages.slice(from).find(match), timeoutMs),
    events,
    waitForEvents: (count, timeoutMs = 5000) =>
      waitFor(`${count} events`, () => (events().length >= count ? events() : undefined), timeoutMs),
    async close() {
      if (socket.readyState === WebSocket.OPEN || socket.readyState === WebSocket.CONNECTING) socket.close();
      await closed;
    },
  };
}
