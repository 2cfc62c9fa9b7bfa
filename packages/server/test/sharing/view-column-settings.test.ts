import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { createSharingFixture, expectStatus, type SharingFixture } from './sharing-fixture.ts';

describe.each(testDialects)('view column settings on %s', (dialect) => {
  let f: SharingFixture;
  let formId: string;
  let columns: string;

  beforeAll(async () => {
    f = await createSharingFixture(dialect);
    formId = await f.createView('forms', 'Settings');
    columns = `/api/v2/meta/views/${formId}/columns`;
  });
  afterAll(async () => f.close());

  const columnOf = async (title: string) =>
    expectStatus(await f.t.call('GET', columns), 200).list.find(
      (c: { fk_column_id: string }) => c.fk_column_id === f.field(title),
    );

  it('lists every column with the default settings', async () => {
    expect(await columnOf('Email')).toMatchObject({
      show: true,
      width: null,
      label: null,
      description: null,
      required: false,
      meta: {},
    });
  });

  it('sets label, help text, required and meta by PATCH and by POST, keeping what is not sent', async () => {
    const patched = expectStatus(
      await f.t.call('PATCH', `${columns}/${f.field('Email')}`, {
        label: 'Where can we reach you?',
        description: 'Work address preferred',
        required: true,
        meta: { placeholder: 'you@example.com' },
      }),
      200,
    );
    expect(patched).toMatchObject({
      fk_column_id: f.field('Email'),
      show: true,
      label: 'Where can we reach you?',
      description: 'Work address preferred',
      required: true,
      meta: { placeholder: 'you@example.com' },
    });
    const posted = expectStatus(
      await f.t.call('POST', columns, { fk_column_id: f.field('Email'), show: false, label: null }),
      200,
    );
    expect(posted).toMatchObject({
      show: false,
      label: null,
      description: 'Work address preferred',
      required: true,
      meta: { placeholder: 'you@example.com' },
    });
    expect(await columnOf('Email')).toEqual(posted);
    expectStatus(await f.t.call('PATCH', `${columns}/${f.field('Email')}`, { width: '200' }), 200);
    expect(await columnOf('Email')).toMatchObject({ width: '200', required: true, show: false });
  });

  it('audits settings changes with the view column entry', async () => {
    expectStatus(await f.t.call('PATCH', `${columns}/${f.field('Age')}`, { label: 'How old?' }), 200);
    const trail = expectStatus(
      await f.t.call('GET', `/api/v2/meta/bases/${f.baseId}/audits?action=view.column.update&limit=100`),
      200,
    ).list;
    expect(trail[0]).toMatchObject({
      target_id: formId,
      details: { field_id: f.field('Age'), before: { label: null }, after: { label: 'How old?' } },
    });
  });

  it('copies settings with the view', async () => {
    const copy = expectStatus(
      await f.t.call('POST', `/api/v2/meta/tables/${f.tableId}/forms`, {
        title: 'Copy',
        copy_from_id: formId,
      }),
      200,
    );
    const copied = expectStatus(await f.t.call('GET', `/api/v2/meta/views/${copy.id}/columns`), 200).list;
    expect(copied.find((c: { fk_column_id: string }) => c.fk_column_id === f.field('Age'))).toMatchObject({
      label: 'How old?',
    });
  });

  it('refuses settings of the wrong type or length with a 400 naming the key', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ label: 5 }, "'label' must be a string or null"],
      [{ label: 'x'.repeat(256) }, "'label' must be at most 255 characters"],
      [{ description: 'y'.repeat(1001) }, "'description' must be at most 1000 characters"],
      [{ description: ['no'] }, "'description' must be a string or null"],
      [{ required: 'yes' }, "'required' must be true or false"],
      [{ meta: 'not json' }, "'meta' must be a JSON object"],
    ];
    for (const [body, message] of cases) {
      const response = await f.t.call('PATCH', `${columns}/${f.field('Name')}`, body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      expect(response.body).toMatchObject({
        error: 'ERR_INVALID_REQUEST_BODY',
        msg: expect.stringContaining(message),
      });
    }
    expect(await columnOf('Name')).toMatchObject({ label: null, required: false });
  });
});
