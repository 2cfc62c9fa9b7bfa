// Steps through the app shell's UI that browser tests share: sign up, sign in and out, create a
// base or a table, open a table. Each waits until the app shows the result.
import type { Page } from 'playwright-core';

export interface UiUser {
  readonly email: string;
  readonly password: string;
  readonly firstname?: string;
  readonly lastname?: string;
}

/** Types a name into the open name dialog (new base, table, view; rename) and submits it. */
export async function submitNameDialog(page: Page, name: string): Promise<void> {
  const input = page.getByTestId('name-dialog-input');
  await input.fill(name);
  await page.getByTestId('name-dialog-submit').click();
  await input.waitFor({ state: 'detached' });
}

/** Signs up on /signup (the first account becomes the owner) and waits for the signed-in app. */
export async function signUpThroughUi(page: Page, user: UiUser, invitation?: string): Promise<void> {
  await page.goto(invitation ? `/signup?token=${encodeURIComponent(invitation)}` : '/signup');
  if (user.firstname) await page.getByTestId('signup-firstname').fill(user.firstname);
  if (user.lastname) await page.getByTestId('signup-lastname').fill(user.lastname);
  await page.getByTestId('signup-email').fill(user.email);
  await page.getByTestId('signup-password').fill(user.password);
  await page.getByTestId('signup-submit').click();
  await page.getByTestId('sidebar').waitFor();
}

/** Fills the sign-in form on the page shown (signed out) and submits it. */
export async function fillSignIn(page: Page, email: string, password: string): Promise<void> {
  await page.getByTestId('signin-email').fill(email);
  await page.getByTestId('signin-password').fill(password);
  await page.getByTestId('signin-submit').click();
}

export async function signInThroughUi(page: Page, email: string, password: string): Promise<void> {
  if (!(await page.getByTestId('signin-form').isVisible())) await page.goto('/signin');
  await fillSignIn(page, email, password);
  await page.getByTestId('sidebar').waitFor();
}

export async function signOutThroughUi(page: Page): Promise<void> {
  await page.getByTestId('user-menu-button').click();
  await page.getByTestId('menu-signout').click();
  await page.getByTestId('signin-form').waitFor();
}

/** Creates a base from the sidebar; answers its id (from the address it opens). */
export async function createBaseThroughUi(page: Page, title: string): Promise<string> {
  const before = page.url();
  await page.getByTestId('sidebar-new-base').click();
  await submitNameDialog(page, title);
  await page.waitForURL((url) => url.href !== before && /^\/bases\/[^/]+$/.test(url.pathname));
  return new URL(page.url()).pathname.split('/')[2]!;
}

/** Creates a table in a base from the sidebar (expanding the base); answers its id. */
export async function createTableThroughUi(page: Page, baseTitle: string, title: string): Promise<string> {
  const newTable = page.getByTestId(`sidebar-new-table-${baseTitle}`);
  // Expand by the toggle's state, not the row's visibility: "New table" shows only once the
  // caller's access to the base has loaded, and clicking then would collapse the base.
  const toggle = page.getByTestId(`sidebar-toggle-${baseTitle}`);
  if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  const before = page.url();
  await newTable.click();
  await submitNameDialog(page, title);
  await page.waitForURL((url) => url.href !== before && /\/tables\/[^/]+/.test(url.pathname));
  const tableId = new URL(page.url()).pathname.split('/')[4]!;
  await page.locator(`[data-testid="table-page"][data-table-id="${tableId}"]`).waitFor();
  return tableId;
}

/** Opens a table from the sidebar (its base expanded) and waits for its page. */
export async function openTableThroughUi(page: Page, tableTitle: string): Promise<void> {
  await page.getByTestId(`sidebar-table-${tableTitle}`).click();
  await page.locator(`[data-testid="sidebar-table-${tableTitle}"][aria-current="page"]`).waitFor();
  await page.waitForURL(/\/tables\/[^/]+\/views\/[^/]+/);
  const tableId = new URL(page.url()).pathname.split('/')[4]!;
  await page.locator(`[data-testid="table-page"][data-table-id="${tableId}"]`).waitFor();
}
