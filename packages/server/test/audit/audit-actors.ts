import type { TokenScope } from '@tessera/core';
import { setupChange, type TestUser } from '../../../../test/support/test-accounts.ts';
import type { TestApp, TestResponse } from '../../../../test/support/test-app.ts';
import { hashSecret, newSecretToken, secretHint } from '../../src/auth/secret-tokens.ts';

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
