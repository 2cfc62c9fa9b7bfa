import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { baseTrail, expectStatus } from './audit-actors.ts';

describe.each(testDialects)('schema changes in the audit trail on %s', (dialect) => {
  let t: TestApp;
  let baseId: string;
  let alice: TestUser;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    baseId = expectStatus(await t.call('POST', '/api/v2/meta/bases', { title: 'Audited' }), 200).id;
    alice = await createTestUser(t, 'alice@example.com', { membership: { baseId, role: 'creator' } });
  });
  afterAll(async () => t.close());

  const as = (method: string, url: string, body?: unknown) => t.callWith(alice.headers, method, url, body);
  const ok = async (method: string, url: string, body?: unknown) =>
    expectStatus(await as(method, url, body), 200);
  /** Alice's entries, oldest first. */
  const alicesTrail = async () =>
    (await baseTrail(t, baseId, `&actor=${alice.id}`)).body.list.slice().reverse();

  it('records every table, field and view change with its actor, target and before/after', async () => {
    const table = await ok('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Tasks',
      columns: [
        { title: 'Title', uidt: 'SingleLineText' },
        { title: 'Qty', uidt: 'Number' },
      ],
    });
    const columnId = (t0: { columns: { id: string; title: string }[] }, title: string) =>
      t0.columns.find((c) => c.title === title)!.id;
    const titleId = columnId(table, 'Title');
    const qtyId = columnId(table, 'Qty');
    const withStatus = await ok('POST', `/api/v2/meta/tables/${table.id}/columns`, {
      title: 'Status',
      uidt: 'SingleSelect',
      colOptions: { options: [{ title: 'open' }, { title: 'done' }] },
    });
    const statusId = columnId(withStatus, 'Status');
    await ok('PATCH', `/api/v2/meta/columns/${titleId}`, { title: 'Name' });
    await ok('POST', `/api/v2/meta/columns/${qtyId}/primary`);
    await ok('DELETE', `/api/v2/meta/columns/${statusId}`);
    await ok('PATCH', `/api/v2/meta/tables/${table.id}`, { title: 'Chores' });
    const view = await ok('POST', `/api/v2/meta/tables/${table.id}/grids`, { title: 'Mine' });
    await ok('PATCH', `/api/v2/meta/views/${view.id}`, { title: 'Ours' });
    await ok('PATCH', `/api/v2/meta/views/${view.id}/columns/${qtyId}`, { show: false });
    await ok('POST', `/api/v2/meta/views/${view.id}/show-all`);
    const filter = await ok('POST', `/api/v2/meta/views/${view.id}/filters`, {
      fk_column_id: qtyId,
      comparison_op: 'gt',
      value: '3',
    });
    await ok('PATCH', `/api/v2/meta/filters/${filter.id}`, { value: '5' });
    await ok('DELETE', `/api/v2/meta/filters/${filter.id}`);
    const sort = await ok('POST', `/api/v2/meta/views/${view.id}/sorts`, { fk_column_id: qtyId });
    await ok('PATCH', `/api/v2/meta/sorts/${sort.id}`, { direction: 'desc' });
    await ok('DELETE', `/api/v2/meta/sorts/${sort.id}`);
    await ok('DELETE', `/api/v2/meta/views/${view.id}`);
    await ok('DELETE', `/api/v2/meta/tables/${table.id}`);

    const trail = await alicesTrail();
    expect(trail.map((e: { action: string; target_id: string }) => [e.action, e.target_id])).toEqual([
      ['table.create', table.id],
      ['field.create', statusId],
      ['field.update', titleId],
      ['field.primary', qtyId],
      ['field.delete', statusId],
      ['table.update', table.id],
      ['view.create', view.id],
      ['view.update', view.id],
      ['view.column.update', view.id],
      ['view.column.update', view.id],
      ['view.filter.create', view.id],
      ['view.filter.update', view.id],
      ['view.filter.delete', view.id],
      ['view.sort.create', view.id],
      ['view.sort.update', view.id],
      ['view.sort.delete', view.id],
      ['view.delete', view.id],
      ['table.delete', table.id],
    ]);
    for (const entry of trail) {
      expect(entry.actor).toEqual({ type: 'user', id: alice.id, name: alice.email, user_id: alice.id });
      expect(entry.ip).toBe('127.0.0.1');
      expect(entry.base_id).toBe(baseId);
      expect(entry.table_id).toBe(table.id);
      expect(entry.record_id).toBeNull();
      expect(Date.parse(entry.created_at)).toBeGreaterThan(Date.now() - 120_000);
    }
    const details = (action: string, index = 0) =>
      trail.filter((e: { action: string }) => e.action === action)[index].details;

    const created = details('table.create');
    expect(created.after).toMatchObject({ title: 'Tasks', table_name: 'tasks', description: null });
    expect(created.after.fields.map((f: { title: string }) => f.title)).toEqual([
      'Id',
      'Title',
      'Qty',
      'CreatedAt',
      'UpdatedAt',
    ]);
    expect(created.default_view_id).toMatch(/^vw/);
    expect(details('field.create').after).toMatchObject({
      title: 'Status',
      uidt: 'SingleSelect',
      options: ['open', 'done'],
      primary_value: false,
    });
    expect(details('field.update')).toEqual({ before: { title: 'Title' }, after: { title: 'Name' } });
    expect(details('field.primary')).toEqual({
      before: { primary_value: { field_id: titleId, title: 'Name' } },
      after: { primary_value: { field_id: qtyId, title: 'Qty' } },
    });
    expect(details('field.delete').before).toMatchObject({ title: 'Status', options: ['open', 'done'] });
    expect(details('table.update')).toEqual({
      before: { title: 'Tasks', table_name: 'tasks' },
      after: { title: 'Chores', table_name: 'chores' },
    });
    expect(details('view.create').after).toMatchObject({ title: 'Mine', type: 'grid' });
    expect(details('view.update')).toEqual({ before: { title: 'Mine' }, after: { title: 'Ours' } });
    expect(details('view.column.update', 0)).toEqual({
      field_id: qtyId,
      before: { show: true },
      after: { show: false },
    });
    expect(details('view.column.update', 1)).toEqual({ field_id: null, after: { show: true } });
    expect(details('view.filter.create')).toMatchObject({
      filter_id: filter.id,
      after: { field_id: qtyId, comparison_op: 'gt', value: '3', logical_op: 'and' },
    });
    expect(details('view.filter.update')).toEqual({
      filter_id: filter.id,
      before: { value: '3' },
      after: { value: '5' },
    });
    expect(details('view.filter.delete')).toMatchObject({ filter_id: filter.id, before: { value: '5' } });
    expect(details('view.sort.create')).toEqual({
      sort_id: sort.id,
      after: { field_id: qtyId, direction: 'asc', order: 1 },
    });
    expect(details('view.sort.update')).toEqual({
      sort_id: sort.id,
      before: { direction: 'asc' },
      after: { direction: 'desc' },
    });
    expect(details('view.sort.delete').before).toEqual({ field_id: qtyId, direction: 'desc', order: 1 });
    expect(details('view.delete').before).toMatchObject({ title: 'Ours', type: 'grid' });
    expect(details('table.delete').before).toMatchObject({ title: 'Chores', table_name: 'chores' });
  });

  it('writes no entry for a change that fails, even one failing inside its transaction', async () => {
    const table = await ok('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Strict',
      columns: [
        { title: 'Code', uidt: 'SingleLineText' },
        { title: 'Tag', uidt: 'SingleLineText' },
      ],
    });
    const codeId = table.columns.find((c: { title: string }) => c.title === 'Code').id;
    const tagId = table.columns.find((c: { title: string }) => c.title === 'Tag').id;
    expectStatus(
      await as('POST', `/api/v2/tables/${table.id}/records`, [
        { Code: 'abc', Tag: 'same' },
        { Code: '12', Tag: 'same' },
      ]),
      200,
    );
    const before = (await baseTrail(t, baseId)).body.pageInfo.totalRows;

    // Refused before anything is written: a value that cannot become a number.
    const conversion = await as('PATCH', `/api/v2/meta/columns/${codeId}`, { uidt: 'Number' });
    expect(conversion.status).toBe(422);
    expect(conversion.body.error).toBe('ERR_TYPE_CONVERSION_FAILED');
    // Refused by the database mid-transaction, after DDL ran: duplicates block a unique index.
    const unique = await as('PATCH', `/api/v2/meta/columns/${tagId}`, { title: 'Label', unique: true });
    expect(unique.status).toBe(422);
    expect(unique.body.error).toBe('ERR_SCHEMA_INVALID');
    // A view filter the field cannot take.
    const view = (await ok('GET', `/api/v2/meta/tables/${table.id}/views`)).list[0];
    const filter = await as('POST', `/api/v2/meta/views/${view.id}/filters`, {
      fk_column_id: codeId,
      comparison_op: 'gt',
      value: 'x',
    });
    expect(filter.status).toBe(422);

    expect((await baseTrail(t, baseId)).body.pageInfo.totalRows).toBe(before);
    const fields = (await ok('GET', `/api/v2/meta/tables/${table.id}`)).columns;
    expect(fields.find((c: { id: string }) => c.id === tagId)).toMatchObject({ title: 'Tag', unique: false });
  });
});
