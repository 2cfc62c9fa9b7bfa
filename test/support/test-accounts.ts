// Accounts made straight through the store (no sign-up route needed), each with a JWT.
import type { BaseRole, InstanceRole } from '@tessera/core';
import type { ChangeContext } from '@tessera/store';
import { signUserJwt } from '../../packages/server/src/auth/user-jwt.ts';
import { ACCOUNT_LOOKUP_TTL_MS } from '../../packages/store/src/accounts/short-lived-cache.ts';
import type { TestApp } from './test-app.ts';

/** Set-up writes made directly through the store are the test's own. */
export const setupChange: ChangeContext = {
  actor: { type: 'system', id: 'test', name: 'test', userId: null },
  ip: null,
};

export interface TestUser {
  readonly id: string;
  readonly email: string;
  /** `{'xc-auth': jwt}`: headers that sign requests in as this user (for `t.callWith`). */
  readonly headers: Record<string, string>;
}

export interface TestUserOptions {
  /** Default `member`. */
  readonly instanceRole?: InstanceRole;
  /** Also makes the user a member of this base with this role. */
  readonly membership?: { readonly baseId: string; readonly role: BaseRole };
}

/** An account without a password, signed in with a JWT. */
export async function createTestUser(
  t: TestApp,
  email: string,
  { instanceRole = 'member', membership }: TestUserOptions = {},
): Promise<TestUser> {
  const user = await t.store.users.create({ email, passwordHash: null, instanceRole }, setupChange);
  if (membership) await t.store.members.set(membership.baseId, user.id, membership.role, setupChange);
  const jwt = await signUserJwt(user, t.config.jwtSecret, 3600);
  return { id: user.id, email: user.email, headers: { 'xc-auth': jwt } };
}

/** Waits until a running server's short-lived account lookups (tokens, users, roles) expire. */
export function accountCacheExpiry(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ACCOUNT_LOOKUP_TTL_MS + 100));
}
