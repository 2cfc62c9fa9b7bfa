// Issue 5's scenario as one user journey, on SQLite and on PostgreSQL: the first user signs up
// through the UI (and owns the instance), makes the base "Studio" with tables Series, Episodes
// and Scenes, gives Scenes a Status select and more fields and links the tables in the field
// dialog; edits cells of several types in the Scenes grid and pastes a 3×3 TSV block; filters
// and sorts the grid from its toolbar; drags a scene from Draft to Approved on a kanban board;
// shares a form that someone signed out fills in; and comments on a record, whose history then
// shows the comment and the status change. Every result is read back through the REST API.
import { existsSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumPath, launchBrowser, type TestBrowser } from './support/browser.ts';
import { addFieldsThroughUi, canvasGrid, dragWithMouse } from './support/journey-steps.ts';
import { callApi, until } from './support/rest.ts';
import { inOwnBrowser } from './support/signed-in-session.ts';
import {
  createBaseThroughUi,
  createTableThroughUi,
  openTableThroughUi,
  signUpThroughUi,
  submitNameDialog,
} from './support/ui-actions.ts';
import { startUiServer, type UiServer } from './support/ui-server.ts';

const owner = { email: 'producer@example.com', password: 'lights camera action', firstname: 'Pat' };

interface Scene {
  readonly Id: number;
  readonly Title: string | null;
  readonly Status: string | null;
  readonly Take: number | null;
  readonly Locked: boolean | null;
  readonly 'Shoot date': string | null;
}

