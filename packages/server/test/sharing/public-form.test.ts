import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { createSharingFixture, expectStatus, publicPath, type SharingFixture } from './sharing-fixture.ts';

describe.each(testDialects)('shared forms on %s', (dialect) => {
  let f: SharingFixture;
  let formId: string;
  let uuid: string;
  let submit: (body: unknown, headers?: Record<string, string>) => ReturnType<SharingFixture['anonymous']>;

  beforeAll(async () => {
    f = await createSharingFixture(dialect);
    formId = await f.createView('forms', 'Intake', ['Secret']);
    expectStatus(
      await f.t.call('PATCH', `/api/v2/meta/views/${formId}/columns/${f.field('Email')}`, {
        required: true,
        label: 'Your e-mail',
        description: 'We only write back once',
      }),
      200,
    );
    uuid = await f.share(formId);
    submit = (body, headers = {}) => f.anonymous('POST', publicPath(uuid, '/rows'), body, headers);
  });
  afterAll(async () => f.close());

  const records = async () =>
    expectStatus(await f.t.call('GET', `/api/v2/tables/${f.tableId}/records?limit=100`), 200).list;

  it("serves a form's meta: fillable shown fields with their label, help text and required flag", async () => {
    const meta = expectStatus(await f.anonymous('GET', publicPath(uuid, '/meta')), 200);
    expect(meta.view).toMatchObject({ id: formId, type: 1, password_protected: false });
    const titles = meta.columns.map((c: { title: string }) => c.title);
    expect(titles).toEqual(['Name', 'Email', 'Age', 'Status', 'Agree', 'Notes']);
    expect(meta.columns[1]).toMatchObject({
      title: 'Email',
      label: 'Your e-mail',
      description: 'We only write back once',
      required: true,
    });
    expect(meta.columns[0]).toMatchObject({ title: 'Name', required: true, label: null });
    expect(meta.columns[2]).toMatchObject({ title: 'Age', required: false });
  });

  it('creates the record through the record write path, with the default thank-you message', async () => {
    const before = await f.t.store.events.latest(f.baseId);
    const reply = expectStatus(
      await submit({
        Name: 'Dora',
        Email: 'dora@example.com',
        Age: 40,
        Status: 'new',
        Agree: true,
        Notes: '',
      }),
      200,
    );
    expect(reply).toEqual({ msg: 'Thank you for submitting the form!' });
    const created = (await records()).find((r: { Name: string }) => r.Name === 'Dora');
    expect(created).toMatchObject({
      Email: 'dora@example.com',
      Age: 40,
      Status: 'new',
      Agree: true,
      Notes: null,
    });

    const events = await f.t.store.events.list({ baseId: f.baseId, after: before, limit: 10 });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      type: 'records.insert',
      tableId: f.tableId,
      recordIds: [created.Id],
      actor: { type: 'shared-view', id: formId },
    });
    const trail = expectStatus(
      await f.t.call('GET', `/api/v2/meta/bases/${f.baseId}/audits?action=record.insert&limit=100`),
      200,
    ).list;
    expect(trail.find((e: { record_id: string }) => e.record_id === String(created.Id))).toMatchObject({
      actor: { type: 'shared-view', id: formId, name: "Shared form 'Intake'", user_id: null },
    });
  });

  it("answers the form's own thank-you message when it has one", async () => {
    expectStatus(
      await f.t.call('PATCH', `/api/v2/meta/views/${formId}`, { meta: { success_msg: 'Got it, thanks.' } }),
      200,
    );
    expect(expectStatus(await submit({ Name: 'Eli', Email: 'eli@example.com' }), 200)).toEqual({
      msg: 'Got it, thanks.',
    });
  });

  it('reports every bad field at once: wrong types, required, hidden and unknown fields', async () => {
    const count = (await records()).length;
    const response = await submit({
      Email: 'not an e-mail',
      Age: 'forty',
      Status: 'unheard-of',
      Secret: 'sneaky',
      Nope: 1,
      Agree: 'yes please',
    });
    expect(response.status).toBe(422);
    expect(response.body.error).toBe('ERR_FORM_INVALID');
    const fields = response.body.details.fields;
    expect(Object.keys(fields).sort()).toEqual(['Age', 'Agree', 'Email', 'Name', 'Nope', 'Secret', 'Status']);
    expect(fields.Name).toBe('This field is required.');
    expect(fields.Secret).toBe('This field is not on the form.');
    expect(fields.Nope).toBe('There is no such field.');
    expect(fields.Age).toMatch(/number/i);
    expect(fields.Email).not.toMatch(/^Invalid value for field/);
    expect(response.body.msg).toMatch(/^The form has 7 problems: .*Name: This field is required\./);
    expect((await records()).length).toBe(count);
  });

  it('requires what the form marks required, and what the field itself requires', async () => {
    const blank = await submit({ Name: '   ', Email: '' });
    expect(blank.status).toBe(422);
    expect(blank.body.details.fields).toEqual({
      Name: 'This field is required.',
      Email: 'This field is required.',
    });
    const missing = await submit({ Name: 'Fay' });
    expect(missing.body.details.fields).toEqual({ Email: 'This field is required.' });
  });

  it('treats a required checkbox as answered only when ticked', async () => {
    expectStatus(
      await f.t.call('PATCH', `/api/v2/meta/views/${formId}/columns/${f.field('Agree')}`, { required: true }),
      200,
    );
    const unticked = await submit({ Name: 'Gus', Email: 'gus@example.com', Agree: false });
    expect(unticked.status).toBe(422);
    expect(unticked.body.details.fields).toEqual({ Agree: 'This field is required.' });
    expectStatus(await submit({ Name: 'Gus', Email: 'gus@example.com', Agree: true }), 200);
    expectStatus(
      await f.t.call('PATCH', `/api/v2/meta/views/${formId}/columns/${f.field('Agree')}`, {
        required: false,
      }),
      200,
    );
  });

  it('refuses computed and system fields, a body that is not an object, and other view types', async () => {
    const system = await submit({ Name: 'Hal', Email: 'hal@example.com', Id: 999, CreatedAt: '2020-01-01' });
    expect(system.status).toBe(422);
    expect(system.body.details.fields).toEqual({
      Id: 'This field is not on the form.',
      CreatedAt: 'This field is not on the form.',
    });
    expect((await submit([{ Name: 'Ivy' }])).status).toBe(400);
    expect((await submit('"text"')).status).toBe(400);
    const gridUuid = await f.share(await f.createView('grids', 'Grid to share'));
    const onGrid = await f.anonymous('POST', publicPath(gridUuid, '/rows'), { Name: 'Jo' });
    expect(onGrid.status).toBe(400);
    expect(onGrid.body.error).toBe('ERR_BAD_REQUEST');
  });

  it('links records given as [{Id}] and reports a missing linked record on its field', async () => {
    const linked = await f.insert([{ Name: 'Parent' }]);
    expectStatus(
      await f.t.call('POST', `/api/v2/meta/tables/${f.tableId}/columns`, {
        title: 'Related',
        uidt: 'Links',
        childId: f.tableId,
        type: 'mm',
      }),
      200,
    );
    const ok = await submit({ Name: 'Kim', Email: 'kim@example.com', Related: [{ Id: linked[0] }] });
    expectStatus(ok, 200);
    const kim = (await records()).find((r: { Name: string }) => r.Name === 'Kim');
    expect(kim.Related).toBe(1);
    const missing = await submit({ Name: 'Lee', Email: 'lee@example.com', Related: [{ Id: 99999 }] });
    expect(missing.status).toBe(422);
    expect(Object.keys(missing.body.details.fields)).toEqual(['Related']);
  });

  it('needs the password of a protected form', async () => {
    const lockedId = await f.createView('forms', 'Locked form');
    const lockedUuid = await f.share(lockedId);
    expectStatus(await f.t.call('PATCH', `/api/v2/meta/views/${lockedId}/share`, { password: 'pw' }), 200);
    const path = publicPath(lockedUuid, '/rows');
    const none = await f.anonymous('POST', path, { Name: 'Mo' });
    expect(none.status).toBe(403);
    expect(none.body.error).toBe('ERR_SHARED_VIEW_PASSWORD');
    expect((await f.anonymous('POST', path, { Name: 'Mo' }, { 'xc-password': 'PW' })).status).toBe(403);
    expectStatus(await f.anonymous('POST', path, { Name: 'Mo' }, { 'xc-password': 'pw' }), 200);
  });

  it('refuses an oversized body and throttles floods of submissions', async () => {
    const huge = await submit({ Name: 'Big', Email: 'big@example.com', Notes: 'x'.repeat(70 * 1024) });
    expect(huge.status).toBe(413);
    const floodId = await f.createView('forms', 'Flood');
    const floodUuid = await f.share(floodId);
    const statuses: number[] = [];
    for (let i = 0; i < 32; i += 1)
      statuses.push((await f.anonymous('POST', publicPath(floodUuid, '/rows'), { Name: `n${i}` })).status);
    expect(statuses.slice(0, 30).every((s) => s === 200)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
