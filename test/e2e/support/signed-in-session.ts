// Browsers signed in as a user, for tests whose subject is not the sign-in pages: a whole
// session (a server, a browser signed up as its first user, a page) for a test file, and a
// browser of its own (signed out or as a further user) closed once its steps are done.
import type { Page } from 'playwright-core';
import type { TestDialect } from '../../support/test-databases.ts';
import { launchBrowser, type TestBrowser } from './browser.ts';
import { type BrowserUser, signUpInBrowser } from './browser-session.ts';
import { startUiServer, type UiServer } from './ui-server.ts';

export interface SignInOptions {
  /** The user to sign up; the first one to sign up owns the instance. */
  readonly email?: string;
  /** Console errors the test causes on purpose (see launchBrowser). */
  readonly ignoreErrors?: RegExp[];
}

export interface SignedInBrowser {
  readonly browser: TestBrowser;
  readonly page: Page;
  readonly user: BrowserUser;
}

/** A browser on the server's address, signed up as a new user, with a page open. */
export async function signedInBrowser(
  server: UiServer,
  options: SignInOptions = {},
): Promise<SignedInBrowser> {
  const browser = await launchBrowser(server.baseUrl, { ignoreErrors: options.ignoreErrors });
  try {
    const user = await signUpInBrowser(browser.context, options.email ?? 'owner@example.com');
    const page = await browser.newPage();
    return { browser, page, user };
  } catch (failure) {
    await browser.close();
    throw failure;
  }
}

export interface SignedInSession extends SignedInBrowser {
  readonly server: UiServer;
  /** Closes the browser and stops the server. */
  stop(): Promise<void>;
}

/** A server serving the web app and a browser signed up as its owner (see signedInBrowser). */
export async function startSignedInSession(
  dialect: TestDialect,
  options: SignInOptions = {},
): Promise<SignedInSession> {
  const server = await startUiServer(dialect);
  try {
    const signedIn = await signedInBrowser(server, options);
    return {
      ...signedIn,
      server,
      async stop() {
        await signedIn.browser.close();
        await server.stop();
      },
    };
  } catch (failure) {
    await server.stop();
    throw failure;
  }
}

export interface OwnBrowserOptions {
  /** Console errors the steps cause on purpose (see launchBrowser). */
  readonly ignoreErrors?: RegExp[];
  /** Signs up as this user first (a member of a base if asked); without it, signed out. */
  readonly user?: {
    readonly email: string;
    readonly member?: { readonly baseId: string; readonly roles: string };
  };
}

/**
 * Runs `steps` in a browser of its own on the server's address (signed out, or signed up as
 * another user), then closes it; answers what `steps` answers.
 */
export async function inOwnBrowser<T>(
  server: UiServer,
  options: OwnBrowserOptions,
  steps: (browser: TestBrowser, page: Page) => Promise<T>,
): Promise<T> {
  const browser = await launchBrowser(server.baseUrl, { ignoreErrors: options.ignoreErrors });
  try {
    const { user } = options;
    if (user) {
      await signUpInBrowser(browser.context, user.email);
      if (user.member) {
        const { baseId, roles } = user.member;
        const reply = await server.request('POST', `/api/v2/meta/bases/${baseId}/users`, {
          email: user.email,
          roles,
        });
        if (reply.status !== 200)
          throw new Error(
            `adding ${user.email} to base ${baseId}: ${reply.status} ${JSON.stringify(reply.body)}`,
          );
      }
    }
    return await steps(browser, await browser.newPage());
  } finally {
    await browser.close();
  }
}
