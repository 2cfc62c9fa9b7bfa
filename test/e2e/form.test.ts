// The form view end to end: a creator builds a form in the builder (adds fields by click and by
// drag, reorders, relabels, adds help text, marks a field required, sets the thank-you message,
// shares it with a password); someone signed out opens the public link, is asked for the
// password, is stopped by a missing required answer, then submits and sees the thank-you
// message. The REST API confirms what was saved and that exactly one record was created.
import type { Locator, Page } from 'playwright-core';
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

/**
 * Drags with the mouse in small steps, as dnd-kit's pointer sensor needs: press, move past the
 * activation distance, wait for the drag to start (the item is marked), move onto the target
 * and nudge once more there so the drop target is measured, then release.
 */
async function drag(page: Page, from: Locator, to: Locator): Promise<void> {
  await from.scrollIntoViewIfNeeded();
  const start = await from.boundingBox();
  const end = await to.boundingBox();
  if (!start || !end) throw new Error('drag source or target is not visible');
  const x = start.x + start.width / 2;
  const y = start.y + start.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + 12, y + 12, { steps: 4 });
  await page.locator('.is-dragging').first().waitFor();
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2, { steps: 12 });
  await page.mouse.move(end.x + end.width / 2, end.y + end.height / 2 + 2, { steps: 2 });
  await page.mouse.up();
}

interface Scenes {
  readonly baseId: string;
  readonly tableId: string;
  readonly formId: string;
  readonly fieldIds: Record<string, string>;
}

async function createScenes(): Promise<Scenes> {
  const base = ok(await server.request('POST', '/api/v2/meta/bases', { title: 'Film' }));
  const table = ok(
    await server.request('POST', `/api/v2/meta/bases/${base.id}/tables`, {
      title: 'Scenes',
      columns: [
        { title: 'Title', uidt: 'SingleLineText', rqd: true },
        {
          title: 'Status',
          uidt: 'SingleSelect',
          colOptions: { options: [{ title: 'Draft' }, { title: 'Shot' }] },
        },
        { title: 'Notes', uidt: 'LongText' },
        { title: 'Take', uidt: 'Number' },
      ],
    }),
  );
  const form = ok(await server.request('POST', `/api/v2/meta/tables/${table.id}/forms`, { title: 'Intake' }));
  // The builder starts from an empty form, so adding fields is part of the test.
  ok(await server.request('POST', `/api/v2/meta/views/${form.id}/hide-all`));
  const fieldIds = Object.fromEntries(
    (table.columns as { id: string; title: string }[]).map((c) => [c.title, c.id]),
  );
  return { baseId: base.id, tableId: table.id, formId: form.id, fieldIds };
}

