// The gallery view in Chromium against a real server (SQLite): cards with a cover image
// uploaded through the storage API, a placeholder without one, more cards as the end
// scrolls into sight, the shown fields chosen in the settings, a click opening the record.
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createRecords,
  createScenes,
  createView,
  gradientPng,
  type Scenes,
  uploadImage,
} from './cards-fixture.ts';
import { chromiumPath, type TestBrowser } from './support/browser.ts';
import { eventually } from './support/rest.ts';
import { type SignedInSession, startSignedInSession } from './support/signed-in-session.ts';
import type { UiServer } from './support/ui-server.ts';

let session: SignedInSession;
let server: UiServer;
let browser: TestBrowser;
let page: Page;
let scenes: Scenes;
let viewId: string;
let ids: number[];

const cards = '[data-testid="record-card"]';
const card = (id: number) => `${cards}[data-record-id="${id}"]`;

beforeAll(async () => {
  session = await startSignedInSession('sqlite');
  ({ server, browser, page } = session);
  scenes = await createScenes(server);
  const harbour = await uploadImage(server, scenes.baseId, 'harbour.png', gradientPng(320, 200));
  const rooftops = await uploadImage(server, scenes.baseId, 'rooftops.png', gradientPng(200, 320));
  ids = await createRecords(server, scenes.tableId, [
    { Title: 'Opening', Status: 'Draft', Notes: 'Harbour at dawn', Photos: harbour },
    { Title: 'Chase', Status: 'Review', Notes: 'Rooftops, two cameras', Photos: rooftops },
    { Title: 'Finale', Status: 'Approved', Notes: 'No photos yet' },
    ...Array.from({ length: 57 }, (_, i) => ({ Title: `Scene ${i + 4}` })),
  ]);
  viewId = (
    await createView(server, scenes.tableId, 'galleries', {
      title: 'Storyboard',
      fk_cover_image_col_id: scenes.fieldIds.Photos,
    })
  ).id;
});

afterAll(async () => {
  await session?.stop();
});

describe.skipIf(!existsSync(chromiumPath))('gallery view', () => {
  it('shows cards with the cover image, the title and the shown fields', async () => {
    await page.goto(`/bases/${scenes.baseId}/tables/${scenes.tableId}/views/${viewId}`);
    await page.waitForSelector(card(ids[0]!));
    await page.waitForFunction((selector) => {
      const image = document.querySelector<HTMLImageElement>(`${selector} img`);
      return image?.complete && image.naturalWidth > 0;
    }, card(ids[0]!));
    expect(await page.locator(`${card(ids[0]!)} .record-card-title`).textContent()).toBe('Opening');
    expect(await page.locator(card(ids[0]!)).textContent()).toContain('Harbour at dawn');
    expect(await page.locator(`${card(ids[2]!)} img`).count()).toBe(0);
    expect(await page.locator(`${card(ids[2]!)} .record-card-cover`).count()).toBe(1);
    expect(await page.locator('[data-testid="gallery-count"]').textContent()).toBe('60 records');
    expect(await page.locator(cards).count()).toBe(50);
  });

  it('loads more cards as the end scrolls into sight', async () => {
    await page.locator('.gallery-scroll').evaluate((element) => element.scrollTo(0, element.scrollHeight));
    await page.waitForFunction((selector) => document.querySelectorAll(selector).length === 60, cards);
  });

  it('hides a field from the cards in the settings', async () => {
    await page.locator('.gallery-scroll').evaluate((element) => element.scrollTo(0, 0));
    await page.locator('[data-testid="card-settings"]').click();
    await page.locator('[data-testid="card-field-Notes"]').uncheck();
    await page.waitForFunction(
      (selector) => !document.querySelector(selector)?.textContent?.includes('Harbour at dawn'),
      card(ids[0]!),
    );
    await eventually('Notes hidden in the view', async () => {
      const reply = await server.request('GET', `/api/v2/meta/views/${viewId}/columns`);
      const notes = (reply.body.list as { fk_column_id: string; show: boolean }[]).find(
        (c) => c.fk_column_id === scenes.fieldIds.Notes,
      );
      return notes?.show === false ? true : undefined;
    });
    await page.locator('[data-testid="card-field-Notes"]').check();
    await page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent?.includes('Harbour at dawn'),
      card(ids[0]!),
    );
    await page.keyboard.press('Escape');
  });

  it('opens a card in the record panel', async () => {
    await browser.screenshot(page, 'gallery');
    await page.locator(card(ids[1]!)).click();
    await page.waitForSelector('[data-testid="record-panel"]');
    expect(page.url()).toContain(`record=${ids[1]}`);
    await page.waitForSelector('[data-testid="record-panel-title"]:text-is("Chase")');
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="record-panel"]', { state: 'detached' });
    expect(browser.errors()).toEqual([]);
  });
});
