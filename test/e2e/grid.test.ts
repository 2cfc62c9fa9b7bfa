// The canvas grid in Chromium against a real server (SQLite): cells of several types edited
// with the keyboard (text, number, select, date) and the mouse (checkbox), an edit undone and
// redone, a range copied as TSV, a 3×3 TSV block pasted past the last row (adding a row), fill
// down, a cell cleared, a row added and one deleted, a column resized (its width saved in the
// view). Every result is checked through the REST API; glide draws on a canvas, so cells are
// found from the grid's published layout (window.__tesseraGrid).
import { existsSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRecords } from './cards-fixture.ts';
import { chromiumPath, type TestBrowser } from './support/browser.ts';
import { callApi, eventually, until } from './support/rest.ts';
import { type SignedInSession, startSignedInSession } from './support/signed-in-session.ts';
import type { UiServer } from './support/ui-server.ts';

interface GridLayout {
  headerHeight: number;
  rowHeight: number;
  markerWidth: number;
  columns: { title: string; width: number }[];
  totalRows: number | undefined;
  loadedRows: number;
  frozenColumns: number;
}

type Row = Record<string, unknown> & { Id: number };

let session: SignedInSession;
let server: UiServer;
let browser: TestBrowser;
let page: Page;
let baseId: string;
let tableId: string;
let viewId: string;
let ids: number[];
const fieldIds: Record<string, string> = {};

const call = (method: string, path: string, body?: unknown) => callApi(server, method, path, body);

const rows = async (): Promise<Row[]> =>
  (await call('GET', `/api/v2/tables/${tableId}/records?limit=100`)).list;
const rowById = async (id: number): Promise<Row> => call('GET', `/api/v2/tables/${tableId}/records/${id}`);

const canvas = (): Locator => page.locator('[data-testid="record-grid"] [data-testid="data-grid-canvas"]');
const layout = (): Promise<GridLayout> =>
  page.evaluate(() => (window as unknown as { __tesseraGrid: GridLayout }).__tesseraGrid);

/** The page coordinates of a cell's centre (row -1: the header; column -1: the row marker). */
async function cellPoint(title: string | null, row: number, dx = 0): Promise<{ x: number; y: number }> {
  const grid = await layout();
  const box = await canvas().boundingBox();
  if (!box) throw new Error('the grid canvas is not on the page');
  let x = box.x + grid.markerWidth / 2;
  if (title !== null) {
    const index = grid.columns.findIndex((c) => c.title === title);
    if (index < 0) throw new Error(`no column ${title}`);
    const left = grid.columns.slice(0, index).reduce((sum, c) => sum + c.width, grid.markerWidth);
    x = box.x + left + grid.columns[index]!.width / 2 + dx;
  }
  const y =
    row < 0
      ? box.y + grid.headerHeight / 2
      : box.y + grid.headerHeight + row * grid.rowHeight + grid.rowHeight / 2;
  return { x, y };
}

/** Two animation frames: glide moves the keyboard focus in one after a click. */
const nextFrames = () =>
  page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));

async function clickCell(
  title: string | null,
  row: number,
  options: { button?: 'right'; shift?: boolean } = {},
) {
  const { x, y } = await cellPoint(title, row);
  if (options.shift) await page.keyboard.down('Shift');
  await page.mouse.click(x, y, { button: options.button ?? 'left' });
  if (options.shift) await page.keyboard.up('Shift');
  await nextFrames();
}

/** Opens a cell's editor with Enter and waits for it in glide's overlay. */
/**
 * Does a mouse or keyboard gesture on the canvas until `done` (up to three times): glide takes
 * gestures only once it has laid the grid out and moved the focus, which a busy machine delays.
 */
async function gesture(what: string, act: () => Promise<void>, done: () => Promise<boolean>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await act();
    const happened = await eventually(what, async () => ((await done()) ? true : undefined), 3000).catch(
      () => false,
    );
    if (happened) return;
    if (attempt === 3) throw new Error(`${what}: nothing happened`);
  }
}

async function openEditor(title: string, row: number, inside: string): Promise<Locator> {
  const input = page.locator(`#portal ${inside}`).first();
  await gesture(
    `the editor of ${title}`,
    async () => {
      await clickCell(title, row);
      await page.keyboard.press('Enter');
    },
    () => input.isVisible(),
  );
  return input;
}

