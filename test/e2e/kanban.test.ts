// The kanban view in Chromium against a real server (SQLite, PostgreSQL): cards stacked by Status, a
// mouse drag between stacks changes the record, a drag within a stack reorders it (kept by
// the server), a keyboard drag moves a card, stacks collapse (kept in the view), "+" adds a card.
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Field } from '../../packages/web/src/api/types.ts';
import { stacksOf, stackWhere } from '../../packages/web/src/views/kanban/kanban-stacks.ts';
import { createRecords, createScenes, createView, readRecord, type Scenes } from './cards-fixture.ts';
import { chromiumPath, type TestBrowser } from './support/browser.ts';
import { eventually } from './support/rest.ts';
import { type SignedInSession, startSignedInSession } from './support/signed-in-session.ts';
import type { UiServer } from './support/ui-server.ts';

// The board on SQLite and on PostgreSQL: the view's own record order is dialect-specific SQL.
const dialects = ['sqlite', 'postgres'] as const;
/** An option whose title needs quoting in a filter. */
const cut = "Won't use (cut) \\ sorry";

describe.skipIf(!existsSync(chromiumPath)).each(dialects)('kanban view on %s', (dialect) => {
  let session: SignedInSession;
  let server: UiServer;
  let browser: TestBrowser;
  let page: Page;
  let scenes: Scenes;
  let viewId: string;
  let ids: number[];

  const stack = (title: string) =>
    `[data-testid="kanban-stack"][data-stack-title="${title.replace(/["\\]/g, (c) => `\\${c}`)}"]`;
  const card = (id: number) => `[data-testid="record-card"][data-record-id="${id}"]`;

  async function cardIdsIn(title: string): Promise<number[]> {
    return page.$$eval(`${stack(title)} [data-testid="record-card"]`, (cards) =>
      cards.map((c) => Number(c.getAttribute('data-record-id'))),
    );
  }

  /** The record ids of a stack as the server lists them for the view. */
  async function listedIds(status: string): Promise<number[]> {
    const where = encodeURIComponent(`(Status,eq,${status})`);
    const reply = await server.request(
      'GET',
      `/api/v2/tables/${scenes.tableId}/records?viewId=${viewId}&where=${where}`,
    );
    return (reply.body.list as { Id: number }[]).map((r) => r.Id);
  }

  /** Presses on `from`, moves in steps to `to` (dnd-kit needs several moves), releases. */
  async function drag(from: string, to: string, offsetY = 0) {
    const source = await page.locator(from).boundingBox();
    const target = await page.locator(to).boundingBox();
    if (!source || !target) throw new Error('drag: element not visible');
    const start = { x: source.x + source.width / 2, y: source.y + source.height / 2 };
    await page.mouse.move(start.x, start.y);
    await page.mouse.down();
    await page.mouse.move(start.x + 8, start.y + 8, { steps: 4 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2 + offsetY, { steps: 20 });
    await page.mouse.move(target.x + target.width / 2, target.y + target.height / 2 + offsetY + 1, {
      steps: 2,
    });
    await page.mouse.up();
  }

  beforeAll(async () => {
    session = await startSignedInSession(dialect);
    ({ server, browser, page } = session);
    scenes = await createScenes(server);
    const view = await createView(server, scenes.tableId, 'kanbans', { title: 'Board' });
    viewId = view.id;
    ids = await createRecords(server, scenes.tableId, [
      { Title: 'Opening', Status: 'Draft', Notes: 'Wide shot of the harbour at dawn' },
      { Title: 'Chase', Status: 'Draft', Notes: 'Rooftops, two cameras' },
      { Title: 'Storm', Status: 'Draft' },
      { Title: 'Finale', Status: 'Review' },
      { Title: 'Credits' },
    ]);
  });

  afterAll(async () => {
    await session?.stop();
  });

  it('stacks the cards by Status: Uncategorized first, counts per stack', async () => {
    await page.goto(`/bases/${scenes.baseId}/tables/${scenes.tableId}/views/${viewId}`);
    await page.waitForSelector(`${stack('Draft')} ${card(ids[2]!)}`);
    const titles = await page.$$eval('[data-testid="kanban-stack"]', (s) =>
      s.map((e) => e.getAttribute('data-stack-title')),
    );
    expect(titles).toEqual(['Uncategorized', 'Draft', 'Review', 'Approved']);
    expect(await cardIdsIn('Draft')).toEqual([ids[0], ids[1], ids[2]]);
    expect(await cardIdsIn('Uncategorized')).toEqual([ids[4]]);
    expect(await page.locator(`${stack('Draft')} [data-testid="kanban-stack-count"]`).textContent()).toBe(
      '3',
    );
  });

  it('drags a card from Draft to Approved with the mouse: the record becomes Approved', async () => {
    await drag(card(ids[0]!), stack('Approved'));
    await eventually('Status Approved', async () =>
      (await readRecord(server, scenes.tableId, ids[0]!)).Status === 'Approved' ? true : undefined,
    );
    await page.waitForSelector(`${stack('Approved')} ${card(ids[0]!)}`);
    expect(await cardIdsIn('Draft')).toEqual([ids[1], ids[2]]);
    expect(await page.locator(`${stack('Approved')} [data-testid="kanban-stack-count"]`).textContent()).toBe(
      '1',
    );
  });

  it('reorders within a stack: the order persists on the server and after a reload', async () => {
    await drag(card(ids[2]!), card(ids[1]!), -20);
    await eventually('Draft order', async () => {
      const listed = await listedIds('Draft');
      return listed[0] === ids[2] ? listed : undefined;
    });
    expect(await listedIds('Draft')).toEqual([ids[2], ids[1]]);
    await page.reload();
    await page.waitForSelector(`${stack('Draft')} ${card(ids[1]!)}`);
    expect(await cardIdsIn('Draft')).toEqual([ids[2], ids[1]]);
  });

  it('moves a card with the keyboard: Space picks it up, an arrow moves it, Space drops it', async () => {
    await page.locator(card(ids[3]!)).focus();
    await page.keyboard.press('Space');
    await page.waitForTimeout(150);
    await page.keyboard.press('ArrowRight');
    await page.waitForTimeout(300);
    await page.keyboard.press('Space');
    await eventually('Status after keyboard drag', async () =>
      (await readRecord(server, scenes.tableId, ids[3]!)).Status === 'Approved' ? true : undefined,
    );
    await page.waitForSelector(`${stack('Approved')} ${card(ids[3]!)}`);
  });

  it('collapses a stack and keeps that in the view', async () => {
    await page.locator(`${stack('Review')} [data-testid="kanban-collapse"]`).click();
    await page.waitForSelector(`${stack('Review')}.kanban-stack-collapsed`);
    const reviewId = scenes.statusOptionIds.Review;
    await eventually('collapsed in view meta', async () => {
      const reply = await server.request('GET', `/api/v2/meta/kanbans/${viewId}`);
      const collapsed = reply.body.meta?.collapsedStacks as string[] | undefined;
      return collapsed?.includes(reviewId ?? 'Review') ? true : undefined;
    });
    await page.reload();
    await page.waitForSelector(`${stack('Review')}.kanban-stack-collapsed`);
  });

  it('adds a card in a stack and opens it in the record panel', async () => {
    await page.locator(`${stack('Approved')} [data-testid="kanban-add-card"]`).click();
    await page.waitForSelector('[data-testid="record-panel"]');
    const added = await eventually('a new Approved record', async () => {
      const listed = await listedIds('Approved');
      return listed.length === 3 ? listed.find((id) => !ids.includes(id)) : undefined;
    });
    expect(page.url()).toContain(`record=${added}`);
    await page.keyboard.press('Escape');
    await page.waitForSelector('[data-testid="record-panel"]', { state: 'detached' });
    await page.waitForSelector(`${stack('Approved')} ${card(added)}`);
    expect(await page.locator(`${stack('Approved')} [data-testid="kanban-stack-count"]`).textContent()).toBe(
      '3',
    );
  });

  it('lists a stack whose option title needs quoting in the filter', async () => {
    const takes = await createScenes(server, [cut]);
    const [outtake] = await createRecords(server, takes.tableId, [
      { Title: 'Outtakes', Status: cut },
      { Title: 'Keeper', Status: 'Draft' },
    ]);
    const table = await server.request('GET', `/api/v2/meta/tables/${takes.tableId}`);
    const status = (table.body.columns as Field[]).find((f) => f.title === 'Status')!;
    const cutStack = stacksOf(status).find((s) => s.value === cut)!;
    const where = encodeURIComponent(stackWhere(status, cutStack));
    const listed = await server.request('GET', `/api/v2/tables/${takes.tableId}/records?where=${where}`);
    expect(listed.body.list.map((r: { Id: number }) => r.Id)).toEqual([outtake]);
    const board = await createView(server, takes.tableId, 'kanbans', { title: 'Takes board' });
    await page.goto(`/bases/${takes.baseId}/tables/${takes.tableId}/views/${board.id}`);
    await page.waitForSelector(`${stack(cut)} ${card(outtake!)}`);
  });

  it('opens a card in the record panel with a click', async () => {
    await page.goto(`/bases/${scenes.baseId}/tables/${scenes.tableId}/views/${viewId}`);
    await page.locator(card(ids[1]!)).click();
    await page.waitForSelector('[data-testid="record-panel"]');
    await page.waitForSelector('[data-testid="record-panel-title"]:text-is("Chase")');
    await page.locator('[data-testid="record-panel-close"]').click();
    await page.waitForSelector('[data-testid="record-panel"]', { state: 'detached' });
    if (dialect === 'sqlite') await browser.screenshot(page, 'kanban');
    expect(browser.errors()).toEqual([]);
  });
});
