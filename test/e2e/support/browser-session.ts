// Signs a user up or in from inside the browser context, so the refresh cookie lands in the
// browser and the app opens signed in. For tests whose subject is not the sign-in pages.
import type { BrowserContext } from 'playwright-core';

export interface BrowserUser {
  readonly email: string;
  readonly password: string;
  /** The JWT the server answered, for API calls as this user (`xc-auth`). */
  readonly token: string;
}

export async function signUpInBrowser(
  context: BrowserContext,
  email: string,
  password = 'correct horse battery',
  firstname = 'Test',
): Promise<BrowserUser> {
  const reply = await context.request.post('/api/v1/auth/user/signup', {
    data: { email, password, firstname, lastname: 'User' },
  });
  if (!reply.ok()) throw new Error(`sign-up failed: ${reply.status()} ${await reply.text()}`);
  const { token } = (await reply.json()) as { token: string };
  return { email, password, token };
}

export async function signInInBrowser(
  context: BrowserContext,
  email: string,
  password: string,
): Promise<BrowserUser> {
  const reply = await context.request.post('/api/v1/auth/user/signin', { data: { email, password } });
  if (!reply.ok()) throw new Error(`sign-in failed: ${reply.status()} ${await reply.text()}`);
  const { token } = (await reply.json()) as { token: string };
  return { email, password, token };
}
