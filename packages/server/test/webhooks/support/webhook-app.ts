import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from '../../../../../test/support/test-app.ts';
import type { TestDialect } from '../../../../../test/support/test-databases.ts';
import { WEBHOOK_DEFAULTS, type WebhookConfig } from '../../../src/config/webhook-config.ts';
import { createWebhookDispatcher, type WebhookDispatcher } from '../../../src/webhooks/webhook-dispatcher.ts';
import { startReceiver, type WebhookReceiver } from './webhook-receiver.ts';

/** Fast settings for tests: short waits, a tight poll, a short timeout. */
export const FAST_WEBHOOKS: WebhookConfig = {
  ...WEBHOOK_DEFAULTS,
  // Waits of about 30, 90, 250 and 250 ms: a delivery failing every time is dead in ~0.6 s.
  retryBaseMs: 30,
  retryMaxMs: 250,
  maxAttempts: 5,
  timeoutMs: 500,
  pollMs: 25,
};

export interface WebhookFixture {
  readonly t: TestApp;
  readonly receiver: WebhookReceiver;
  readonly dispatcher: WebhookDispatcher;
  readonly baseId: string;
  /** A new table (Name text, Score number, Stage select, Done checkbox) in the base. */
  table(title?: string): Promise<TestTable>;
  /** A hook on `table` sending to the receiver's `path` (see hookBody); its API object. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  addHook(table: TestTable, path: string, extra?: Record<string, unknown>): Promise<any>;
}

export interface TestTable {
  readonly id: string;
  /** `/api/v2/tables/<table>/records` */
  readonly records: string;
  /** Field id by title. */
  readonly fields: Readonly<Record<string, string>>;
}

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
export function ok(response: { status: number; body: any }): any {
  if (response.status !== 200)
    throw new Error(`expected 200, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

let tables = 0;

/**
 * A test app on `dialect` with a base, a receiver and a started dispatcher (tests ask for one
 * explicitly; createTestApp starts none).
 */
export function useWebhookFixture(
  dialect: TestDialect,
  settings: Partial<WebhookConfig> = {},
): () => WebhookFixture {
  let fixture: WebhookFixture | undefined;
  beforeAll(async () => {
    const webhooks = { ...FAST_WEBHOOKS, ...settings };
    const t = await createTestApp(dialect, { webhooks });
    const receiver = await startReceiver();
    const dispatcher = createWebhookDispatcher(t.store, webhooks, { warn: () => {}, error: () => {} });
    dispatcher.start();
    const baseId = ok(await t.call('POST', '/api/v2/meta/bases', { title: 'Hooks' })).id as string;
    const table = async (title = `Orders ${++tables}`): Promise<TestTable> => {
      const created = ok(
        await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
          title,
          columns: [
            { title: 'Name', uidt: 'SingleLineText' },
            { title: 'Score', uidt: 'Number' },
            {
              title: 'Stage',
              uidt: 'SingleSelect',
              colOptions: { options: [{ title: 'new' }, { title: 'paid' }, { title: 'shipped' }] },
            },
            { title: 'Done', uidt: 'Checkbox' },
          ],
        }),
      );
      const fields = Object.fromEntries(
        (created.columns as { title: string; id: string }[]).map((c) => [c.title, c.id]),
      );
      return { id: created.id, records: `/api/v2/tables/${created.id}/records`, fields };
    };
    const addHook = async (on: TestTable, path: string, extra: Record<string, unknown> = {}) =>
      ok(await t.call('POST', `/api/v2/meta/tables/${on.id}/hooks`, hookBody(receiver, path, extra)));
    fixture = { t, receiver, dispatcher, baseId, table, addHook };
  });
  afterAll(async () => {
    await fixture?.dispatcher.stop();
    await fixture?.receiver.close();
    await fixture?.t.close();
  });
  return () => {
    if (!fixture) throw new Error('the webhook fixture is not ready');
    return fixture;
  };
}

/** A HookReq for the receiver's URL; `extra` overrides. */
export function hookBody(receiver: WebhookReceiver, path: string, extra: Record<string, unknown> = {}) {
  return {
    title: `hook ${Math.random().toString(36).slice(2, 8)}`,
    event: 'after',
    operation: ['insert', 'update', 'delete'],
    version: 'v3',
    notification: { type: 'URL', payload: { method: 'POST', path: receiver.url(path), headers: [] } },
    ...extra,
  };
}

/** Waits until the hook's delivery log holds an entry matching `check`, and returns it. */
export async function logEntry(
  f: WebhookFixture,
  hookId: string,
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  check: (entry: any) => boolean,
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
): Promise<any> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const log = ok(await f.t.call('GET', `/api/v2/meta/hooks/${hookId}/logs?limit=100`));
    const found = log.list.find(check);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no matching log entry in ${JSON.stringify(log.list)}`);
    await new Promise((resolve) => setTimeout(resolve, 15));
  }
}
