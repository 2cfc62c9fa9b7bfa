// The server serves the built web app at `/`: index.html for app routes, hashed assets with
// long caching, API paths still answered by the API, and the page boots without errors.
import { existsSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser, type TestBrowser } from './support/browser.ts';
import { startUiServer, type UiServer } from './support/ui-server.ts';

let server: UiServer;

beforeAll(async () => {
  server = await startUiServer('sqlite');
});
afterAll(async () => {
  await server?.stop();
});

describe('serving the web app', () => {
  it('answers index.html with a content security policy at / and at app routes', async () => {
    for (const path of ['/', '/signin', '/bases/p123/tables/m456/views/vw789?record=3']) {
      const reply = await fetch(`${server.baseUrl}${path}`);
      expect(reply.status).toBe(200);
      expect(reply.headers.get('content-type')).toMatch(/text\/html/);
      expect(reply.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(reply.headers.get('cache-control')).toBe('no-cache');
      expect(await reply.text()).toContain('<div id="portal"');
    }
  });

  it('serves hashed assets with a year of caching, and 404s unknown ones', async () => {
    const html = await (await fetch(`${server.baseUrl}/`)).text();
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${server.baseUrl}${script}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const missing = await fetch(`${server.baseUrl}/assets/nope-123.js`);
    expect(missing.status).toBe(404);
    const traversal = await fetch(`${server.baseUrl}/assets/..%2f..%2fpackage.json`);
    expect(traversal.status).toBe(404);
  });

  it('keeps API paths on the API: unknown ones are JSON 404s, not the app', async () => {
    const reply = await fetch(`${server.baseUrl}/api/v2/no-such-route`);
    expect(reply.status).toBe(404);
    expect(await reply.json()).toMatchObject({ msg: expect.stringContaining('Cannot GET') });
  });

  it.skipIf(!existsSync(chromiumPath))(
    'boots in Chromium to the sign-in page without console errors',
    async () => {
      const browser: TestBrowser = await launchBrowser(server.baseUrl);
      try {
        const page = await browser.newPage();
        await page.goto('/');
        await page.waitForURL(/\/(signin)?$/);
        await page.waitForSelector('#root > *');
        await browser.screenshot(page, 'boot');
        expect(browser.errors()).toEqual([]);
      } finally {
        await browser.close();
      }
    },
  );
});
