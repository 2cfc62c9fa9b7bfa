// The grid toolbar in Chromium against a real server (SQLite): a filter and a nested group of
// filters, a sort, hidden fields and row height are built through the UI and saved in the view
// (checked through the REST API, and by the rows the view then lists); a refused filter shows
// the server's message; search narrows the grid's rows; grouping by a select field shows one
// section per value with its count and survives a reload; `/` focuses the search.
import { existsSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Field } from '../../packages/web/src/api/types.ts';
import { groupConditions } from '../../packages/web/src/views/grid/toolbar/group-conditions.ts';
import { searchConditions } from '../../packages/web/src/views/grid/toolbar/search-conditions.ts';
import { whereText } from '../../packages/web/src/views/grid/toolbar/where-text.ts';
import { createRecords } from './cards-fixture.ts';
import { chromiumPath, type TestBrowser } from './support/browser.ts';
import { callApi, until } from './support/rest.ts';
import { inOwnBrowser, type SignedInSession, startSignedInSession } from './support/signed-in-session.ts';
import type { UiServer } from './support/ui-server.ts';

interface Filter {
  id: string;
  fk_column_id: string | null;
  comparison_op: string | null;
  value: string | null;
  logical_op: string;
  is_group: boolean;
  fk_parent_id: string | null;
  enabled: boolean;
}

let session: SignedInSession;
let server: UiServer;
let browser: TestBrowser;
let page: Page;
let baseId: string;
let tableId: string;
let viewId: string;
const fieldIds: Record<string, string> = {};
/** Console errors the browser logs on purpose: the 422 of the filter the server refuses. */
let expectedErrors: string[] = [];

const call = (method: string, path: string, body?: unknown) => callApi(server, method, path, body);

const filtersOfView = async (): Promise<Filter[]> =>
  (await call('GET', `/api/v2/meta/views/${viewId}/filters`)).list;
const viewMeta = async (): Promise<Record<string, unknown>> =>
  (await call('GET', `/api/v2/meta/grids/${viewId}`)).meta ?? {};
const listedTitles = async (): Promise<string[]> =>
  (await call('GET', `/api/v2/tables/${tableId}/records?viewId=${viewId}`)).list.map(
    (r: { Title: string }) => r.Title,
  );

const conditionsIn = (scope: Locator) => scope.locator('[data-testid="filter-condition"]');
const rootAdd = (kind: 'filter-add' | 'filter-add-group') =>
  page.locator(`[data-testid="filter-root"] > .filter-actions [data-testid="${kind}"]`);

beforeAll(async () => {
  session = await startSignedInSession('sqlite', { email: 'toolbar-owner@example.com' });
  ({ server, browser, page } = session);
  const base = await call('POST', '/api/v2/meta/bases', { title: 'Newsroom' });
  baseId = base.id;
  const table = await call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
    title: 'Stories',
    columns: [
      { title: 'Title', uidt: 'SingleLineText', pv: true },
      {
        title: 'Status',
        uidt: 'SingleSelect',
        colOptions: {
          options: [
            { title: 'Draft', color: '#cfdffe' },
            { title: 'Review', color: '#d0f1fd' },
          ],
        },
      },
      {
        title: 'Priority',
        uidt: 'SingleSelect',
        colOptions: {
          options: [
            { title: 'High', color: '#ffdce5' },
            { title: 'Low', color: '#d1f7c4' },
          ],
        },
      },
      { title: 'Score', uidt: 'Number' },
      { title: 'Notes', uidt: 'LongText' },
    ],
  });
  tableId = table.id;
  const full = await call('GET', `/api/v2/meta/tables/${tableId}`);
  for (const column of full.columns as { id: string; title: string }[]) fieldIds[column.title] = column.id;
  viewId = full.views[0].id;
  await createRecords(server, tableId, [
    { Title: 'Alpha', Status: 'Draft', Priority: 'High', Score: 9, Notes: 'lead story' },
    { Title: 'Bravo', Status: 'Draft', Priority: 'Low', Score: 3 },
    { Title: 'Charlie', Status: 'Draft', Priority: 'Low', Score: 2, Notes: 'cut' },
    { Title: 'Delta', Status: 'Review', Priority: 'High', Score: 8 },
    { Title: 'Echo', Status: 'Draft', Priority: 'High', Score: 7, Notes: 'follow-up' },
    { Title: 'Foxtrot', Status: 'Draft', Score: 6 },
  ]);
});

