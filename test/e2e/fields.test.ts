// Field editors and the field dialog end to end: in a record's panel, a value of every
// editable type is entered through its own editor (text, long text, numbers, rating,
// checkbox, selects with an option created inline, dates and times, duration, e-mail, URL,
// phone, JSON, a base member, a linked record picked from a search, a file upload) and the
// REST API shows each stored value. Then the field dialog adds a select field with its
// options, a link, a lookup and a rollup; refuses a formula with the server's message and
// position shown in place, saves it once fixed (field names autocompleted); and shows which
// values a type change cannot convert.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gradientPng } from './cards-fixture.ts';
import type { TestBrowser } from './support/browser.ts';
import { expectOk as ok } from './support/rest.ts';
import { type SignedInSession, startSignedInSession } from './support/signed-in-session.ts';
import type { UiServer } from './support/ui-server.ts';

let session: SignedInSession;
let server: UiServer;
let browser: TestBrowser;

beforeAll(async () => {
  session = await startSignedInSession('sqlite');
  ({ server, browser } = session);
}, 30_000);
afterAll(async () => {
  await session?.stop();
});

/** A small PNG, so the upload gets thumbnails. */
const png = gradientPng(24, 16);

interface Fixture {
  readonly baseId: string;
  readonly tableId: string;
  readonly recordId: number;
}

async function createFixture(): Promise<Fixture> {
  const base = ok(await server.request('POST', '/api/v2/meta/bases', { title: 'Workshop' }));
  const people = ok(
    await server.request('POST', `/api/v2/meta/bases/${base.id}/tables`, {
      title: 'People',
      columns: [{ title: 'Name', uidt: 'SingleLineText' }],
    }),
  );
  ok(await server.request('POST', `/api/v2/tables/${people.id}/records`, [{ Name: 'Ann' }, { Name: 'Bob' }]));
  const things = ok(
    await server.request('POST', `/api/v2/meta/bases/${base.id}/tables`, {
      title: 'Things',
      columns: [
        { title: 'Title', uidt: 'SingleLineText' },
        { title: 'Notes', uidt: 'LongText' },
        { title: 'Count', uidt: 'Number' },
        { title: 'Amount', uidt: 'Decimal' },
        { title: 'Price', uidt: 'Currency', meta: { currency_code: 'EUR', currency_locale: 'de-DE' } },
        { title: 'Share', uidt: 'Percent' },
        { title: 'Stars', uidt: 'Rating' },
        { title: 'Done', uidt: 'Checkbox' },
        {
          title: 'Status',
          uidt: 'SingleSelect',
          colOptions: { options: [{ title: 'Todo' }, { title: 'Doing' }] },
        },
        {
          title: 'Tags',
          uidt: 'MultiSelect',
          colOptions: { options: [{ title: 'red' }, { title: 'green' }, { title: 'blue' }] },
        },
        { title: 'Due', uidt: 'Date' },
        { title: 'At', uidt: 'DateTime' },
        { title: 'Alarm', uidt: 'Time' },
        { title: 'Spent', uidt: 'Duration', meta: { duration: 1 } },
        { title: 'Mail', uidt: 'Email' },
        { title: 'Site', uidt: 'URL' },
        { title: 'Phone', uidt: 'PhoneNumber' },
        { title: 'Data', uidt: 'JSON' },
        { title: 'Files', uidt: 'Attachment' },
        { title: 'Owner', uidt: 'User' },
      ],
    }),
  );
  ok(
    await server.request('POST', `/api/v2/meta/tables/${things.id}/columns`, {
      title: 'Friends',
      uidt: 'Links',
      parentId: things.id,
      childId: people.id,
      type: 'mm',
    }),
  );
  const [created] = ok(
    await server.request('POST', `/api/v2/tables/${things.id}/records`, [{ Title: 'First' }]),
  );
  return { baseId: base.id, tableId: things.id, recordId: created.Id };
}

async function readRecord(fixture: Fixture): Promise<Record<string, unknown>> {
  return ok(await server.request('GET', `/api/v2/tables/${fixture.tableId}/records/${fixture.recordId}`));
}

/** Waits until the API shows `field` holding a value that passes `check`. */
async function stored(fixture: Fixture, field: string, check: (value: unknown) => boolean): Promise<void> {
  await expect
    .poll(async () => check((await readRecord(fixture))[field]), {
      timeout: 5000,
      message: `stored ${field}`,
    })
    .toBe(true);
}

