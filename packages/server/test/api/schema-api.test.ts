import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';

describe.each(testDialects)('schema API on %s', (dialect) => {
  let t: TestApp;
  let baseId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    baseId = (await t.call('POST', '/api/v1/db/meta/projects/', { title: 'Schema' })).body.id;
  });
  afterAll(async () => t.close());

  const columnId = (table: { columns: { id: string; title: string }[] }, title: string) =>
    table.columns.find((c) => c.title === title)!.id;

  it('refuses a view filter whose operator or value the field cannot take', async () => {
    const table = (
      await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'Checks',
        columns: [
          { title: 'Done', uidt: 'Checkbox' },
          { title: 'Qty', uidt: 'Number' },
        ],
      })
    ).body;
    const view = (await t.call('POST', `/api/v2/meta/tables/${table.id}/grids`, { title: 'Open' })).body;
    const wrongOp = await t.call('POST', `/api/v2/meta/views/${view.id}/filters`, {
      fk_column_id: columnId(table, 'Done'),
      comparison_op: 'gt',
      value: '1',
    });
    expect(wrongOp.status).toBe(422);
    expect(wrongOp.body.error).toBe('ERR_INVALID_FILTER');
    const wrongValue = await t.call('POST', `/api/v2/meta/views/${view.id}/filters`, {
      fk_column_id: columnId(table, 'Qty'),
      comparison_op: 'gt',
      value: 'many',
    });
    expect(wrongValue.status).toBe(422);
    const unknownField = await t.call('POST', `/api/v2/meta/views/${view.id}/filters`, {
      fk_column_id: 'cnope',
      comparison_op: 'eq',
      value: '1',
    });
    expect(unknownField.status).toBe(404);
    expect((await t.call('GET', `/api/v2/meta/views/${view.id}/filters`)).body.list).toEqual([]);
  });

  it('evaluates nested view filter groups', async () => {
    const table = (
      await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'Groups',
        columns: [
          { title: 'A', uidt: 'Number' },
          { title: 'B', uidt: 'Number' },
        ],
      })
    ).body;
    const rows = [];
    for (let a = 0; a < 3; a += 1) for (let b = 0; b < 3; b += 1) rows.push({ A: a, B: b });
    await t.call('POST', `/api/v2/tables/${table.id}/records`, rows);
    const view = (await t.call('POST', `/api/v2/meta/tables/${table.id}/grids`, { title: 'Nested' })).body;
    await t.call('POST', `/api/v2/meta/views/${view.id}/filters`, {
      fk_column_id: columnId(table, 'A'),
      comparison_op: 'eq',
      value: '0',
    });
    const group = (
      await t.call('POST', `/api/v2/meta/views/${view.id}/filters`, { is_group: true, logical_op: 'or' })
    ).body;
    await t.call('POST', `/api/v2/meta/views/${view.id}/filters`, {
      fk_parent_id: group.id,
      fk_column_id: columnId(table, 'A'),
      comparison_op: 'eq',
      value: '2',
    });
    await t.call('POST', `/api/v2/meta/views/${view.id}/filters`, {
      fk_parent_id: group.id,
      fk_column_id: columnId(table, 'B'),
      comparison_op: 'eq',
      value: '1',
      logical_op: 'and',
    });
    // A = 0 OR (A = 2 AND B = 1)
    const list = await t.call('GET', `/api/v2/tables/${table.id}/records?viewId=${view.id}&fields=A,B`);
    expect(list.body.list.map((r: { A: number; B: number }) => `${r.A}${r.B}`)).toEqual([
      '00',
      '01',
      '02',
      '21',
    ]);
    const children = await t.call('GET', `/api/v2/meta/filters/${group.id}/children`);
    expect(children.body.list).toHaveLength(2);
  });

  it('renames and removes select options in the records that use them', async () => {
    const table = (
      await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'Shots',
        columns: [
          {
            title: 'Stage',
            uidt: 'SingleSelect',
            colOptions: { options: [{ title: 'draft' }, { title: 'review' }] },
          },
          {
            title: 'Labels',
            uidt: 'MultiSelect',
            colOptions: { options: [{ title: 'x' }, { title: 'y' }, { title: 'z' }] },
          },
        ],
      })
    ).body;
    await t.call('POST', `/api/v2/tables/${table.id}/records`, [
      { Stage: 'draft', Labels: 'x,y' },
      { Stage: 'review', Labels: 'y,z' },
    ]);
    const stage = table.columns.find((c: { title: string }) => c.title === 'Stage');
    const [draft, review] = stage.colOptions.options;
    const renamed = await t.call('PATCH', `/api/v2/meta/columns/${stage.id}`, {
      colOptions: {
        options: [
          { id: draft.id, title: 'Draft v2' },
          { id: review.id, title: 'review' },
        ],
      },
    });
    expect(renamed.status).toBe(200);
    const labels = table.columns.find((c: { title: string }) => c.title === 'Labels');
    const [x, , z] = labels.colOptions.options;
    await t.call('PATCH', `/api/v2/meta/columns/${labels.id}`, { colOptions: { options: [x, z] } });
    const list = await t.call('GET', `/api/v2/tables/${table.id}/records?fields=Stage,Labels`);
    expect(list.body.list).toEqual([
      { Stage: 'Draft v2', Labels: 'x' },
      { Stage: 'review', Labels: 'z' },
    ]);
  });

  it('refuses invalid schema input with 4xx', async () => {
    const badType = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Bad',
      columns: [{ title: 'X', uidt: 'Hologram' }],
    });
    expect(badType.status).toBe(422);
    const dupTitle = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Dup',
      columns: [
        { title: 'X', uidt: 'Number' },
        { title: 'x', uidt: 'Number' },
      ],
    });
    expect(dupTitle.status).toBe(422);
    expect((await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, { columns: [] })).status).toBe(422);
    expect((await t.call('POST', '/api/v2/meta/bases', { title: '' })).status).toBe(422);
    expect((await t.call('POST', '/api/v2/meta/bases/pnope/tables', { title: 'T' })).status).toBe(404);
    const badOption = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Opts',
      columns: [{ title: 'S', uidt: 'SingleSelect', colOptions: { options: [{ title: 'a,b' }] } }],
    });
    expect(badOption.status).toBe(422);
    const tables = await t.call('GET', `/api/v2/meta/bases/${baseId}/tables`);
    expect(tables.body.list.map((x: { title: string }) => x.title)).not.toContain('Opts');
  });

  it('deletes a base with its tables', async () => {
    const base = (await t.call('POST', '/api/v2/meta/bases', { title: 'Temp' })).body;
    const table = (await t.call('POST', `/api/v2/meta/bases/${base.id}/tables`, { title: 'Gone' })).body;
    expect((await t.call('DELETE', `/api/v2/meta/bases/${base.id}`)).body).toBe(true);
    expect((await t.call('GET', `/api/v2/tables/${table.id}/records`)).status).toBe(404);
    expect((await t.call('GET', `/api/v2/meta/bases/${base.id}`)).status).toBe(404);
  });

  it('answers n8n credential checks and app info', async () => {
    expect((await t.call('GET', '/api/v1/auth/user/me')).status).toBe(200);
    const info = await t.call('GET', '/api/v1/db/meta/nocodb/info');
    expect(info.body.type).toBe(dialect === 'postgres' ? 'pg' : 'sqlite3');
  });
});
