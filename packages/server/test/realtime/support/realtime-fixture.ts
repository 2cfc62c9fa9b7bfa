// Two bases for realtime tests: `Studio` with tables Scenes and Props (text fields Name and
// Notes), `Elsewhere` with table Foreign; a viewer of Studio and a user with no access.
import { expect } from 'vitest';
import { createTestUser, type TestUser } from '../../../../../test/support/test-accounts.ts';
import type { TestApp } from '../../../../../test/support/test-app.ts';

export function ok<T>(response: { status: number; body: T }): T {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

export interface RealtimeFixture {
  readonly baseId: string;
  readonly otherBaseId: string;
  readonly tableId: string;
  readonly otherTableId: string;
  readonly foreignTableId: string;
  readonly viewer: TestUser;
  readonly outsider: TestUser;
  /** POST records to a table (one object or an array). */
  insert(table: string, body: unknown): ReturnType<TestApp['call']>;
}

export async function createRealtimeFixture(t: TestApp, tag: string): Promise<RealtimeFixture> {
  const createTable = async (base: string, title: string) =>
    ok(
      await t.call('POST', `/api/v2/meta/bases/${base}/tables`, {
        title,
        columns: [
          { title: 'Name', uidt: 'SingleLineText' },
          { title: 'Notes', uidt: 'LongText' },
        ],
      }),
    ).id as string;
  const baseId = ok(await t.call('POST', '/api/v2/meta/bases', { title: 'Studio' })).id as string;
  const otherBaseId = ok(await t.call('POST', '/api/v2/meta/bases', { title: 'Elsewhere' })).id as string;
  return {
    baseId,
    otherBaseId,
    tableId: await createTable(baseId, 'Scenes'),
    otherTableId: await createTable(baseId, 'Props'),
    foreignTableId: await createTable(otherBaseId, 'Foreign'),
    viewer: await createTestUser(t, `viewer-${tag}@example.com`, { membership: { baseId, role: 'viewer' } }),
    outsider: await createTestUser(t, `outsider-${tag}@example.com`),
    insert: (table, body) => t.call('POST', `/api/v2/tables/${table}/records`, body),
  };
}