afterAll(async () => {
  await session?.stop();
});

describe('where texts the toolbar builds', () => {
  it('select exactly one group, or the searched text, whatever characters the values hold', async () => {
    const table = await call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Odd titles',
      columns: [
        { title: 'Name (working), ~draft', uidt: 'SingleLineText', pv: true },
        { title: 'Done', uidt: 'Checkbox' },
      ],
    });
    const values = ['Ship it :)', "it's (draft)", 'a)~and(b', 'back\\slash', '50%_off', 'plain', ' spaced '];
    await createRecords(server, table.id, [
      ...values.map((v) => ({ 'Name (working), ~draft': v, Done: true })),
      {},
    ]);
    const columns: Field[] = (await call('GET', `/api/v2/meta/tables/${table.id}`)).columns;
    const name = columns.find((c) => c.title === 'Name (working), ~draft')!;
    const done = columns.find((c) => c.title === 'Done')!;
    const matching = async (where: string | undefined) => {
      const query = where === undefined ? '' : `?where=${encodeURIComponent(where)}`;
      const list = (await call('GET', `/api/v2/tables/${table.id}/records${query}`)).list;
      return list.map((r: Record<string, unknown>) => r['Name (working), ~draft'] ?? null);
    };
    for (const value of values)
      expect(await matching(whereText(groupConditions(name, value)))).toEqual([value]);
    expect(await matching(whereText(groupConditions(name, null)))).toEqual([null]);
    expect(await matching(whereText(groupConditions(done, false)))).toEqual([]);
    expect(await matching(whereText(groupConditions(done, true)))).toHaveLength(values.length);
    const search = searchConditions(name, '50%_');
    expect(await matching('conditions' in search ? whereText(search.conditions) : undefined)).toEqual([
      '50%_off',
    ]);
  });
});

