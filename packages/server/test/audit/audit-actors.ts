import type { BaseRole, InstanceRole, TokenScope } from '@tessera/core';
import type { ChangeContext } from '@tessera/store';
import type { TestApp, TestResponse } from '../../../../test/support/test-app.ts';
import { hashSecret, newSecretToken, secretHint } from '../../src/auth/secret-tokens.ts';
import { signUserJwt } from '../../src/auth/user-jwt.ts';

/** Set-up writes made directly through the store are the test's own. */
export const setupChange: ChangeContext = {
  actor: { type: 'system', id: 'test', name: 'test', userId: null },
  ip: null,
};

export interface TestUser {
  readonly id: string;
  readonly email: string;
  /** Headers that sign requests in as this user. */
  readonly headers: Record<string, string>;
}

/** A user account with a JWT, optionally a member of a base with a role. */
export async function createUser(
  t: TestApp,
  email: string,
  membership?: { baseId: string; role: BaseRole },
  instanceRole: InstanceRole = 'member',
): Promise<TestUser> {
  const user = await t.store.users.create({ email, passwordHash: null, instanceRole }, setupChange);
  if (membership) await t.store.members.set(membership.baseId, user.id, membership.role, setupChange);
  const jwt = await signUserJwt(user, t.config.jwtSecret, 3600);
  return { id: user.id, email: user.email, headers: { 'xc-auth': jwt } };
}

/** An API token of `user`, returned with its id and the headers that send it. */
export async function createToken(
  t: TestApp,
  user: TestUser,
  name: string,
  scope: TokenScope = { baseIds: null, access: 'read-write' },
): Promise<{ id: string; headers: Record<string, string> }> {
  const secret = newSecretToken();
  const token = await t.store.tokens.create(
    {
      tokenHash: hashSecret(secret),
      hint: secretHint(secret),
      description: name,
      userId: user.id,
      scope,
      origin: 'api',
      expiresAt: null,
    },
    setupChange,
  );
  return { id: token.id, headers: { 'xc-token': secret } };
}

/** The trail of a base as the bootstrap token (an owner) reads it, with extra query text. */
export async function baseTrail(t: TestApp, baseId: string, query = ''): Promise<TestResponse> {
  const response = await t.call('GET', `/api/v2/meta/bases/${baseId}/audits?limit=1000${query}`);
  if (response.status !== 200) throw new Error(`audit list failed: ${JSON.stringify(response.body)}`);
  return response;
}

/** A JSON reply's body, failing loudly when the status is not the expected one. */
export function expectStatus(response: TestResponse, status: number) {
  if (response.status !== status)
    throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}
