// Two tabs, one session: a refresh token presented again within the grace period after its
// rotation (another tab refreshing with the same cookie) gets a successor of its own; later,
// it is a stolen token and ends every session of the user. Signing out ends the whole family.
import { timestampText } from '@tessera/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp, TestResponse } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { REFRESH_REUSE_GRACE_MS } from '../../src/auth/account-service.ts';
import { hashSecret } from '../../src/auth/secret-tokens.ts';
import { SESSION_HINT_COOKIE } from '../../src/auth/session-cookies.ts';
import {
  createAuthTestApp,
  refreshCookieSet,
  signIn,
  signUp,
  withCookie,
} from '../auth/support/account-helpers.ts';

describe.each(testDialects)('refresh grace period for two tabs on %s', (dialect) => {
  let t: TestApp;

  const refresh = (secret: string) => t.callWith(withCookie(secret), 'POST', '/api/v1/auth/token/refresh');
  const me = (jwt: string) => t.callWith({ 'xc-auth': jwt }, 'GET', '/api/v2/meta/bases');
  const cookieOf = (response: TestResponse) => refreshCookieSet(response)?.value ?? '';
  /** The session hint cookie's Set-Cookie line, if the reply sets it. */
  const hintOf = (response: TestResponse) => {
    const header = response.headers['set-cookie'];
    const cookies = header === undefined ? [] : Array.isArray(header) ? header : [String(header)];
    return cookies.find((c) => c.startsWith(`${SESSION_HINT_COOKIE}=`));
  };
  /** Moves a used token's rotation this many milliseconds into the past, as if time had passed. */
  const rotatedAgo = async (secret: string, ms: number) => {
    const updated = await t.store.context.db
      .updateTable('tessera_refresh_tokens')
      .set({ used_at: timestampText(Date.now() - ms) })
      .where('token_hash', '=', hashSecret(secret))
      .where('used_at', 'is not', null)
      .executeTakeFirst();
    expect(Number(updated.numUpdatedRows)).toBe(1);
  };

  beforeAll(async () => {
    t = await createAuthTestApp(dialect);
    await signUp(t, 'tabs@example.com');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers a second tab refreshing with the rotated cookie: a JWT and a new cookie, nothing revoked', async () => {
    const { refresh: shared } = await signIn(t, 'tabs@example.com');
    const { refresh: otherDevice } = await signIn(t, 'tabs@example.com');
    const firstTab = await refresh(shared);
    expect(firstTab.status).toBe(200);
    const secondTab = await refresh(shared);
    expect(secondTab.status).toBe(200);
    expect((await me(secondTab.body.token)).status).toBe(200);
    const [first, second] = [cookieOf(firstTab), cookieOf(secondTab)];
    expect(second).toHaveLength(40);
    expect(new Set([shared, first, second]).size).toBe(3);
    expect(hintOf(secondTab)).toMatch(new RegExp(`^${SESSION_HINT_COOKIE}=1;`));
    // Both successors, and the user's other sessions, keep working.
    expect((await refresh(first)).status).toBe(200);
    expect((await refresh(second)).status).toBe(200);
    expect((await refresh(otherDevice)).status).toBe(200);
  });

  it('answers both of two refreshes sent at the same moment with the same cookie', async () => {
    const { refresh: shared } = await signIn(t, 'tabs@example.com');
    const answers = await Promise.all([refresh(shared), refresh(shared), refresh(shared)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const successors = answers.map(cookieOf);
    expect(new Set(successors).size).toBe(3);
    for (const successor of successors) expect((await refresh(successor)).status).toBe(200);
  });

  it('still treats the rotated cookie as stolen after the grace period: every session ends', async () => {
    const { refresh: stolen } = await signIn(t, 'tabs@example.com');
    const { refresh: otherDevice } = await signIn(t, 'tabs@example.com');
    const legit = await refresh(stolen);
    expect(legit.status).toBe(200);
    // Just inside the grace period it is still the other tab.
    await rotatedAgo(stolen, REFRESH_REUSE_GRACE_MS - 5_000);
    const lateTab = await refresh(stolen);
    expect(lateTab.status).toBe(200);
    await rotatedAgo(stolen, REFRESH_REUSE_GRACE_MS + 1_000);
    const replay = await refresh(stolen);
    expect(replay.status).toBe(401);
    expect(replay.body.msg).toBe('Invalid refresh token');
    expect(cookieOf(replay)).toBe('');
    expect(hintOf(replay)).toMatch(new RegExp(`^${SESSION_HINT_COOKIE}=;`));
    for (const secret of [cookieOf(legit), cookieOf(lateTab), otherDevice])
      expect((await refresh(secret)).status).toBe(401);
    expect((await signIn(t, 'tabs@example.com')).response.status).toBe(200);
  });

  it("signs out the whole session: every tab's cookie, and the rotated one within the grace period", async () => {
    const { refresh: shared } = await signIn(t, 'tabs@example.com');
    const { refresh: otherDevice } = await signIn(t, 'tabs@example.com');
    const firstTab = cookieOf(await refresh(shared));
    const secondTab = cookieOf(await refresh(shared));
    const out = await t.callWith(withCookie(secondTab), 'POST', '/api/v1/auth/user/signout');
    expect(out.status).toBe(200);
    expect(cookieOf(out)).toBe('');
    for (const secret of [firstTab, secondTab, shared]) expect((await refresh(secret)).status).toBe(401);
    // Another sign-in is another session.
    expect((await refresh(otherDevice)).status).toBe(200);
  });
});