beforeAll(async () => {
  // One test has the server refuse a value on purpose: its 422 is the only console error allowed.
  session = await startSignedInSession('sqlite', {
    email: 'grid-owner@example.com',
    ignoreErrors: [/responded with a status of 422/],
  });
  ({ server, browser, page } = session);
  await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const base = await call('POST', '/api/v2/meta/bases', { title: 'Workshop' });
  baseId = base.id;
  const table = await call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
    title: 'Tasks',
    columns: [
      { title: 'Name', uidt: 'SingleLineText', pv: true },
      { title: 'Qty', uidt: 'Number' },
      { title: 'Done', uidt: 'Checkbox' },
      {
        title: 'Status',
        uidt: 'SingleSelect',
        colOptions: {
          options: [
            { title: 'Todo', color: '#cfdffe' },
            { title: 'Doing', color: '#fee2d5' },
          ],
        },
      },
      { title: 'Due', uidt: 'Date' },
      { title: 'Notes', uidt: 'LongText' },
      { title: 'Tags', uidt: 'MultiSelect', colOptions: { options: [{ title: 'red' }, { title: 'blue' }] } },
      { title: 'Stars', uidt: 'Rating' },
    ],
  });
  tableId = table.id;
  const full = await call('GET', `/api/v2/meta/tables/${tableId}`);
  for (const field of full.columns as { id: string; title: string }[]) fieldIds[field.title] = field.id;
  viewId = full.views[0].id;
  ids = await createRecords(server, tableId, [
    { Name: 'Alpha', Qty: 1, Status: 'Todo', Tags: 'red,blue', Stars: 3, Notes: 'first line\nsecond' },
    { Name: 'Bravo', Qty: 2 },
    { Name: 'Charlie', Qty: 3 },
    { Name: 'Delta', Qty: 4 },
    { Name: 'Echo', Qty: 5 },
  ]);
  await page.goto(`/bases/${baseId}/tables/${tableId}`);
  await page.locator('[data-testid="record-grid"][data-total-rows="5"]').waitFor();
  await canvas().waitFor();
});

afterAll(async () => {
  await session?.stop();
});

