// Users made straight through the store (no sign-up route needed), with a JWT each, and a
// base with a table to try their credentials on.
import type { BaseRole, InstanceRole } from '@tessera/core';
import type { ChangeContext } from '@tessera/store';
import type { TestApp } from '../../../../../test/support/test-app.ts';
import { hashPassword } from '../../../src/auth/passwords.ts';
import { signUserJwt } from '../../../src/auth/user-jwt.ts';

export const setupChange: ChangeContext = {
  actor: { type: 'system', id: 'test', name: 'test', userId: null },
  ip: null,
};

export interface TestUser {
  readonly id: string;
  readonly email: string;
  /** `{'xc-auth': jwt}` for `t.callWith`. */
  readonly auth: Record<string, string>;
}

let passwordHash: Promise<string> | undefined;

export async function addUser(
  t: TestApp,
  name: string,
  instanceRole: InstanceRole = 'member',
): Promise<TestUser> {
  passwordHash ??= hashPassword('correct horse battery staple');
  const user = await t.store.users.create(
    { email: `${name}@example.com`, passwordHash: await passwordHash, instanceRole },
    setupChange,
  );
  const jwt = await signUserJwt(user, t.config.jwtSecret, 3600);
  return { id: user.id, email: user.email, auth: { 'xc-auth': jwt } };
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
