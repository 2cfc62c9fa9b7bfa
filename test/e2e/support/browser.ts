// Debian's Chromium driven by playwright-core, for end-to-end tests against a real server.
// Each browser gets a fresh profile; every console error and page error is collected so a
// test can assert the run had none. Screenshots go to test-artifacts/ (kept by CI).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Launch flags that work as root in a container with no network (STACK.md). */
const launchArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const artifactsDir = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

export interface TestBrowser {
  readonly context: BrowserContext;
  /** Opens a page with console and page errors recorded. */
  newPage(): Promise<Page>;
  /** Console errors and uncaught page errors so far, with the page URL. */
  errors(): string[];
  /** Saves a full-window PNG as test-artifacts/<name>.png. */
  screenshot(page: Page, name: string): Promise<string>;
  close(): Promise<void>;
}

export async function launchBrowser(
  baseURL: string,
  options: { ignoreErrors?: RegExp[] } = {},
): Promise<TestBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'tessera-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    args: launchArgs,
    headless: true,
    baseURL,
    viewport: { width: 1280, height: 800 },
    acceptDownloads: false,
  });
  const errors: string[] = [];
  const ignored = (text: string) => options.ignoreErrors?.some((pattern) => pattern.test(text)) ?? false;
  const watch = (page: Page) => {
    page.on('console', (message) => {
      if (message.type() === 'error' && !ignored(message.text()))
        errors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => {
      if (!ignored(error.message)) errors.push(`${page.url()}: ${error.message}`);
    });
  };
  for (const page of context.pages()) watch(page);
  context.on('page', watch);
  mkdirSync(artifactsDir, { recursive: true });
  return {
    context,
    newPage: () => context.newPage(),
    errors: () => [...errors],
    async screenshot(page, name) {
      const path = join(artifactsDir, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
