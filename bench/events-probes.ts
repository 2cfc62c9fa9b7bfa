/**
 * Where the events benchmark watches writes arrive: WebSocket subscribers of the realtime feed
 * and an HTTP receiver for a webhook. Each write carries a tag (`Name: "w<N>"`); every
 * arrival is stamped with performance.now(), the clock the writes are stamped with.
 */
import { createServer, type Server } from 'node:http';
import { freePort } from '../test/support/free-port.ts';

/** Arrival times by write tag, and what arrived out of place. */
export interface ArrivalLog {
  readonly label: string;
  readonly arrivals: Map<number, number>;
  /** Tags that arrived more than once. */
  duplicates: number;
  /** Events whose seq was not the one after the previous event's (sockets only). */
  gaps: number;
}

const TAG = /"Name":"w(\d+)"/;

function newLog(label: string): ArrivalLog {
  return { label, arrivals: new Map(), duplicates: 0, gaps: 0 };
}

function record(log: ArrivalLog, tag: number, at: number): void {
  if (log.arrivals.has(tag)) log.duplicates++;
  else log.arrivals.set(tag, at);
}

export interface FeedSet {
  readonly logs: readonly ArrivalLog[];
  close(): Promise<void>;
}

/** Opens `count` sockets on `baseUrl`, each subscribed to the base from its latest event. */
export async function openFeeds(
  baseUrl: string,
  baseId: string,
  count: number,
  headers: Record<string, string>,
  label: string,
): Promise<FeedSet> {
  const sockets: WebSocket[] = [];
  const logs: ArrivalLog[] = [];
  await Promise.all(
    Array.from({ length: count }, async (_, index) => {
      const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/api/v2/realtime`, { headers } as never);
      const log = newLog(`${label} #${index + 1}`);
      let lastSeq: number | undefined;
      sockets.push(socket);
      logs.push(log);
      await new Promise<void>((resolve, reject) => {
        socket.onmessage = (message) => {
          const at = performance.now();
          const text = String(message.data);
          const body = JSON.parse(text) as { type: string; seq?: number };
          if (body.type === 'subscribed') {
            lastSeq = body.seq;
            resolve();
          } else if (body.type === 'event') {
            if (lastSeq !== undefined && body.seq !== lastSeq + 1) log.gaps++;
            lastSeq = body.seq;
            const tag = TAG.exec(text)?.[1];
            if (tag !== undefined) record(log, Number(tag), at);
          } else if (body.type === 'error') reject(new Error(`${log.label}: ${text}`));
        };
        socket.onclose = (event) => reject(new Error(`${log.label} closed: ${event.code} ${event.reason}`));
        socket.onopen = () => socket.send(JSON.stringify({ type: 'subscribe', baseId }));
      });
    }),
  );
  return {
    logs,
    async close() {
      await Promise.all(
        sockets.map(
          (socket) =>
            new Promise<void>((resolve) => {
              if (socket.readyState === WebSocket.CLOSED) return resolve();
              socket.onclose = () => resolve();
              socket.close();
            }),
        ),
      );
    },
  };
}

export interface WebhookReceiver {
  readonly url: string;
  readonly log: ArrivalLog;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 answering every POST with 200 and stamping the tag it carries. */
export async function startWebhookReceiver(label: string): Promise<WebhookReceiver> {
  const log = newLog(label);
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const at = performance.now();
      const tag = TAG.exec(Buffer.concat(chunks).toString('utf8'))?.[1];
      if (tag !== undefined) record(log, Number(tag), at);
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}/hook`,
    log,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
