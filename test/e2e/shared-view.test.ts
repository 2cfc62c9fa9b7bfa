// A grid view shared read-only by link, opened signed out: its title and rows (as DOM text),
// hidden fields left out, more rows loaded by scrolling, a search, a password prompt when the
// link has one, and "not available" once sharing stops.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOk as ok } from './support/rest.ts';
import { inOwnBrowser } from './support/signed-in-session.ts';
import { startUiServer, type UiServer } from './support/ui-server.ts';

let server: UiServer;

beforeAll(async () => {
  server = await startUiServer('sqlite');
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

/** A Crew table of 60 people with a grid view that hides Salary, shared; answers its ids. */
async function createSharedCrew() {
  const { table } = await createCrew();
  const grid = ok(
    await server.request('POST', `/api/v2/meta/tables/${table.id}/grids`, { title: 'Call sheet' }),
  );
  const salary = table.columns.find((c) => c.title === 'Salary')!;
  ok(await server.request('PATCH', `/api/v2/meta/views/${grid.id}/columns/${salary.id}`, { show: false }));
  const shared = ok(await server.request('POST', `/api/v2/meta/views/${grid.id}/share`));
  return { viewId: grid.id as string, uuid: shared.uuid as string };
}

async function createCrew(): Promise<{ table: { id: string; columns: { id: string; title: string }[] } }> {
  const base = ok(await server.request('POST', '/api/v2/meta/bases', { title: 'Film' }));
  const table = ok(
    await server.request('POST', `/api/v2/meta/bases/${base.id}/tables`, {
      title: 'Crew',
      columns: [
        { title: 'Name', uidt: 'SingleLineText' },
        {
          title: 'Role',
          uidt: 'SingleSelect',
          colOptions: { options: [{ title: 'Camera' }, { title: 'Sound' }] },
        },
        { title: 'Salary', uidt: 'Number' },
      ],
    }),
  );
  const people = Array.from({ length: 60 }, (_, i) => ({
    Name: `Person ${String(i + 1).padStart(2, '0')}`,
    Role: i % 2 === 0 ? 'Camera' : 'Sound',
    Salary: 90_000 + i,
  }));
  ok(await server.request('POST', `/api/v2/tables/${table.id}/records`, people));
  return { table };
}

describe('shared view page', () => {
  it('shows a shared grid read-only to someone signed out', async () => {
    const { viewId, uuid } = await createSharedCrew();
    // The password prompt follows a 403 and the stopped link answers 404: Chromium logs each
    // as a console error, which this test expects; nothing else may be logged.
    await inOwnBrowser(server, { ignoreErrors: [/status of 40[34]/] }, async (browser, page) => {
      await page.goto(`/shared/view/${uuid}`);
      await page.getByTestId('shared-row').first().waitFor();
      expect(await page.getByTestId('shared-view-title').textContent()).toBe('Call sheet');
      const headers = (await page.locator('.shared-table th').allTextContents()).filter(Boolean);
      expect(headers).toEqual(['Name', 'Role']);
      const rows = page.getByTestId('shared-row');
      expect(await rows.count()).toBe(50);
      expect(await rows.first().textContent()).toContain('Person 01');
      expect(await rows.first().textContent()).toContain('Camera');
      expect(await page.getByTestId('shared-table').textContent()).not.toContain('90000');
      expect(await page.locator('body').textContent()).not.toContain('Salary');
      expect(await page.getByTestId('shared-view').textContent()).toContain('60 records');
      await browser.screenshot(page, 'shared-view');

      // Scrolling to the end loads the rest.
      await page.getByTestId('shared-table').evaluate((box) => box.scrollTo(0, box.scrollHeight));
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="shared-row"]').length === 60);
      expect(await page.getByTestId('shared-load-more').count()).toBe(0);

      // The search looks in the display field.
      await page.getByTestId('shared-search').fill('person 42');
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="shared-row"]').length === 1);
      expect(await rows.first().textContent()).toContain('Person 42');
      await page.getByTestId('shared-search').fill('nobody at all');
      await page.getByTestId('shared-empty').waitFor();

      // With a password the page asks for it first.
      ok(await server.request('PATCH', `/api/v2/meta/views/${viewId}/share`, { password: 'crew only' }));
      await page.reload();
      await page.getByTestId('share-password-input').fill('crew only');
      await page.getByTestId('share-password-submit').click();
      await page.getByTestId('shared-row').first().waitFor();
      expect(await rows.count()).toBe(50);

      // A stopped share is "not available".
      ok(await server.request('DELETE', `/api/v2/meta/views/${viewId}/share`));
      await page.reload();
      await page.getByTestId('share-unavailable').waitFor();
      expect(await page.getByTestId('share-unavailable').textContent()).toContain(
        'This view is not available',
      );
      await browser.screenshot(page, 'shared-view-unavailable');
      expect(browser.errors()).toEqual([]);
    });
  }, 60_000);

  it('shows a shared kanban as cards in a column per option', async () => {
    const { table } = await createCrew();
    const role = table.columns.find((c) => c.title === 'Role')!;
    const kanban = ok(
      await server.request('POST', `/api/v2/meta/tables/${table.id}/kanbans`, {
        title: 'By role',
        fk_grp_col_id: role.id,
      }),
    );
    const { uuid } = ok(await server.request('POST', `/api/v2/meta/views/${kanban.id}/share`));
    await inOwnBrowser(server, {}, async (browser, page) => {
      await page.goto(`/shared/view/${uuid}`);
      await page.getByTestId('shared-card').first().waitFor();
      const columns = page.locator('.shared-board-column > h3');
      expect((await columns.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim())).toEqual([
        'Camera 25',
        'Sound 25',
      ]);
      expect(await page.getByTestId('shared-card').first().textContent()).toContain('Person 01');
      await browser.screenshot(page, 'shared-view-kanban');
      expect(browser.errors()).toEqual([]);
    });
  }, 30_000);
});
