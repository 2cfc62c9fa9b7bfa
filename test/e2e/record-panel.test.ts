// The record panel in Chromium against a real server (SQLite): opened from `?record=`, a
// field edited and saved, a comment added, edited and deleted, and all of it in the
// record's history (checked through the audit API and the panel's own text).
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecords, createScenes, createView, readRecord, type Scenes } from './cards-fixture.ts';
import { chromiumPath, type TestBrowser } from './support/browser.ts';
import { eventually } from './support/rest.ts';
import { type SignedInSession, startSignedInSession } from './support/signed-in-session.ts';
import type { UiServer } from './support/ui-server.ts';

let session: SignedInSession;
let server: UiServer;
let browser: TestBrowser;
let page: Page;
let scenes: Scenes;
let ids: number[];
let viewId: string;

const panel = '[data-testid="record-panel"]';

async function comments(): Promise<{ comment: string; is_edited: boolean }[]> {
  const reply = await server.request(
    'GET',
    `/api/v2/meta/comments?fk_model_id=${scenes.tableId}&row_id=${ids[0]}`,
  );
  return reply.body.list;
}

async function auditActions(): Promise<string[]> {
  const reply = await server.request(
    'GET',
    `/api/v2/tables/${scenes.tableId}/records/${ids[0]}/audits?limit=50`,
  );
  return (reply.body.list as { action: string }[]).map((entry) => entry.action);
}

beforeAll(async () => {
  session = await startSignedInSession('sqlite');
  ({ server, browser, page } = session);
  scenes = await createScenes(server);
  ids = await createRecords(server, scenes.tableId, [
    { Title: 'Opening', Status: 'Draft', Notes: 'Harbour at dawn' },
    { Title: 'Chase', Status: 'Review' },
  ]);
  viewId = (await createView(server, scenes.tableId, 'galleries', { title: 'Cards' })).id;
});

afterAll(async () => {
  await session?.stop();
});

describe.skipIf(!existsSync(chromiumPath))('record panel', () => {
  it('opens the record named by ?record= with every field', async () => {
    await page.goto(`/bases/${scenes.baseId}/tables/${scenes.tableId}/views/${viewId}?record=${ids[0]}`);
    await page.waitForSelector(`${panel} [data-testid="input-Title"]`);
    expect(await page.locator('[data-testid="record-panel-title"]').textContent()).toBe('Opening');
    const shown = await page.$$eval(`${panel} [data-testid="record-field"]`, (rows) =>
      rows.map((row) => row.getAttribute('data-field-title')),
    );
    expect(shown).toEqual(expect.arrayContaining(['Title', 'Status', 'Notes', 'Photos']));
  });

  it('saves a text field on Enter and a long text when it is left', async () => {
    await page.locator(`${panel} [data-testid="input-Title"]`).fill('Opening night');
    await page.locator(`${panel} [data-testid="input-Title"]`).press('Enter');
    await eventually('Title saved', async () =>
      (await readRecord(server, scenes.tableId, ids[0]!)).Title === 'Opening night' ? true : undefined,
    );
    await page.waitForFunction(
      () => document.querySelector('[data-testid="record-panel-title"]')?.textContent === 'Opening night',
    );
    await page.locator(`${panel} [data-testid="input-Notes"]`).fill('Harbour at dawn, long lens');
    await page.locator('[data-testid="record-tab-comments"]').click();
    await eventually('Notes saved', async () =>
      (await readRecord(server, scenes.tableId, ids[0]!)).Notes === 'Harbour at dawn, long lens'
        ? true
        : undefined,
    );
  });

  it('adds a comment with Ctrl+Enter, edits it and deletes it', async () => {
    await page.locator('[data-testid="comment-input"]').fill('Needs more light');
    await page.locator('[data-testid="comment-input"]').press('Control+Enter');
    await page.waitForSelector('[data-testid="comment-text"]:has-text("Needs more light")');
    expect(await comments()).toMatchObject([{ comment: 'Needs more light', is_edited: false }]);

    await page.locator('[data-testid="comment-edit"]').click();
    await page.locator('[data-testid="comment-edit-input"]').fill('Needs more light on the left');
    await page.locator('[data-testid="comment-save"]').click();
    await page.waitForSelector('[data-testid="comment-text"]:has-text("on the left")');
    expect(await page.locator('[data-testid="comment"]').textContent()).toContain('(edited)');
    expect(await comments()).toMatchObject([{ comment: 'Needs more light on the left', is_edited: true }]);

    await page.locator('[data-testid="comment-delete"]').click();
    await page.locator('[data-testid="confirm-button"]').click();
    await page.waitForSelector('[data-testid="comment"]', { state: 'detached' });
    expect(await comments()).toEqual([]);
    // The panel stays open: the dialog's Escape and buttons are its own.
    expect(await page.locator(panel).count()).toBe(1);
  });

  it('shows the edits and the comments in the history, newest first', async () => {
    const actions = await eventually('audited comment delete', async () => {
      const list = await auditActions();
      return list[0] === 'comment.delete' ? list : undefined;
    });
    expect(actions).toEqual([
      'comment.delete',
      'comment.update',
      'comment.insert',
      'record.update',
      'record.update',
      'record.insert',
    ]);
    await page.locator('[data-testid="record-tab-history"]').click();
    await page.waitForSelector('[data-testid="history-entry"][data-action="comment.delete"]');
    const shown = await page.$$eval('[data-testid="history-entry"]', (entries) =>
      entries.map((entry) => [entry.getAttribute('data-action'), entry.textContent ?? '']),
    );
    expect(shown.map(([action]) => action)).toEqual(actions);
    const text = Object.fromEntries(shown.slice(0, 5));
    expect(text['comment.insert']).toContain('Needs more light');
    expect(text['comment.update']).toContain('on the left');
    expect(shown[4]?.[1]).toContain('Opening night');
    expect(shown[4]?.[1]).toContain('owner@example.com');
    expect(shown[3]?.[1]).toContain('long lens');
    await browser.screenshot(page, 'record-panel');
  });

  it('copies its link and closes with Escape', async () => {
    await page.locator('[data-testid="record-copy-link"]').click();
    await page.waitForSelector(`.toast:has-text("record=${ids[0]}"), .toast:has-text("copied")`);
    await page.keyboard.press('Escape');
    await page.waitForSelector(panel, { state: 'detached' });
    expect(page.url()).not.toContain('record=');
    expect(browser.errors()).toEqual([]);
  });
});