describe.skipIf(!existsSync(chromiumPath))('grid toolbar', () => {
  it('builds filters with a nested group, a sort, hidden fields and row height, all saved in the view', async () => {
    await page.goto(`/bases/${baseId}/tables/${tableId}/views/${viewId}`);
    await page.getByTestId('grid-toolbar').waitFor();

    // Status is Draft …
    await page.getByTestId('toolbar-filter').click();
    await rootAdd('filter-add').click();
    const first = conditionsIn(page.getByTestId('filter-root')).first();
    await first.waitFor();
    await first.getByTestId('filter-field').selectOption(fieldIds.Status!);
    await first.getByTestId('filter-value').selectOption('Draft');
    await until('the Status filter', filtersOfView, (list) =>
      list.some((f) => f.fk_column_id === fieldIds.Status && f.value === 'Draft' && f.enabled),
    );

    // … and (Score > 5 or Notes is blank), a nested group.
    await rootAdd('filter-add-group').click();
    const group = page.getByTestId('filter-group');
    await conditionsIn(group).first().waitFor();
    const score = conditionsIn(group).first();
    await score.getByTestId('filter-field').selectOption(fieldIds.Score!);
    await score.getByTestId('filter-op').selectOption('gt');
    await score.getByTestId('filter-value').fill('5');
    await group.getByTestId('filter-add').click();
    await expect.poll(() => conditionsIn(group).count()).toBe(2);
    const notes = conditionsIn(group).nth(1);
    await notes.getByTestId('filter-field').selectOption(fieldIds.Notes!);
    await notes.getByTestId('filter-op').selectOption('blank');
    await group.getByTestId('filter-joiner').selectOption('or');

    const saved = await until('the nested group', filtersOfView, (list) => {
      const inner = list.filter((f) => f.fk_parent_id !== null);
      return (
        inner.length === 2 &&
        inner.every((f) => f.enabled && f.logical_op === 'or') &&
        inner.some((f) => f.fk_column_id === fieldIds.Score && f.comparison_op === 'gt' && f.value === '5') &&
        inner.some((f) => f.fk_column_id === fieldIds.Notes && f.comparison_op === 'blank')
      );
    });
    const groupRow = saved.find((f) => f.is_group)!;
    expect(groupRow.fk_parent_id).toBeNull();
    expect(saved.filter((f) => f.fk_parent_id !== null).every((f) => f.fk_parent_id === groupRow.id)).toBe(
      true,
    );
    await expect.poll(() => page.getByTestId('toolbar-filter').textContent()).toBe('Filter · 3');
    await browser.screenshot(page, 'grid-filter-builder');

    // A value the server refuses: its message shows next to the condition, nothing is applied.
    await rootAdd('filter-add').click();
    await expect.poll(() => conditionsIn(page.getByTestId('filter-root')).count()).toBe(4);
    const bad = page
      .locator('[data-testid="filter-root"] > .filter-item > [data-testid="filter-condition"]')
      .nth(1);
    await bad.getByTestId('filter-field').selectOption(fieldIds.Score!);
    await bad.getByTestId('filter-op').selectOption('in');
    const errorsBefore = browser.errors().length;
    await bad.getByTestId('filter-value').fill('ten,eleven');
    await expect.poll(() => bad.getByTestId('filter-error').textContent()).toContain("'ten' is not a number");
    expectedErrors = browser.errors().slice(errorsBefore);
    expect(expectedErrors).toEqual([expect.stringContaining('status of 422')]);
    await bad.getByTestId('filter-remove').click();
    await until('the refused filter removed', filtersOfView, (list) => list.length === 4);
    await page.keyboard.press('Escape');

    // Sort by Score, descending.
    await page.getByTestId('toolbar-sort').click();
    await page.getByTestId('sort-add').selectOption(fieldIds.Score!);
    await page.getByTestId('sort-direction').selectOption('desc');
    await until(
      'the sort',
      async () => (await call('GET', `/api/v2/meta/views/${viewId}/sorts`)).list,
      (list: { fk_column_id: string; direction: string }[]) =>
        list.length === 1 && list[0]!.fk_column_id === fieldIds.Score && list[0]!.direction === 'desc',
    );
    await page.keyboard.press('Escape');

    // Hide Notes.
    await page.getByTestId('toolbar-fields').click();
    await page.getByTestId('field-toggle-Notes').uncheck();
    await until(
      'Notes hidden',
      async () => (await call('GET', `/api/v2/meta/views/${viewId}/columns`)).list,
      (list: { fk_column_id: string; show: boolean }[]) =>
        list.find((c) => c.fk_column_id === fieldIds.Notes)?.show === false,
    );
    await expect.poll(() => page.getByTestId('toolbar-fields').textContent()).toBe('1 hidden field');
    await page.keyboard.press('Escape');

    // Tall rows.
    await page.getByTestId('toolbar-row-height').click();
    await page.getByTestId('row-height-tall').click();
    await until('the row height', viewMeta, (meta) => meta.rowHeight === 'tall');

    // The view now lists Draft records with Score > 5 or no notes, highest score first.
    expect(await listedTitles()).toEqual(['Alpha', 'Echo', 'Foxtrot', 'Bravo']);
    const listed = await call('GET', `/api/v2/tables/${tableId}/records?viewId=${viewId}`);
    expect(Object.keys(listed.list[0])).not.toContain('Notes');
    await browser.screenshot(page, 'grid-filtered');
  });

  it('searches the grid: the rows fetched are the view’s, narrowed by the search', async () => {
    const fetched = page.waitForResponse(
      (response) =>
        response.url().includes(`/api/v2/tables/${tableId}/records`) &&
        decodeURIComponent(response.url()).includes('(Title,like,ech)'),
    );
    await page.getByTestId('search-input').fill('ech');
    const reply = await fetched;
    const rows = ((await reply.json()) as { list: { Title: string }[] }).list;
    expect(rows.map((r) => r.Title)).toEqual(['Echo']);
    await page.getByTestId('search-input').fill('');
    await page.getByTestId('search-input').blur();

    // `/` focuses the search when nothing else is being typed in.
    await page.getByTestId('grid-toolbar').click({ position: { x: 4, y: 4 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'search-input',
    );
    await page.keyboard.press('Escape');
  });

  it('groups by a select field: a section per value with counts, kept in the view', async () => {
    await page.getByTestId('toolbar-group').click();
    await page.getByTestId('group-add').selectOption(fieldIds.Priority!);
    await until(
      'the grouping',
      viewMeta,
      (meta) =>
        JSON.stringify(meta.groupBy) === JSON.stringify([{ fieldId: fieldIds.Priority, direction: 'asc' }]),
    );
    expect((await viewMeta()).rowHeight).toBe('tall');
    await page.keyboard.press('Escape');

    const headers = async () =>
      page.$$eval('[data-testid="group-header"]', (list) =>
        list.map(
          (h) =>
            `${h.getAttribute('data-group-value')}:${h.querySelector('[data-testid="group-count"]')?.textContent}`,
        ),
      );
    const expected = [':1 record', 'High:2 records', 'Low:1 record'];
    await expect.poll(headers).toEqual(expected);
    const counts = await call(
      'GET',
      `/api/v2/tables/${tableId}/groupby?column_name=Priority&viewId=${viewId}`,
    );
    expect(counts.list).toEqual([
      { Priority: null, count: 1 },
      { Priority: 'High', count: 2 },
      { Priority: 'Low', count: 1 },
    ]);
    const high = await call(
      'GET',
      `/api/v2/tables/${tableId}/records?viewId=${viewId}&where=${encodeURIComponent('(Priority,eq,High)')}`,
    );
    expect(high.list.map((r: { Title: string }) => r.Title)).toEqual(['Alpha', 'Echo']);
    await browser.screenshot(page, 'grid-grouped');

    // Collapsing hides a section's grid; a reload shows the saved grouping again.
    const firstSection = page.getByTestId('group-section').first();
    await firstSection.getByTestId('group-header').click();
    expect(await firstSection.locator('.group-content').count()).toBe(0);
    await page.reload();
    await page.getByTestId('grouped-grid').waitFor();
    await expect.poll(headers).toEqual(expected);
    expect(await page.getByTestId('toolbar-group').textContent()).toBe('Group · 1');
    expect(browser.errors()).toEqual(expectedErrors);
  });

  it('shows a viewer the saved setup read-only; search and row height still work for them', async () => {
    const viewerUser = { email: 'toolbar-viewer@example.com', member: { baseId, roles: 'viewer' } };
    await inOwnBrowser(server, { user: viewerUser }, async (viewerBrowser, viewer) => {
      await viewer.goto(`/bases/${baseId}/tables/${tableId}/views/${viewId}`);
      await viewer.getByTestId('grouped-grid').waitFor();
      await expect.poll(() => viewer.getByTestId('toolbar-filter').textContent()).toBe('Filter · 3');

      await viewer.getByTestId('toolbar-filter').click();
      await viewer.getByTestId('filter-builder').waitFor();
      expect(await viewer.getByTestId('filter-add').count()).toBe(0);
      expect(await viewer.getByTestId('filter-remove').count()).toBe(0);
      const fieldPickers = viewer.getByTestId('filter-field');
      expect(await fieldPickers.count()).toBe(3);
      for (const picker of await fieldPickers.all()) expect(await picker.isDisabled()).toBe(true);
      await viewer.keyboard.press('Escape');

      await viewer.getByTestId('toolbar-group').click();
      expect(await viewer.getByTestId('group-add').count()).toBe(0);
      expect(await viewer.getByTestId('group-field').isDisabled()).toBe(true);
      await viewer.keyboard.press('Escape');

      await viewer.getByTestId('toolbar-row-height').click();
      await viewer.getByTestId('row-height-short').click();
      const searched = viewer.waitForResponse(
        (response) =>
          decodeURIComponent(response.url()).includes('/groupby?') &&
          decodeURIComponent(response.url()).includes('(Title,like,alp)'),
      );
      await viewer.getByTestId('search-input').fill('alp');
      const groups = ((await (await searched).json()) as { list: unknown[] }).list;
      expect(groups).toEqual([{ Priority: 'High', count: 1 }]);
      expect((await viewMeta()).rowHeight).toBe('tall');
      await viewerBrowser.screenshot(viewer, 'grid-viewer');
      expect(viewerBrowser.errors()).toEqual([]);
    });
  });
});
