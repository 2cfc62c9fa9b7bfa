import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { freePort } from '../../../../../test/support/free-port.ts';

/** One request the receiver got. */
export interface Received {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  readonly json: any;
  readonly deliveryId: string;
}

/** How the receiver answers one request. */
export interface Answer {
  readonly status: number;
  readonly delayMs?: number;
  readonly body?: string;
  readonly headers?: Record<string, string>;
}

/** A real HTTP server on 127.0.0.1 that records webhook requests and answers as told. */
export interface WebhookReceiver {
  readonly port: number;
  /** `http://127.0.0.1:<port><path>` */
  url(path?: string): string;
  readonly received: Received[];
  /** Requests to `path` (query string ignored), in arrival order. */
  at(path: string): Received[];
  /** Deliveries to `path`, de-duplicated by X-Tessera-Delivery, in arrival order. */
  distinct(path: string): Received[];
  /** Sets how requests to `path` are answered (default: 200 `ok`); `index` counts them from 0. */
  answer(path: string, decide: (request: Received, index: number) => Answer): void;
  /** Resolves once `check` holds for what was received. */
  waitFor(what: string, check: (received: readonly Received[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  const port = await freePort();
  const received: Received[] = [];
  const answers = new Map<string, (request: Received, index: number) => Answer>();
  const counts = new Map<string, number>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown = null;
      try {
        json = JSON.parse(body);
      } catch {}
      const entry: Received = {
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        body,
        json,
        deliveryId: String(request.headers['x-tessera-delivery'] ?? ''),
      };
      const path = entry.path.split('?')[0] ?? '';
      const index = counts.get(path) ?? 0;
      counts.set(path, index + 1);
      const answer = answers.get(path)?.(entry, index) ?? { status: 200, body: 'ok' };
      received.push(entry);
      const reply = () => {
        if (response.destroyed) return;
        response.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
        response.end(answer.body ?? '');
      };
      if (answer.delayMs) setTimeout(reply, answer.delayMs).unref();
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    received,
    at: (path) => received.filter((r) => r.path.split('?')[0] === path),
    distinct(path) {
      const seen = new Set<string>();
      return received.filter((r) => {
        if (r.path.split('?')[0] !== path || seen.has(r.deliveryId)) return false;
        seen.add(r.deliveryId);
        return true;
      });
    },
    answer(path, decide) {
      answers.set(path, decide);
    },
    async waitFor(what, check, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check(received)) {
        if (Date.now() > deadline)
          throw new Error(
            `timed out waiting for ${what}; received ${received.length}: ${received.map((r) => r.json?.type).join(', ')}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