describe.skipIf(!existsSync(chromiumPath))('the record grid', () => {
  it('shows the view’s rows and columns, display field first, system fields hidden', async () => {
    const grid = await layout();
    expect(grid.totalRows).toBe(5);
    expect(grid.loadedRows).toBeGreaterThanOrEqual(5);
    expect(grid.columns.map((c) => c.title)).toEqual([
      'Name',
      'Qty',
      'Done',
      'Status',
      'Due',
      'Notes',
      'Tags',
      'Stars',
    ]);
  });

  it('edits a text cell: Enter opens the editor, Enter saves', async () => {
    const input = await openEditor('Name', 0, 'textarea');
    await input.fill('Alpha edited');
    await page.keyboard.press('Enter');
    await until(
      'the new name',
      () => rowById(ids[0]!),
      (row) => row.Name === 'Alpha edited',
    );
  });

  it('edits a number cell by typing over it', async () => {
    await clickCell('Qty', 0);
    await page.keyboard.type('4');
    // The first key opens the editor with it; the next ones go to the editor once it has focus.
    await page.waitForFunction(() => document.activeElement?.closest('#portal') != null);
    const input = page.locator('#portal input').first();
    await expect(input.inputValue()).resolves.toBe('4');
    await page.keyboard.type('2');
    await page.waitForFunction(
      () => document.querySelector<HTMLInputElement>('#portal input')?.value === '42',
    );
    await page.keyboard.press('Enter');
    await until(
      'the new quantity',
      () => rowById(ids[0]!),
      (row) => row.Qty === 42,
    );
  });

  it('toggles a checkbox with a click', async () => {
    await clickCell('Done', 1);
    await until(
      'the checkbox ticked',
      () => rowById(ids[1]!),
      (row) => row.Done === true,
    );
  });

  it('picks a select option in the field editor', async () => {
    const input = await openEditor('Status', 1, '[data-testid="input-Status"]');
    await input.fill('Doi');
    await page.keyboard.press('Enter');
    await until(
      'the status',
      () => rowById(ids[1]!),
      (row) => row.Status === 'Doing',
    );
  });

  it('sets a date, then undoes and redoes it with the keyboard', async () => {
    const input = await openEditor('Due', 2, '[data-testid="input-Due"]');
    await input.fill('2026-03-15');
    await page.keyboard.press('Enter');
    await until(
      'the date',
      () => rowById(ids[2]!),
      (row) => row.Due === '2026-03-15',
    );
    await clickCell('Name', 2);
    await page.keyboard.press('Control+z');
    await until(
      'the date undone',
      () => rowById(ids[2]!),
      (row) => row.Due === null,
    );
    await page.keyboard.press('Control+Shift+z');
    await until(
      'the date redone',
      () => rowById(ids[2]!),
      (row) => row.Due === '2026-03-15',
    );
  });

  it('copies a range as TSV', async () => {
    await clickCell('Name', 1);
    await clickCell('Qty', 2, { shift: true });
    await page.keyboard.press('Control+c');
    const text = await eventually('the clipboard', async () => {
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      return copied.includes('Bravo') ? copied : undefined;
    });
    expect(text).toBe('Bravo\t2\nCharlie\t3');
  });

  it('pastes a 3×3 TSV block, adding the row it runs past the end', async () => {
    await page.evaluate(() =>
      navigator.clipboard.writeText('Pasted A\t11\ttrue\nPasted B\t12\tfalse\nPasted C\t13\tx'),
    );
    await clickCell('Name', 3);
    await page.keyboard.press('Control+v');
    const after = await until(
      'the pasted rows',
      rows,
      (list) => list.length === 6 && list[3]?.Name === 'Pasted A' && list[4]?.Name === 'Pasted B',
    );
    expect(after.slice(3).map((r) => [r.Name, r.Qty, r.Done])).toEqual([
      ['Pasted A', 11, true],
      ['Pasted B', 12, false],
      ['Pasted C', 13, true],
    ]);
    await page.locator('[data-testid="record-grid"][data-total-rows="6"]').waitFor();
  });

  it('puts back a value the server refuses, and says why', async () => {
    await page.evaluate(() => navigator.clipboard.writeText('not a number'));
    await clickCell('Qty', 0);
    await page.keyboard.press('Control+v');
    await expect(page.locator('.toast-error').first().textContent()).resolves.toMatch(/Qty/);
    expect((await rowById(ids[0]!)).Qty).toBe(42);
    await page.keyboard.press('Control+c');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('42');
  });

  it('fills down with Ctrl+D and clears a cell with Backspace', async () => {
    await clickCell('Qty', 0);
    await clickCell('Qty', 2, { shift: true });
    await page.keyboard.press('Control+d');
    await until('the filled quantities', rows, (list) => list.slice(0, 3).every((r) => r.Qty === 42));
    await clickCell('Name', 4);
    await page.keyboard.press('Backspace');
    await until(
      'the cleared name',
      () => rowById(ids[4]!),
      (row) => row.Name === null,
    );
  });

  it('adds a row from the trailing row and deletes one from the row menu', async () => {
    // The "New row" row sticks to the bottom of the grid.
    const box = await canvas().boundingBox();
    const { x } = await cellPoint('Name', 0);
    await page.mouse.click(x, box!.y + box!.height - (await layout()).rowHeight / 2);
    await until('the added row', rows, (list) => list.length === 7);
    await page.locator('[data-testid="record-grid"][data-total-rows="7"]').waitFor();
    await page.keyboard.press('Escape');
    await clickCell('Qty', 1, { button: 'right' });
    await page.getByTestId('row-menu-delete').click();
    await page.getByTestId('confirm-button').click();
    const left = await until('the deleted row', rows, (list) => list.length === 6);
    expect(left.map((r) => r.Id)).not.toContain(ids[1]);
  });

  it('resizes a column and saves its width in the view', async () => {
    const grid = await layout();
    const qty = grid.columns.find((c) => c.title === 'Qty')!;
    await gesture(
      'the resize',
      async () => {
        const { x, y } = await cellPoint('Qty', -1, qty.width / 2 - 1);
        await page.mouse.move(x, y);
        await nextFrames();
        await page.mouse.down();
        await page.mouse.move(x + 40, y, { steps: 4 });
        await page.mouse.move(x + 80, y, { steps: 4 });
        await page.mouse.up();
      },
      async () => ((await layout()).columns.find((c) => c.title === 'Qty')?.width ?? 0) > qty.width + 40,
    );
    const columns = await until(
      'the saved width',
      async () =>
        (await call('GET', `/api/v2/meta/views/${viewId}/columns`)).list as {
          fk_column_id: string;
          width: string | null;
        }[],
      (list) => Number.parseInt(list.find((c) => c.fk_column_id === fieldIds.Qty)?.width ?? '', 10) >= 190,
    );
    const saved = Number.parseInt(columns.find((c) => c.fk_column_id === fieldIds.Qty)!.width!, 10);
    expect(Math.abs(saved - (qty.width + 80))).toBeLessThanOrEqual(2);
    expect((await layout()).columns.find((c) => c.title === 'Qty')?.width).toBe(saved);
  });

  it('deletes rows picked with the row markers, with the Delete key', async () => {
    const before = await rows();
    await clickCell(null, before.length - 1);
    await page.keyboard.press('Delete');
    await page.getByTestId('confirm-button').click();
    const left = await until('the deleted row', rows, (list) => list.length === before.length - 1);
    expect(left.map((r) => r.Id)).not.toContain(before.at(-1)?.Id);
  });

  it('shows a change made elsewhere, live', async () => {
    const index = (await rows()).findIndex((r) => r.Id === ids[2]);
    await call('PATCH', `/api/v2/tables/${tableId}/records`, [{ Id: ids[2], Name: 'Changed elsewhere' }]);
    await clickCell('Name', index);
    await eventually('the live change', async () => {
      await page.keyboard.press('Control+c');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      return copied === 'Changed elsewhere' ? copied : undefined;
    });
  });

  it('expands the selected row with Space', async () => {
    await clickCell('Qty', 0);
    await page.keyboard.press(' ');
    await page.waitForURL((url) => url.searchParams.get('record') === String(ids[0]));
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('record'));
  });

  it('expands a row from the expand icon on its number', async () => {
    const id = (await rows())[1]!.Id;
    const box = (await canvas().boundingBox())!;
    const grid = await layout();
    const { y } = await cellPoint('Name', 1);
    await page.mouse.move(box.x + grid.markerWidth - 12, y);
    await nextFrames();
    await page.mouse.click(box.x + grid.markerWidth - 12, y);
    await page.waitForURL((url) => url.searchParams.get('record') === String(id));
    await page.goBack();
    await page.waitForURL((url) => !url.searchParams.has('record'));
  });

  it('moves a column by dragging its header, saving the new order', async () => {
    const from = await cellPoint('Status', -1);
    const to = await cellPoint('Done', -1);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - 20, from.y, { steps: 3 });
    await page.mouse.move(to.x - 10, to.y, { steps: 5 });
    await page.mouse.up();
    await eventually('the moved column', async () => {
      const titles = (await layout()).columns.map((c) => c.title);
      return titles.indexOf('Status') < titles.indexOf('Done') ? titles : undefined;
    });
    const orderOf = (list: { fk_column_id: string; order: number }[], title: string) =>
      list.find((c) => c.fk_column_id === fieldIds[title])?.order ?? 0;
    await until(
      'the saved order',
      async () =>
        (await call('GET', `/api/v2/meta/views/${viewId}/columns`)).list as {
          fk_column_id: string;
          order: number;
        }[],
      (list) =>
        orderOf(list, 'Status') < orderOf(list, 'Done') && orderOf(list, 'Qty') < orderOf(list, 'Status'),
    );
  });

  it('hides, freezes and sorts from a column header’s menu', async () => {
    await clickCell('Due', -1, { button: 'right' });
    await page.getByTestId('header-menu-hide').click();
    await until(
      'the hidden column',
      async () =>
        (await call('GET', `/api/v2/meta/views/${viewId}/columns`)).list as {
          fk_column_id: string;
          show: boolean;
        }[],
      (list) => list.find((c) => c.fk_column_id === fieldIds.Due)?.show === false,
    );
    await eventually('the grid without Due', async () =>
      (await layout()).columns.some((c) => c.title === 'Due') ? undefined : true,
    );

    await clickCell('Qty', -1, { button: 'right' });
    await page.getByTestId('header-menu-freeze').click();
    await until(
      'the frozen columns',
      () => call('GET', `/api/v2/meta/grids/${viewId}`),
      (view) => view.meta?.frozenColumns === 2,
    );
    expect((await layout()).frozenColumns).toBe(2);

    await clickCell('Qty', -1, { button: 'right' });
    await page.getByTestId('header-menu-sort-desc').click();
    await until(
      'the view sort',
      async () =>
        (await call('GET', `/api/v2/meta/views/${viewId}/sorts`)).list as {
          fk_column_id: string;
          direction: string;
        }[],
      (list) => list.some((sort) => sort.fk_column_id === fieldIds.Qty && sort.direction === 'desc'),
    );
    const highest = [...(await rows())].sort((a, b) => Number(b.Qty ?? -1) - Number(a.Qty ?? -1))[0]!;
    await clickCell('Qty', 0);
    await eventually('the sorted first row', async () => {
      await page.keyboard.press('Control+c');
      const copied = await page.evaluate(() => navigator.clipboard.readText());
      return copied === String(highest.Qty) ? copied : undefined;
    });
    await page.keyboard.press('Escape');
    await browser.screenshot(page, 'grid');
    expect(browser.errors()).toEqual([]);
  });
});
