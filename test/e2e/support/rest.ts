// REST helpers for browser tests: check a reply of the server's API (with its owner token),
// call it and answer the body, and poll it until the state a UI action leads to shows.
import { expect } from 'vitest';
import type { Reply } from '../../ops/support/tessera-process.ts';
import type { UiServer } from './ui-server.ts';

/** The body of a 200 reply; the test fails (showing the body) on any other status. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
export function expectOk(reply: Reply): any {
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return reply.body;
}

/** Calls the API with the server's token; answers the body, throws on a status of 300 or more. */
// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
export async function callApi(server: UiServer, method: string, path: string, body?: unknown): Promise<any> {
  const reply = await server.request(method, path, body);
  if (reply.status >= 300)
    throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.body)}`);
  return reply.body;
}

/** Polls until `check` answers something other than undefined (REST state after a UI action). */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 8000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until a REST read satisfies `check`; answers what it read. */
export function until<T>(what: string, read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  return eventually(what, async () => {
    const value = await read();
    return check(value) ? value : undefined;
  });
}
