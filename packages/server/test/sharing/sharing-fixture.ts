// A base with one table of requests and helpers to make, configure and share its views, for
// the shared-view, public-form and group-count tests.
import { expect } from 'vitest';
import { createTestApp, type TestApp, type TestResponse } from '../../../../test/support/test-app.ts';
import type { TestDialect } from '../../../../test/support/test-databases.ts';

/** The body of a reply with the expected status; fails with the body otherwise. */
export function expectStatus(response: TestResponse, status: number): TestResponse['body'] {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  return response.body;
}

export interface SharingFixture {
  readonly t: TestApp;
  readonly baseId: string;
  readonly tableId: string;
  /** Field id by title. */
  field(title: string): string;
  /** A new view of the table; `hidden` fields are hidden in it. */
  createView(
    type: 'grids' | 'forms' | 'galleries' | 'kanbans',
    title: string,
    hidden?: string[],
  ): Promise<string>;
  /** Shares a view and answers its link uuid. */
  share(viewId: string): Promise<string>;
  /** A request without any credential, with extra headers. */
  anonymous(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<TestResponse>;
  /** Records inserted through the API (as the bootstrap token). */
  insert(rows: Record<string, unknown>[]): Promise<number[]>;
  close(): Promise<void>;
}

/** Fields of the Requests table: Name is required by the field itself. */
export const requestColumns = [
  { title: 'Name', uidt: 'SingleLineText', rqd: true },
  { title: 'Email', uidt: 'Email' },
  { title: 'Age', uidt: 'Number' },
  { title: 'Status', uidt: 'SingleSelect', colOptions: { options: [{ title: 'new' }, { title: 'done' }] } },
  { title: 'Secret', uidt: 'SingleLineText' },
  { title: 'Agree', uidt: 'Checkbox' },
  { title: 'Notes', uidt: 'LongText' },
];

export async function createSharingFixture(dialect: TestDialect): Promise<SharingFixture> {
  const t = await createTestApp(dialect);
  const baseId = expectStatus(await t.call('POST', '/api/v2/meta/bases', { title: 'Studio' }), 200).id;
  const table: { id: string; columns: { id: string; title: string }[] } = expectStatus(
    await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Requests',
      columns: requestColumns,
    }),
    200,
  );
  const fieldIds = new Map(table.columns.map((c) => [c.title, c.id]));
  const field = (title: string) => {
    const id = fieldIds.get(title);
    if (!id) throw new Error(`no field ${title}`);
    return id;
  };
  return {
    t,
    baseId,
    tableId: table.id,
    field,
    async createView(type, title, hidden = []) {
      const view: { id: string } = expectStatus(
        await t.call('POST', `/api/v2/meta/tables/${table.id}/${type}`, { title }),
        200,
      );
      for (const name of hidden)
        expectStatus(
          await t.call('PATCH', `/api/v2/meta/views/${view.id}/columns/${field(name)}`, { show: false }),
          200,
        );
      return view.id;
    },
    async share(viewId) {
      return expectStatus(await t.call('POST', `/api/v2/meta/views/${viewId}/share`), 200).uuid;
    },
    anonymous: (method, url, body, headers = {}) => t.callWith(headers, method, url, body),
    async insert(rows) {
      const ids: { Id: number }[] = expectStatus(
        await t.call('POST', `/api/v2/tables/${table.id}/records`, rows),
        200,
      );
      return ids.map((r) => r.Id);
    },
    close: () => t.close(),
  };
}

export const publicPath = (uuid: string, rest: string) => `/api/v2/public/shared-view/${uuid}${rest}`;
