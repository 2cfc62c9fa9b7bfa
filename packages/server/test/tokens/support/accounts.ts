// Users named `<name>@example.com`, and a base with a table to try their credentials on.
import type { BaseRole, InstanceRole } from '@tessera/core';
import { createTestUser, setupChange, type TestUser } from '../../../../../test/support/test-accounts.ts';
import type { TestApp } from '../../../../../test/support/test-app.ts';

/** The account `<name>@example.com`, signed in with a JWT. */
export function addUser(t: TestApp, name: string, instanceRole: InstanceRole = 'member'): Promise<TestUser> {
  return createTestUser(t, `${name}@example.com`, { instanceRole });
}

export async function grant(t: TestApp, baseId: string, user: TestUser, role: BaseRole): Promise<void> {
  await t.store.members.set(baseId, user.id, role, setupChange);
}

/** A base (made with the bootstrap token) with one table `Things` holding a `Name` field. */
export async function addBase(t: TestApp, title: string): Promise<{ base: string; table: string }> {
  const base = await t.call('POST', '/api/v2/meta/bases', { title });
  if (base.status !== 200) throw new Error(`base: ${base.status} ${JSON.stringify(base.body)}`);
  const table = await t.call('POST', `/api/v2/meta/bases/${base.body.id}/tables`, {
    title: 'Things',
    columns: [{ title: 'Name', uidt: 'SingleLineText' }],
  });
  if (table.status !== 200) throw new Error(`table: ${table.status} ${JSON.stringify(table.body)}`);
  return { base: base.body.id, table: table.body.id };
}

/** `{'xc-token': secret}` for `t.callWith`. */
export const tokenHeaders = (secret: string): Record<string, string> => ({ 'xc-token': secret });