const equals = (expected: unknown) => (value: unknown) => JSON.stringify(value) === JSON.stringify(expected);

async function typeAndEnter(page: Page, field: string, text: string): Promise<void> {
  const input = page.getByTestId(`input-${field}`);
  await input.fill(text);
  await input.press('Enter');
}

describe('field editors and the field dialog', () => {
  it('edits a value of every editable type in the record panel', async () => {
    const fixture = await createFixture();
    ok(
      await server.request('POST', `/api/v2/meta/bases/${fixture.baseId}/users`, {
        email: 'owner@example.com',
        roles: 'owner',
      }),
    );
    const page = await browser.newPage();
    await page.goto(`/bases/${fixture.baseId}/tables/${fixture.tableId}?record=${fixture.recordId}`);
    await page.getByTestId('record-panel').waitFor();
    await page.getByTestId('input-Title').waitFor();

    await typeAndEnter(page, 'Title', 'Hello there');
    await stored(fixture, 'Title', equals('Hello there'));

    const notes = page.getByTestId('input-Notes');
    await notes.fill('first line\nsecond line');
    await notes.press('Control+Enter');
    await stored(fixture, 'Notes', equals('first line\nsecond line'));

    // Numbers: an invalid number is marked and not saved; a valid one is.
    await page.getByTestId('input-Count').fill('4.5');
    await expect.poll(() => page.getByTestId('input-Count').getAttribute('aria-invalid')).toBe('true');
    await typeAndEnter(page, 'Count', '42');
    await typeAndEnter(page, 'Amount', '3.25');
    await typeAndEnter(page, 'Price', '12.5');
    await typeAndEnter(page, 'Share', '50');
    await stored(fixture, 'Count', equals(42));
    await stored(fixture, 'Amount', equals(3.25));
    await stored(fixture, 'Price', equals(12.5));
    await stored(fixture, 'Share', equals(50));

    await page.getByTestId('star-Stars-4').click();
    await stored(fixture, 'Stars', equals(4));
    await page.getByTestId('input-Done').check();
    await stored(fixture, 'Done', equals(true));

    // Single select: pick from the list, then create a new option inline.
    await page.getByTestId('input-Status').click();
    await page.getByTestId('input-Status-option-Doing').click();
    await stored(fixture, 'Status', equals('Doing'));
    await page.getByTestId('input-Status').fill('Later');
    await page.getByTestId('input-Status-create').click();
    await stored(fixture, 'Status', equals('Later'));

    // Multi select with the keyboard: search, Enter picks the first match.
    const tags = page.getByTestId('input-Tags');
    await tags.fill('gre');
    await tags.press('Enter');
    await tags.fill('blu');
    await tags.press('Enter');
    await stored(fixture, 'Tags', equals('green,blue'));

    await page.getByTestId('input-Due').fill('2026-03-05');
    await stored(fixture, 'Due', equals('2026-03-05'));
    await page.getByTestId('input-At').fill('2026-03-05T14:30:15');
    const expectedAt = await page.evaluate(() => {
      const iso = new Date('2026-03-05T14:30:15').toISOString();
      return `${iso.slice(0, 10)} ${iso.slice(11, 19)}+00:00`;
    });
    await stored(fixture, 'At', equals(expectedAt));
    await page.getByTestId('input-Alarm').fill('09:15:30');
    await stored(fixture, 'Alarm', equals('09:15:30'));

    await typeAndEnter(page, 'Spent', '1:30:15');
    await stored(fixture, 'Spent', equals(5415));

    await page.getByTestId('input-Mail').fill('not an address');
    await page.getByTestId('input-Mail').press('Enter');
    await page.getByTestId('record-field').filter({ hasText: 'not a valid e-mail' }).waitFor();
    await typeAndEnter(page, 'Mail', 'ann@example.com');
    await typeAndEnter(page, 'Site', 'https://example.com/docs');
    await typeAndEnter(page, 'Phone', '+1 555 0100');
    await stored(fixture, 'Mail', equals('ann@example.com'));
    await stored(fixture, 'Site', equals('https://example.com/docs'));
    await stored(fixture, 'Phone', equals('+1 555 0100'));

    const data = page.getByTestId('input-Data');
    await data.fill('{"size": [1, 2]');
    await page.locator('.record-field[data-field-title="Data"] .field-error').waitFor();
    await data.fill('{"size": [1, 2]}');
    await data.press('Control+Enter');
    await stored(fixture, 'Data', equals({ size: [1, 2] }));

    // User: pick a member of the base by name.
    await page.getByTestId('input-Owner').fill('test');
    await page.getByTestId('input-Owner-option-Test User').click();
    await stored(
      fixture,
      'Owner',
      (value) => Array.isArray(value) && (value[0] as { email: string })?.email === 'owner@example.com',
    );

    // Links: search the related table and pick a record; the link API writes it at once.
    await page.getByTestId('link-record-Friends').click();
    await page.getByTestId('link-search-input').fill('An');
    await page.getByTestId('link-option-Ann').click();
    await page.locator('.link-chip', { hasText: 'Ann' }).waitFor();
    await stored(fixture, 'Friends', equals(1));
    const linked = ok(
      await server.request(
        'GET',
        `/api/v2/tables/${fixture.tableId}/links/${await fieldIdOf(fixture, 'Friends')}/records/${fixture.recordId}`,
      ),
    );
    expect(linked.list.map((r: { Name: string }) => r.Name)).toEqual(['Ann']);

    // Attachment: upload a file; the cell holds it with a thumbnail shown.
    await page
      .getByTestId('file-Files')
      .setInputFiles({ name: 'dot.png', mimeType: 'image/png', buffer: png });
    await page.getByTestId('attachment-dot.png').waitFor();
    await stored(
      fixture,
      'Files',
      (value) =>
        Array.isArray(value) && value.length === 1 && (value[0] as { title: string }).title === 'dot.png',
    );
    await page.locator('[data-testid="attachment-dot.png"] img').waitFor();

    const record = await readRecord(fixture);
    expect(record).toMatchObject({
      Title: 'Hello there',
      Count: 42,
      Stars: 4,
      Done: true,
      Status: 'Later',
      Tags: 'green,blue',
      Due: '2026-03-05',
      Alarm: '09:15:30',
      Spent: 5415,
    });
    const status = ok(
      await server.request('GET', `/api/v2/meta/columns/${await fieldIdOf(fixture, 'Status')}`),
    );
    expect(status.colOptions.options.map((o: { title: string }) => o.title)).toEqual([
      'Todo',
      'Doing',
      'Later',
    ]);

    await browser.screenshot(page, 'field-editors');
    expect(browser.errors()).toEqual([]);
    await page.close();
  }, 45_000);

  it('adds select, link, lookup, rollup and formula fields; shows server refusals in place', async () => {
    const fixture = await createFixture();
    const errorsBefore = browser.errors().length;
    const page = await browser.newPage();
    await page.goto(`/bases/${fixture.baseId}/tables/${fixture.tableId}`);
    await page.getByTestId('fields-button').click();

    // A select field with two options.
    await page.getByTestId('field-add').click();
    await page.getByTestId('field-title').fill('Priority');
    await page.getByTestId('field-type').click();
    await page.getByTestId('field-type-SingleSelect').click();
    await page.getByTestId('option-add').click();
    await page.getByTestId('option-title-0').fill('High');
    await page.getByTestId('option-add').click();
    await page.getByTestId('option-title-1').fill('Low');
    await page.getByTestId('field-save').click();
    await page.getByTestId('field-row-Priority').waitFor();
    const priority = ok(
      await server.request('GET', `/api/v2/meta/columns/${await fieldIdOf(fixture, 'Priority')}`),
    );
    expect(priority.uidt).toBe('SingleSelect');
    expect(priority.colOptions.options.map((o: { title: string }) => o.title)).toEqual(['High', 'Low']);

    // A link to another table, then a lookup and a rollup through it.
    await page.getByTestId('field-add').click();
    await page.getByTestId('field-title').fill('Mentor');
    await page.getByTestId('field-type').click();
    await page.getByTestId('field-type-LinkToAnotherRecord').click();
    await page.getByTestId('link-table').selectOption({ label: 'People' });
    await page.getByTestId('relation-bt').check();
    await page.getByTestId('field-save').click();
    await page.getByTestId('field-row-Mentor').waitFor();
    const mentor = ok(
      await server.request('GET', `/api/v2/meta/columns/${await fieldIdOf(fixture, 'Mentor')}`),
    );
    expect(mentor).toMatchObject({ uidt: 'LinkToAnotherRecord', colOptions: { type: 'bt' } });

    await page.getByTestId('field-add').click();
    await page.getByTestId('field-title').fill('Friend names');
    await page.getByTestId('field-type').click();
    await page.getByTestId('field-type-Lookup').click();
    await page.getByTestId('relation-field').selectOption({ label: 'Friends' });
    await page.getByTestId('target-field').selectOption({ label: 'Name' });
    await page.getByTestId('field-save').click();
    await page.getByTestId('field-row-Friend names').waitFor();

    await page.getByTestId('field-add').click();
    await page.getByTestId('field-title').fill('Friend count');
    await page.getByTestId('field-type').click();
    await page.getByTestId('field-type-Rollup').click();
    await page.getByTestId('relation-field').selectOption({ label: 'Friends' });
    await page.getByTestId('rollup-function').selectOption('count');
    await page.getByTestId('target-field').selectOption({ label: 'Name' });
    await page.getByTestId('field-save').click();
    await page.getByTestId('field-row-Friend count').waitFor();
    ok(
      await server.request(
        'POST',
        `/api/v2/tables/${fixture.tableId}/links/${await fieldIdOf(fixture, 'Friends')}/records/${fixture.recordId}`,
        [{ Id: 1 }, { Id: 2 }],
      ),
    );
    expect(await readRecord(fixture)).toMatchObject({ 'Friend names': ['Ann', 'Bob'], 'Friend count': 2 });

    // A formula with an unknown field: the server's message, with the position marked.
    await page.getByTestId('field-add').click();
    await page.getByTestId('field-title').fill('Total');
    await page.getByTestId('field-type').click();
    await page.getByTestId('field-type-Formula').click();
    const formula = page.getByTestId('formula-input');
    await formula.fill('{Count} * {Nope}');
    await page.getByTestId('field-save').click();
    const error = page.getByTestId('formula-error');
    await error.waitFor();
    expect(await error.textContent()).toContain("Field 'Nope' not found at position 11");
    expect(await page.locator('[data-testid="formula-error-preview"] mark').textContent()).toBe('{');
    await browser.screenshot(page, 'field-dialog');

    // Fixed with autocomplete: `{Cou` suggests Count.
    await formula.fill('');
    await formula.pressSequentially('{Cou');
    await page.getByTestId('formula-suggestion-Count').click();
    await formula.pressSequentially(' * 2');
    expect(await formula.inputValue()).toBe('{Count} * 2');
    await page.getByTestId('field-save').click();
    await page.getByTestId('field-row-Total').waitFor();
    ok(
      await server.request('PATCH', `/api/v2/tables/${fixture.tableId}/records`, [
        { Id: fixture.recordId, Count: 21 },
      ]),
    );
    expect((await readRecord(fixture)).Total).toBe(42);

    // A type change whose values cannot convert: the examples are shown and nothing changes.
    ok(
      await server.request('PATCH', `/api/v2/tables/${fixture.tableId}/records`, [
        { Id: fixture.recordId, Mail: 'ann@example.com' },
      ]),
    );
    await page.getByTestId('field-edit-Mail').click();
    await page.getByTestId('field-type').click();
    await page.getByTestId('field-type-Number').click();
    await page.getByTestId('type-change-warning').waitFor();
    await page.getByTestId('field-save').click();
    const conversion = page.getByTestId('conversion-error');
    await conversion.waitFor();
    expect(await conversion.textContent()).toContain('ann@example.com');
    const mail = ok(await server.request('GET', `/api/v2/meta/columns/${await fieldIdOf(fixture, 'Mail')}`));
    expect(mail.uidt).toBe('Email');

    // The browser logs each refused request; the two refusals above are the only ones.
    const errors = browser.errors().slice(errorsBefore);
    expect(errors.filter((e) => !/status of 422/.test(e))).toEqual([]);
    expect(errors).toHaveLength(2);
    await page.close();
  }, 30_000);
});

async function fieldIdOf(fixture: Fixture, title: string): Promise<string> {
  const table = ok(await server.request('GET', `/api/v2/meta/tables/${fixture.tableId}`));
  const field = (table.columns as { id: string; title: string }[]).find((c) => c.title === title);
  if (!field) throw new Error(`no field ${title}`);
  return field.id;
}