describe.skipIf(!existsSync(chromiumPath)).each(['sqlite', 'postgres'] as const)(
  'studio journey on %s',
  (dialect) => {
    let server: UiServer;
    let browser: TestBrowser;
    let page: Page;
    let baseId: string;
    const tableIds: Record<string, string> = {};
    /** Field id by title, per table title. */
    const fieldIds: Record<string, Record<string, string>> = {};
    let gridViewId: string;
    let openingId: number;
    let pilot: { Id: number } | undefined;

    // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
    const call = (method: string, path: string, body?: unknown): Promise<any> =>
      callApi(server, method, path, body);

    const scenes = async (query = ''): Promise<Scene[]> =>
      (await call('GET', `/api/v2/tables/${tableIds.Scenes}/records?limit=100${query}`)).list;
    const scene = (id: number): Promise<Scene> =>
      call('GET', `/api/v2/tables/${tableIds.Scenes}/records/${id}`);

    async function loadFieldIds(title: string): Promise<void> {
      const table = await call('GET', `/api/v2/meta/tables/${tableIds[title]}`);
      fieldIds[title] = Object.fromEntries(
        (table.columns as { id: string; title: string }[]).map((c) => [c.title, c.id]),
      );
    }

    async function addView(type: 'kanban' | 'form', title: string): Promise<string> {
      await page.getByTestId('new-view').click();
      await page.getByTestId(`new-view-${type}`).click();
      await submitNameDialog(page, title);
      await page.locator(`[data-testid="view-tab-${title}"][aria-selected="true"]`).waitFor();
      await page.waitForURL(/\/views\/[^/?]+/);
      return new URL(page.url()).pathname.split('/')[6]!;
    }

    /** A step of the journey; once one fails, the later ones are skipped (they build on it). */
    let broken = false;
    function step(name: string, run: () => Promise<void>): void {
      it(name, async (context) => {
        if (broken) context.skip();
        try {
          await run();
        } catch (error) {
          broken = true;
          throw error;
        }
      });
    }

    beforeAll(async () => {
      server = await startUiServer(dialect);
      browser = await launchBrowser(server.baseUrl);
      page = await browser.newPage();
      await browser.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
    });

    step('1. signs up the first user, who owns the instance', async () => {
      await signUpThroughUi(page, owner);
      const signIn = await server.request('POST', '/api/v1/auth/user/signin', owner, { token: false });
      const me = await fetch(`${server.baseUrl}/api/v1/auth/user/me`, {
        headers: { 'xc-auth': signIn.body.token as string },
      }).then((reply) => reply.json());
      expect(me).toMatchObject({ email: owner.email, firstname: 'Pat', instance_role: 'owner' });
    });

    step('2. makes the Studio base, its tables, the Scenes fields and the links', async () => {
      baseId = await createBaseThroughUi(page, 'Studio');
      // The opened base expands by itself; its "New table" shows once the base's access is known.
      await page.getByTestId('sidebar-new-table-Studio').waitFor();
      for (const title of ['Series', 'Episodes', 'Scenes'])
        tableIds[title] = await createTableThroughUi(page, 'Studio', title);
      const tables = await call('GET', `/api/v2/meta/bases/${baseId}/tables`);
      expect(tables.list.map((t: { title: string }) => t.title)).toEqual(['Series', 'Episodes', 'Scenes']);

      await addFieldsThroughUi(page, [
        { title: 'Status', type: 'SingleSelect', options: ['Draft', 'Review', 'Approved'] },
        { title: 'Take', type: 'Number' },
        { title: 'Locked', type: 'Checkbox' },
        { title: 'Shoot date', type: 'Date' },
      ]);
      await openTableThroughUi(page, 'Series');
      await addFieldsThroughUi(page, [
        { title: 'Episodes', type: 'Links', table: 'Episodes', relation: 'hm' },
      ]);
      await openTableThroughUi(page, 'Episodes');
      await addFieldsThroughUi(page, [{ title: 'Scenes', type: 'Links', table: 'Scenes', relation: 'hm' }]);

      for (const title of ['Series', 'Episodes', 'Scenes']) await loadFieldIds(title);
      const status = await call('GET', `/api/v2/meta/columns/${fieldIds.Scenes!.Status}`);
      expect(status.colOptions.options.map((o: { title: string }) => o.title)).toEqual([
        'Draft',
        'Review',
        'Approved',
      ]);
      const seriesEpisodes = await call('GET', `/api/v2/meta/columns/${fieldIds.Series!.Episodes}`);
      expect(seriesEpisodes).toMatchObject({ uidt: 'Links', colOptions: { type: 'hm' } });
      const episodeScenes = await call('GET', `/api/v2/meta/columns/${fieldIds.Episodes!.Scenes}`);
      expect(episodeScenes).toMatchObject({ uidt: 'Links', colOptions: { type: 'hm' } });
      // The other side of each link is titled after its table.
      expect(Object.keys(fieldIds.Episodes!)).toContain('Series');
      expect(Object.keys(fieldIds.Scenes!)).toContain('Episodes');

      // A series with its pilot episode, for a scene to be linked to later.
      const [series] = await call('POST', `/api/v2/tables/${tableIds.Series}/records`, [
        { Title: 'Harbour Nights' },
      ]);
      [pilot] = await call('POST', `/api/v2/tables/${tableIds.Episodes}/records`, [{ Title: 'Pilot' }]);
      await call(
        'POST',
        `/api/v2/tables/${tableIds.Series}/links/${fieldIds.Series!.Episodes}/records/${series.Id}`,
        [{ Id: pilot!.Id }],
      );
    });

    step('3. edits cells of several types in the Scenes grid and pastes a 3×3 block', async () => {
      await openTableThroughUi(page, 'Scenes');
      gridViewId = new URL(page.url()).pathname.split('/')[6]!;
      const grid = canvasGrid(page);
      await grid.waitForRows(0);
      await grid.canvas().waitFor();
      await until(
        'the grid with every field',
        () => grid.layout(),
        (layout) => layout.columns.some((c) => c.title === 'Shoot date'),
      );

      // "New row" adds a scene and opens the editor of its first cell, Title.
      const title = await grid.addRowFromTrailingRow(0);
      await title.fill('Opening');
      await page.keyboard.press('Enter');
      const [created] = await until('the added scene', scenes, (list) => list[0]?.Title === 'Opening');
      openingId = created!.Id;
      await grid.typeIntoCell('Take', 0, 'input', '2');
      await grid.typeIntoCell('Status', 0, '[data-testid="input-Status"]', 'Dra');
      await grid.typeIntoCell('Shoot date', 0, '[data-testid="input-Shoot date"]', '2026-03-15');
      await grid.gesture(
        'the checkbox ticked',
        () => grid.clickCell('Locked', 0),
        async () => (await scene(openingId)).Locked === true,
      );
      expect(
        await until(
          'the edited scene',
          () => scene(openingId),
          (s) => s.Status === 'Draft',
        ),
      ).toMatchObject({
        Title: 'Opening',
        Take: 2,
        Status: 'Draft',
        Locked: true,
        'Shoot date': '2026-03-15',
      });

      // A second row, then a 3×3 block pasted onto it that runs two rows past the end.
      await grid.addRowFromTrailingRow(1);
      await page.keyboard.press('Escape');
      await page.evaluate(() =>
        navigator.clipboard.writeText('Harbour\tReview\t5\nRooftops\tDraft\t7\nStorm\tDraft\t1'),
      );
      // A click on the selected cell would open its editor: select another cell first.
      await grid.clickCell('Take', 0);
      await grid.clickCell('Title', 1);
      await page.keyboard.press('Control+v');
      const pasted = await until(
        'the pasted scenes',
        scenes,
        (list) => list.length === 4 && list.every((s) => s.Title !== null),
      );
      expect(pasted.map((s) => [s.Title, s.Status, s.Take])).toEqual([
        ['Opening', 'Draft', 2],
        ['Harbour', 'Review', 5],
        ['Rooftops', 'Draft', 7],
        ['Storm', 'Draft', 1],
      ]);
      await grid.waitForRows(4);
    });

    step('4. filters and sorts the grid from its toolbar', async () => {
      const take = fieldIds.Scenes!.Take!;
      await page.getByTestId('toolbar-filter').click();
      await page.locator('[data-testid="filter-root"] > .filter-actions [data-testid="filter-add"]').click();
      const condition = page.getByTestId('filter-condition').first();
      await condition.getByTestId('filter-field').selectOption(take);
      await condition.getByTestId('filter-op').selectOption('gt');
      await condition.getByTestId('filter-value').fill('1');
      await until(
        'the saved filter',
        async () => (await call('GET', `/api/v2/meta/views/${gridViewId}/filters`)).list,
        (list: { fk_column_id: string; comparison_op: string; value: string }[]) =>
          list.length === 1 &&
          list[0]!.fk_column_id === take &&
          list[0]!.comparison_op === 'gt' &&
          list[0]!.value === '1',
      );
      await page.keyboard.press('Escape');

      await page.getByTestId('toolbar-sort').click();
      await page.getByTestId('sort-add').selectOption(take);
      await page.getByTestId('sort-direction').selectOption('desc');
      await until(
        'the saved sort',
        async () => (await call('GET', `/api/v2/meta/views/${gridViewId}/sorts`)).list,
        (list: { fk_column_id: string; direction: string }[]) =>
          list.length === 1 && list[0]!.fk_column_id === take && list[0]!.direction === 'desc',
      );
      await page.keyboard.press('Escape');

      const listed = await scenes(`&viewId=${gridViewId}`);
      expect(listed.map((s) => s.Title)).toEqual(['Rooftops', 'Harbour', 'Opening']);
      await canvasGrid(page).waitForRows(3);
      await browser.screenshot(page, `journey-${dialect}-grid`);
    });

    step('5. drags a scene from Draft to Approved on a kanban board', async () => {
      await addView('kanban', 'Board');
      const stack = (title: string) =>
        page.locator(`[data-testid="kanban-stack"][data-stack-title="${title}"]`);
      const card = page.locator(`[data-testid="record-card"][data-record-id="${openingId}"]`);
      await stack('Draft').locator(card).waitFor();
      await dragWithMouse(page, card, stack('Approved'));
      await until(
        'Opening approved',
        () => scene(openingId),
        (s) => s.Status === 'Approved',
      );
      await stack('Approved').locator(card).waitFor();
      expect(await stack('Approved').getByTestId('kanban-stack-count').textContent()).toBe('1');
      // The drop animation over, the board scrolled to its end so the Approved stack shows whole.
      await page
        .locator('.kanban-card-dragging, .kanban-card-placeholder')
        .first()
        .waitFor({ state: 'detached' });
      await page.getByTestId('kanban-board').evaluate((board) => {
        board.scrollLeft = board.scrollWidth;
      });
      await browser.screenshot(page, `journey-${dialect}-kanban`);
    });

    step('6. shares a form that someone signed out fills in', async () => {
      const formId = await addView('form', 'Scene intake');
      await page.getByTestId('form-builder').waitFor();
      // Put the fields the visitor fills in on the form, when a new form does not show them yet.
      for (const title of ['Title', 'Status', 'Take']) {
        const card = page.getByTestId(`form-card-${title}`);
        if (await card.isVisible()) continue;
        await page.getByTestId(`form-palette-${title}`).click();
        await card.waitFor();
      }
      await page.getByTestId('share-create').click();
      const link = await page.getByTestId('share-link').inputValue();
      const { uuid } = await call('GET', `/api/v2/meta/forms/${formId}`);
      expect(link).toBe(`${server.baseUrl}/shared/form/${uuid}`);

      // Signed out, in a browser of its own.
      await inOwnBrowser(server, {}, async (visitor, form) => {
        await form.goto(`/shared/form/${uuid}`);
        await form.getByTestId('form-fill').waitFor();
        await form.getByTestId('input-Title').fill('Night shoot');
        await form.getByTestId('input-Status').click();
        await form.getByTestId('input-Status-option-Review').click();
        await form.getByTestId('input-Take').fill('4');
        await visitor.screenshot(form, `journey-${dialect}-form`);
        await form.getByTestId('form-submit').click();
        await form.getByTestId('form-thanks').waitFor();
        expect(visitor.errors()).toEqual([]);
      });
      const all = await scenes();
      expect(all).toHaveLength(5);
      expect(all.filter((s) => s.Title === 'Night shoot')).toEqual([
        expect.objectContaining({ Status: 'Review', Take: 4 }),
      ]);
    });

    step('7. comments on a record and sees the comment and the status change in its history', async () => {
      await page.goto(`/bases/${baseId}/tables/${tableIds.Scenes}/views/${gridViewId}?record=${openingId}`);
      await page.getByTestId('record-panel').waitFor();
      await page.locator('[data-testid="record-panel-title"]:text-is("Opening")').waitFor();

      // Link the scene to the pilot episode: Series → Episodes → Scenes.
      await page.getByTestId('link-record-Episodes').click();
      await page.getByTestId('link-search-input').fill('Pil');
      await page.getByTestId('link-option-Pilot').click();
      await page.locator('.link-chip', { hasText: 'Pilot' }).waitFor();
      const episodeScenes = await until(
        'the scene linked to the pilot',
        async () =>
          (
            await call(
              'GET',
              `/api/v2/tables/${tableIds.Episodes}/links/${fieldIds.Episodes!.Scenes}/records/${pilot!.Id}`,
            )
          ).list as { Id: number }[],
        (list) => list.length === 1,
      );
      expect(episodeScenes.map((s) => s.Id)).toEqual([openingId]);
      const series = await call(
        'GET',
        `/api/v2/tables/${tableIds.Series}/records?where=(Title,eq,Harbour Nights)`,
      );
      expect(series.list).toEqual([expect.objectContaining({ Episodes: 1 })]);

      await page.getByTestId('record-tab-comments').click();
      await page.getByTestId('comment-input').fill('Approved for the first cut');
      await page.getByTestId('comment-input').press('Control+Enter');
      await page.locator('[data-testid="comment-text"]:has-text("Approved for the first cut")').waitFor();
      const comments = await call(
        'GET',
        `/api/v2/meta/comments?fk_model_id=${tableIds.Scenes}&row_id=${openingId}`,
      );
      expect(comments.list).toEqual([expect.objectContaining({ comment: 'Approved for the first cut' })]);

      await page.getByTestId('record-tab-history').click();
      const commented = page.locator('[data-testid="history-entry"][data-action="comment.insert"]');
      await commented.waitFor();
      expect(await commented.textContent()).toContain('Approved for the first cut');
      const statusChange = page
        .locator('[data-testid="history-entry"][data-action="record.update"]')
        .filter({ hasText: 'Draft → Approved' });
      await statusChange.waitFor();
      expect(await statusChange.textContent()).toContain('Status');
      await browser.screenshot(page, `journey-${dialect}-record`);
      expect(browser.errors()).toEqual([]);
    });
  },
);