describe('form view', () => {
  it('is built in the builder, shared with a password, and filled in signed out', async () => {
    const scenes = await createScenes();
    const makerUser = { email: 'maker@example.com' };
    const uuid = await inOwnBrowser(server, { user: makerUser }, async (maker, page) => {
      await page.goto(`/bases/${scenes.baseId}/tables/${scenes.tableId}/views/${scenes.formId}`);
      await page.getByTestId('form-builder').waitFor();

      // Add by click, by dragging onto a card (lands before it), reorder by the handle, add by click.
      await page.getByTestId('form-palette-Title').click();
      await page.getByTestId('form-palette-Take').click();
      await page.getByTestId('form-card-Take').waitFor();
      await drag(page, page.getByTestId('form-palette-Notes'), page.getByTestId('form-card-Take'));
      await page.getByTestId('form-card-Notes').waitFor();
      await drag(
        page,
        page.getByTestId('form-card-Take').getByTestId('form-card-handle'),
        page.getByTestId('form-card-Notes'),
      );
      await page.getByTestId('form-palette-Status').click();
      await page.getByTestId('form-card-Status').waitFor();
      const cards = page.locator('.form-card');
      expect(await cards.evaluateAll((list) => list.map((card) => card.getAttribute('data-testid')))).toEqual(
        ['form-card-Title', 'form-card-Take', 'form-card-Notes', 'form-card-Status'],
      );
      expect(await page.getByTestId('form-palette').textContent()).toContain('Every field is on the form');

      await page.getByTestId('form-card-Title').getByTestId('form-card-label').fill('Scene title');
      await page.getByTestId('form-card-Notes').getByTestId('form-card-help').fill('What happens in it');
      await page.getByTestId('form-card-Take').getByTestId('form-card-required').check();
      await page.getByTestId('form-heading').fill('Log a scene');
      await page.getByTestId('form-success-msg').fill('Thanks, the scene is logged.');
      await page.getByTestId('form-submit-another-toggle').check();
      await page.getByTestId('share-create').click();
      await page.getByTestId('share-password-new').fill('open sesame');
      await page.getByTestId('share-password-set').click();
      await page.getByTestId('share-password-on').waitFor();

      const titleOf = Object.fromEntries(Object.entries(scenes.fieldIds).map(([title, id]) => [id, title]));
      await expect
        .poll(
          async () => {
            const columns: {
              fk_column_id: string;
              show: boolean;
              order: number;
              label: string | null;
              description: string | null;
              required: boolean;
            }[] = ok(await server.request('GET', `/api/v2/meta/views/${scenes.formId}/columns`)).list;
            const shown = columns
              .filter((c) => c.show && titleOf[c.fk_column_id] !== 'Id')
              .sort((a, b) => a.order - b.order);
            return shown.map((c) => ({
              title: titleOf[c.fk_column_id],
              label: c.label,
              description: c.description,
              required: c.required,
            }));
          },
          { timeout: 10_000 },
        )
        .toEqual([
          { title: 'Title', label: 'Scene title', description: null, required: false },
          { title: 'Take', label: null, description: null, required: true },
          { title: 'Notes', label: null, description: 'What happens in it', required: false },
          { title: 'Status', label: null, description: null, required: false },
        ]);
      await expect
        .poll(async () => ok(await server.request('GET', `/api/v2/meta/forms/${scenes.formId}`)).meta, {
          timeout: 10_000,
        })
        .toMatchObject({
          heading: 'Log a scene',
          success_msg: 'Thanks, the scene is logged.',
          submit_another_form: true,
        });
      const view = ok(await server.request('GET', `/api/v2/meta/forms/${scenes.formId}`));
      expect(view.password_protected).toBe(true);
      expect(await page.getByTestId('share-link').inputValue()).toBe(
        `${server.baseUrl}/shared/form/${view.uuid}`,
      );

      await maker.screenshot(page, 'form-builder');
      expect(maker.errors()).toEqual([]);
      return view.uuid as string;
    });

    // Signed out, in a browser of its own. The protected link answers 403 until the password is
    // given (and a wrong one 403 again): Chromium logs each as a console error, which we expect.
    await inOwnBrowser(server, { ignoreErrors: [/status of 403/] }, async (visitor, page) => {
      await page.goto(`/shared/form/${uuid}`);
      await page.getByTestId('share-password-input').fill('wrong guess');
      await page.getByTestId('share-password-submit').click();
      await page.getByText('That password is not right').waitFor();
      await page.getByTestId('share-password-input').fill('open sesame');
      await page.getByTestId('share-password-submit').click();
      await page.getByTestId('form-fill').waitFor();

      expect(await page.locator('.form-heading').textContent()).toBe('Log a scene');
      const questions = await page.locator('.form-question-label').allTextContents();
      expect(questions.map((q) => q.trim())).toEqual(['Scene title *', 'Take *', 'Notes', 'Status']);
      expect(await page.getByTestId('form-question-Notes').textContent()).toContain('What happens in it');

      await page.getByTestId('input-Title').fill('Opening shot');
      await page.getByTestId('input-Status').click();
      await page.getByTestId('input-Status-option-Shot').click();
      await page.getByTestId('input-Notes').fill('The sun rises over the harbour.');
      await page.getByTestId('form-submit').click();
      await page.getByTestId('form-error-Take').waitFor();
      expect(await page.getByTestId('form-error-Take').textContent()).toBe('This field is required.');
      expect(ok(await server.request('GET', `/api/v2/tables/${scenes.tableId}/records`)).list).toEqual([]);
      await visitor.screenshot(page, 'form-public');

      await page.getByTestId('input-Take').fill('3');
      await page.getByTestId('form-submit').click();
      await page.getByTestId('form-thanks').waitFor();
      expect(await page.getByTestId('form-thanks').textContent()).toContain('Thanks, the scene is logged.');
      await page.getByTestId('form-submit-another').waitFor();
      await visitor.screenshot(page, 'form-thanks');

      const records = ok(await server.request('GET', `/api/v2/tables/${scenes.tableId}/records`)).list;
      expect(records).toHaveLength(1);
      expect(records[0]).toMatchObject({
        Title: 'Opening shot',
        Status: 'Shot',
        Notes: 'The sun rises over the harbour.',
        Take: 3,
      });

      // "Submit another" gives an empty form again; it fits a phone-sized window too.
      await page.getByTestId('form-submit-another').click();
      await page.getByTestId('form-fill').waitFor();
      expect(await page.getByTestId('input-Title').inputValue()).toBe('');
      await page.setViewportSize({ width: 390, height: 800 });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await visitor.screenshot(page, 'form-public-narrow');
      expect(visitor.errors()).toEqual([]);
    });
  }, 60_000);

  it('shows editors the form to fill in as themselves, not the builder', async () => {
    // The instance's first account becomes its owner: make sure the editor is not it.
    await server.request('POST', '/api/v1/auth/user/signup', {
      email: 'first@example.com',
      password: 'correct horse battery',
    });
    const base = ok(await server.request('POST', '/api/v2/meta/bases', { title: 'Takes' }));
    const table = ok(
      await server.request('POST', `/api/v2/meta/bases/${base.id}/tables`, {
        title: 'Takes',
        columns: [
          { title: 'Title', uidt: 'SingleLineText', rqd: true },
          { title: 'Take', uidt: 'Number' },
        ],
      }),
    );
    const form = ok(
      await server.request('POST', `/api/v2/meta/tables/${table.id}/forms`, { title: 'New take' }),
    );
    const take = (table.columns as { id: string; title: string }[]).find((c) => c.title === 'Take')!;
    ok(await server.request('PATCH', `/api/v2/meta/views/${form.id}/columns/${take.id}`, { required: true }));

    const editor = { email: 'editor@example.com', member: { baseId: base.id, roles: 'editor' } };
    await inOwnBrowser(server, { user: editor }, async (browser, page) => {
      await page.goto(`/bases/${base.id}/tables/${table.id}/views/${form.id}`);
      await page.getByTestId('form-preview').waitFor();
      expect(await page.getByTestId('form-builder').count()).toBe(0);
      expect(await page.getByTestId('form-mode-build').count()).toBe(0);

      await page.getByTestId('form-submit').click();
      await page.getByTestId('form-error-Title').waitFor();
      await page.getByTestId('form-error-Take').waitFor();
      await page.getByTestId('input-Title').fill('Close-up');
      await page.getByTestId('input-Take').fill('7');
      await page.getByTestId('form-submit').click();
      await page.getByTestId('form-thanks').waitFor();
      await browser.screenshot(page, 'form-editor-preview');

      const records = ok(await server.request('GET', `/api/v2/tables/${table.id}/records`)).list;
      expect(records).toEqual([expect.objectContaining({ Title: 'Close-up', Take: 7 })]);
      expect(browser.errors()).toEqual([]);
    });
  }, 30_000);
});
