import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';

const columns = [
  { title: 'Name', uidt: 'SingleLineText' },
  { title: 'Notes', uidt: 'LongText' },
  { title: 'Score', uidt: 'Number' },
  { title: 'Price', uidt: 'Decimal', meta: { precision: 2 } },
  { title: 'Budget', uidt: 'Currency' },
  { title: 'Progress', uidt: 'Percent' },
  { title: 'Stars', uidt: 'Rating' },
  { title: 'Done', uidt: 'Checkbox' },
  {
    title: 'Status',
    uidt: 'SingleSelect',
    colOptions: { options: [{ title: 'todo' }, { title: 'doing' }, { title: 'done' }] },
  },
  {
    title: 'Tags',
    uidt: 'MultiSelect',
    colOptions: { options: [{ title: 'a' }, { title: 'b' }, { title: 'c' }] },
  },
  { title: 'Due', uidt: 'Date' },
  { title: 'Starts', uidt: 'DateTime' },
  { title: 'At', uidt: 'Time' },
  { title: 'Length', uidt: 'Duration' },
  { title: 'Mail', uidt: 'Email' },
  { title: 'Site', uidt: 'URL' },
  { title: 'Phone', uidt: 'PhoneNumber' },
  { title: 'Data', uidt: 'JSON' },
];

const fullRecord = {
  Name: 'Pilot',
  Notes: 'Line one\nLine two',
  Score: 42,
  Price: 12.5,
  Budget: 1000.25,
  Progress: 55,
  Stars: 4,
  Done: true,
  Status: 'doing',
  Tags: 'a,c',
  Due: '2026-03-01',
  Starts: '2026-03-01 09:30:00+00:00',
  At: '14:15:00',
  Length: 3600,
  Mail: 'writer@example.com',
  Site: 'https://example.com/page',
  Phone: '+1 555 123 4567',
  Data: { scenes: [1, 2], draft: true },
};

describe.each(testDialects)('records API on %s', (dialect) => {
  let t: TestApp;
  let baseId: string;
  let tableId: string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const base = await t.call('POST', '/api/v2/meta/bases/', { title: 'Studio' });
    expect(base.status).toBe(200);
    baseId = base.body.id;
    const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, { title: 'Episodes', columns });
    expect(table.status).toBe(200);
    tableId = table.body.id;
  });
  afterAll(async () => t.close());

  it('answers health and version', async () => {
    const health = await t.call('GET', '/api/v1/health');
    expect(health.status).toBe(200);
    expect(health.body.message).toBe('OK');
    expect(typeof health.body.timestamp).toBe('number');
    expect((await t.call('GET', '/api/v1/version')).body.currentVersion).toBeTruthy();
  });

  it('creates tables as real SQL tables with readable names and system fields', async () => {
    const table = await t.call('GET', `/api/v2/meta/tables/${tableId}`);
    expect(table.body.table_name).toBe('episodes');
    expect(table.body.id).toMatch(/^m/);
    const titles = table.body.columns.map((c: { title: string }) => c.title);
    expect(titles).toEqual(['Id', ...columns.map((c) => c.title), 'CreatedAt', 'UpdatedAt']);
    const status = table.body.columns.find((c: { title: string }) => c.title === 'Status');
    expect(status.id).toMatch(/^c/);
    expect(status.colOptions.options.map((o: { title: string }) => o.title)).toEqual([
      'todo',
      'doing',
      'done',
    ]);
    expect(table.body.views).toHaveLength(1);
    const viaV1 = await t.call('GET', `/api/v1/db/meta/projects/${baseId}/tables`);
    expect(viaV1.body.list.map((x: { id: string }) => x.id)).toContain(tableId);
  });

  it('rejects a second table with the same title', async () => {
    const again = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, { title: 'episodes' });
    expect(again.status).toBe(422);
    expect(again.body.msg).toMatch(/already exists/);
  });

  it('stores every field type and returns the same JSON on both databases', async () => {
    const created = await t.call('POST', `/api/v2/tables/${tableId}/records`, fullRecord);
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ Id: expect.any(Number) });
    const read = await t.call('GET', `/api/v2/tables/${tableId}/records/${created.body.Id}`);
    expect(read.status).toBe(200);
    const { Id, CreatedAt, UpdatedAt, ...values } = read.body;
    expect(Id).toBe(created.body.Id);
    expect(CreatedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00:00$/);
    expect(UpdatedAt).toBe(CreatedAt);
    expect(values).toEqual(fullRecord);
    await t.call('DELETE', `/api/v2/tables/${tableId}/records`, { Id });
  });

  it('returns checkboxes as booleans, never 1/0', async () => {
    const created = await t.call('POST', `/api/v2/tables/${tableId}/records`, [
      { Name: 'x', Done: 1 },
      { Name: 'y', Done: 'false' },
    ]);
    const ids = created.body.map((r: { Id: number }) => r.Id);
    const list = await t.call('GET', `/api/v2/tables/${tableId}/records?fields=Done&pks=${ids.join(',')}`);
    expect(list.body.list.map((r: { Done: unknown }) => r.Done)).toEqual([true, false]);
    await t.call(
      'DELETE',
      `/api/v2/tables/${tableId}/records`,
      ids.map((Id: number) => ({ Id })),
    );
  });

  it('answers single objects with an object and arrays with an array, in order', async () => {
    const many = await t.call('POST', `/api/v2/tables/${tableId}/records`, [
      { Name: 'one' },
      { Name: 'two' },
      { Name: 'three' },
    ]);
    expect(many.status).toBe(200);
    expect(many.body).toHaveLength(3);
    const [a, b, c] = many.body.map((r: { Id: number }) => r.Id);
    expect(a).toBeLessThan(b);
    expect(b).toBeLessThan(c);
    const names = await t.call('GET', `/api/v2/tables/${tableId}/records?pks=${a},${b},${c}&fields=Name`);
    expect(names.body.list.map((r: { Name: string }) => r.Name)).toEqual(['one', 'two', 'three']);
    const removed = await t.call('DELETE', `/api/v2/tables/${tableId}/records`, [
      { Id: a },
      { id: String(b) },
      { Id: c },
    ]);
    expect(removed.body).toEqual([{ Id: a }, { Id: b }, { Id: c }]);
  });

  it('rejects a wrongly typed value with 422 and writes nothing of the batch', async () => {
    const before = (await t.call('GET', `/api/v2/tables/${tableId}/records/count`)).body.count;
    const bad = await t.call('POST', `/api/v2/tables/${tableId}/records`, [
      { Name: 'ok' },
      { Score: 'many' },
    ]);
    expect(bad.status).toBe(422);
    expect(bad.body.error).toBe('ERR_INVALID_VALUE_FOR_FIELD');
    expect(bad.body.msg).toMatch(/Score/);
    expect(bad.body.msg).toMatch(/record 2/);
    expect((await t.call('GET', `/api/v2/tables/${tableId}/records/count`)).body.count).toBe(before);
  });

  it('rolls back a batch when the database refuses a row late (unique field)', async () => {
    await t.call('POST', `/api/v2/meta/tables/${tableId}/columns`, {
      title: 'Code',
      uidt: 'SingleLineText',
      unique: true,
    });
    const before = (await t.call('GET', `/api/v2/tables/${tableId}/records/count`)).body.count;
    const clash = await t.call('POST', `/api/v2/tables/${tableId}/records`, [
      { Code: 'E1' },
      { Code: 'E2' },
      { Code: 'E1' },
    ]);
    expect(clash.status).toBe(400);
    expect(clash.body.error).toBe('ERR_FIELD_UNIQUE_CONSTRAINT_VIOLATION');
    expect((await t.call('GET', `/api/v2/tables/${tableId}/records/count`)).body.count).toBe(before);
  });

  it('refuses unknown fields, server-kept fields and unknown select options', async () => {
    const unknown = await t.call('POST', `/api/v2/tables/${tableId}/records`, { Nmae: 'typo' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toBe('ERR_UNKNOWN_FIELD');
    const readonly = await t.call('POST', `/api/v2/tables/${tableId}/records`, {
      CreatedAt: '2020-01-01 00:00:00',
    });
    expect(readonly.status).toBe(400);
    const option = await t.call('POST', `/api/v2/tables/${tableId}/records`, { Status: 'blocked' });
    expect(option.status).toBe(422);
  });

  it('adds an unknown select option with typecast=true', async () => {
    const created = await t.call('POST', `/api/v2/tables/${tableId}/records?typecast=true`, {
      Status: 'blocked',
      Tags: ['a', 'z'],
    });
    expect(created.status).toBe(200);
    const table = await t.call('GET', `/api/v2/meta/tables/${tableId}`);
    const status = table.body.columns.find((c: { title: string }) => c.title === 'Status');
    expect(status.colOptions.options.map((o: { title: string }) => o.title)).toContain('blocked');
    const read = await t.call('GET', `/api/v2/tables/${tableId}/records/${created.body.Id}`);
    expect(read.body.Status).toBe('blocked');
    expect(read.body.Tags).toBe('a,z');
    await t.call('DELETE', `/api/v2/tables/${tableId}/records`, { Id: created.body.Id });
  });

  describe('listing', () => {
    let listTable: string;
    beforeAll(async () => {
      const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'Scenes',
        columns: [
          { title: 'Title', uidt: 'SingleLineText' },
          { title: 'Minutes', uidt: 'Number' },
          { title: 'Approved', uidt: 'Checkbox' },
          {
            title: 'Stage',
            uidt: 'SingleSelect',
            colOptions: { options: [{ title: 'draft' }, { title: 'final' }] },
          },
          { title: 'Shoot', uidt: 'Date' },
        ],
      });
      listTable = table.body.id;
      const rows = Array.from({ length: 30 }, (_, i) => ({
        Title: `Scene ${String(i + 1).padStart(2, '0')}`,
        Minutes: (i * 7) % 13,
        Approved: i % 3 === 0,
        Stage: i % 2 === 0 ? 'draft' : 'final',
        Shoot: `2026-04-${String((i % 28) + 1).padStart(2, '0')}`,
      }));
      const inserted = await t.call('POST', `/api/v2/tables/${listTable}/records`, rows);
      expect(inserted.status).toBe(200);
    });

    it('pages with an exact pageInfo', async () => {
      const first = await t.call('GET', `/api/v2/tables/${listTable}/records`);
      expect(first.body.list).toHaveLength(25);
      expect(first.body.pageInfo).toEqual({
        totalRows: 30,
        page: 1,
        pageSize: 25,
        isFirstPage: true,
        isLastPage: false,
      });
      const second = await t.call('GET', `/api/v2/tables/${listTable}/records?page=2`);
      expect(second.body.list).toHaveLength(5);
      expect(second.body.pageInfo).toEqual({
        totalRows: 30,
        page: 2,
        pageSize: 25,
        isFirstPage: false,
        isLastPage: true,
      });
      const odd = await t.call('GET', `/api/v2/tables/${listTable}/records?limit=10&offset=5`);
      expect(odd.body.pageInfo).toEqual({
        totalRows: 30,
        offset: 5,
        pageSize: 10,
        isFirstPage: false,
        isLastPage: false,
      });
      const last = await t.call('GET', `/api/v2/tables/${listTable}/records?l=10&o=20`);
      expect(last.body.pageInfo.isLastPage).toBe(true);
    });

    it('filters, sorts and selects fields, with exact totals', async () => {
      const res = await t.call(
        'GET',
        `/api/v2/tables/${listTable}/records?where=(Stage,eq,draft)~and(Minutes,gt,5)&sort=-Minutes,Title&fields=Title,Minutes`,
      );
      expect(res.status).toBe(200);
      const expected = Array.from({ length: 30 }, (_, i) => ({
        Title: `Scene ${String(i + 1).padStart(2, '0')}`,
        Minutes: (i * 7) % 13,
        i,
      }))
        .filter((r) => r.i % 2 === 0 && r.Minutes > 5)
        .sort((a, b) => b.Minutes - a.Minutes || a.Title.localeCompare(b.Title));
      expect(res.body.list.map((r: { Title: string }) => r.Title)).toEqual(expected.map((r) => r.Title));
      expect(Object.keys(res.body.list[0])).toEqual(['Title', 'Minutes']);
      expect(res.body.pageInfo.totalRows).toBe(expected.length);
    });

    it('binds each request its own values when pages of the same shape repeat', async () => {
      for (const [stage, expected] of [
        ['draft', 15],
        ['final', 15],
        ['none', 0],
      ] as const) {
        for (const offset of [0, 10]) {
          const res = await t.call(
            'GET',
            `/api/v2/tables/${listTable}/records?where=(Stage,eq,${stage})&limit=10&offset=${offset}&fields=Stage`,
          );
          if (expected === 0) {
            // An empty result has no page past its end: offset 10 is out of range.
            if (offset === 0) expect(res.body.list).toEqual([]);
            else expect(res.body.error).toBe('ERR_INVALID_OFFSET_VALUE');
            continue;
          }
          expect(res.body.pageInfo.totalRows).toBe(expected);
          expect(res.body.list).toHaveLength(offset === 0 ? 10 : 5);
          expect(res.body.list.every((r: { Stage: string }) => r.Stage === stage)).toBe(true);
        }
      }
    });

    it('applies SQL precedence to ~or and ~and', async () => {
      const res = await t.call(
        'GET',
        `/api/v2/tables/${listTable}/records/count?where=(Minutes,eq,0)~or(Stage,eq,final)~and(Approved,checked)`,
      );
      const rows = Array.from({ length: 30 }, (_, i) => ({
        m: (i * 7) % 13,
        final: i % 2 === 1,
        approved: i % 3 === 0,
      }));
      expect(res.body.count).toBe(rows.filter((r) => r.m === 0 || (r.final && r.approved)).length);
    });

    it('answers bad list parameters with 4xx, never 500', async () => {
      const cases: [string, number, string][] = [
        ['limit=0', 422, 'ERR_INVALID_LIMIT_VALUE'],
        ['limit=1001', 422, 'ERR_INVALID_LIMIT_VALUE'],
        ['limit=abc', 422, 'ERR_INVALID_LIMIT_VALUE'],
        ['offset=-1', 422, 'ERR_INVALID_OFFSET_VALUE'],
        ['offset=30', 422, 'ERR_INVALID_OFFSET_VALUE'],
        ['fields=Nope', 404, 'ERR_FIELD_NOT_FOUND'],
        ['sort=-Nope', 404, 'ERR_FIELD_NOT_FOUND'],
        ['where=(Nope,eq,1)', 422, 'ERR_INVALID_FILTER'],
        ['where=(Minutes,eq', 422, 'ERR_INVALID_FILTER'],
        ['where=(Minutes,gt,many)', 422, 'ERR_INVALID_FILTER'],
        ['where=(Approved,gt,1)', 422, 'ERR_INVALID_FILTER'],
        ['viewId=vwnope', 404, 'ERR_VIEW_NOT_FOUND'],
      ];
      for (const [query, status, code] of cases) {
        const res = await t.call('GET', `/api/v2/tables/${listTable}/records?${query}`);
        expect({ query, status: res.status, code: res.body.error }).toEqual({ query, status, code });
        expect(typeof res.body.msg).toBe('string');
      }
    });

    it('treats hostile filter values as values', async () => {
      const hostile = encodeURIComponent(`(Title,eq,x'); drop table scenes; --)`);
      const res = await t.call('GET', `/api/v2/tables/${listTable}/records?where=${hostile}`);
      expect(res.status).toBe(200);
      expect(res.body.list).toEqual([]);
      expect((await t.call('GET', `/api/v2/tables/${listTable}/records/count`)).body.count).toBe(30);
    });

    it('applies a view: its filters, sorts and hidden fields', async () => {
      const view = await t.call('POST', `/api/v2/meta/tables/${listTable}/grids`, { title: 'Final cut' });
      expect(view.status).toBe(200);
      const table = await t.call('GET', `/api/v2/meta/tables/${listTable}`);
      const field = (title: string) =>
        table.body.columns.find((c: { title: string }) => c.title === title).id;
      const filter = await t.call('POST', `/api/v2/meta/views/${view.body.id}/filters`, {
        fk_column_id: field('Stage'),
        comparison_op: 'eq',
        value: 'final',
      });
      expect(filter.status).toBe(200);
      await t.call('POST', `/api/v2/meta/views/${view.body.id}/sorts`, {
        fk_column_id: field('Minutes'),
        direction: 'desc',
      });
      await t.call('PATCH', `/api/v2/meta/views/${view.body.id}/columns/${field('Shoot')}`, { show: false });
      const res = await t.call('GET', `/api/v2/tables/${listTable}/records?viewId=${view.body.id}&limit=100`);
      expect(res.body.pageInfo.totalRows).toBe(15);
      const minutes = res.body.list.map((r: { Minutes: number }) => r.Minutes);
      expect(minutes).toEqual([...minutes].sort((a, b) => b - a));
      expect(res.body.list[0]).not.toHaveProperty('Shoot');
      const filters = await t.call('GET', `/api/v2/meta/views/${view.body.id}/filters`);
      expect(filters.body.list).toHaveLength(1);
    });

    it('refuses a kanban view grouped by a field that is not a SingleSelect', async () => {
      const table = await t.call('GET', `/api/v2/meta/tables/${listTable}`);
      const title = table.body.columns.find((c: { title: string }) => c.title === 'Title').id;
      const bad = await t.call('POST', `/api/v2/meta/tables/${listTable}/kanbans`, {
        title: 'Board',
        fk_grp_col_id: title,
      });
      expect(bad.status).toBe(422);
      const good = await t.call('POST', `/api/v2/meta/tables/${listTable}/kanbans`, { title: 'Board' });
      expect(good.status).toBe(200);
      expect(good.body.type).toBe(4);
      expect(good.body.fk_grp_col_id).toBe(
        table.body.columns.find((c: { title: string }) => c.title === 'Stage').id,
      );
    });
  });

  describe('updates and deletes', () => {
    it('updates all or nothing and reports the missing record', async () => {
      const created = await t.call('POST', `/api/v2/tables/${tableId}/records`, [
        { Name: 'u1' },
        { Name: 'u2' },
      ]);
      const [a, b] = created.body.map((r: { Id: number }) => r.Id);
      const missing = await t.call('PATCH', `/api/v2/tables/${tableId}/records`, [
        { Id: a, Name: 'changed' },
        { Id: 999999, Name: 'x' },
      ]);
      expect(missing.status).toBe(404);
      expect(missing.body.error).toBe('ERR_RECORD_NOT_FOUND');
      expect((await t.call('GET', `/api/v2/tables/${tableId}/records/${a}`)).body.Name).toBe('u1');
      const noPk = await t.call('PATCH', `/api/v2/tables/${tableId}/records`, [{ Name: 'x' }]);
      expect(noPk.status).toBe(422);
      const dup = await t.call('PATCH', `/api/v2/tables/${tableId}/records`, [{ Id: a }, { Id: a }]);
      expect(dup.status).toBe(422);
      const ok = await t.call('PATCH', `/api/v2/tables/${tableId}/records`, { Id: b, Name: 'renamed' });
      expect(ok.body).toEqual({ Id: b });
      expect((await t.call('GET', `/api/v2/tables/${tableId}/records/${b}`)).body.Name).toBe('renamed');
      const gone = await t.call('DELETE', `/api/v2/tables/${tableId}/records`, [{ Id: a }, { Id: 999999 }]);
      expect(gone.status).toBe(404);
      expect((await t.call('GET', `/api/v2/tables/${tableId}/records/${a}`)).status).toBe(200);
      await t.call('DELETE', `/api/v2/tables/${tableId}/records`, [{ Id: a }, { Id: b }]);
      expect((await t.call('GET', `/api/v2/tables/${tableId}/records/${a}`)).status).toBe(404);
    });
  });

  describe('bad requests', () => {
    it('answers malformed JSON, oversize bodies, unknown tables and routes with 4xx', async () => {
      const malformed = await t.call('POST', `/api/v2/tables/${tableId}/records`, '{"Name": ');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error).toBe('ERR_INVALID_JSON');
      const big = await t.call('POST', `/api/v2/tables/${tableId}/records`, {
        Notes: 'x'.repeat(2 * 1024 * 1024),
      });
      expect(big.status).toBe(413);
      expect((await t.call('GET', '/api/v2/tables/mnope/records')).status).toBe(404);
      expect((await t.call('GET', `/api/v2/tables/${tableId}/records/abc`)).status).toBe(404);
      expect((await t.call('GET', '/api/v2/nothing-here')).status).toBe(404);
      const notObject = await t.call('POST', `/api/v2/tables/${tableId}/records`, [1, 2]);
      expect(notObject.status).toBe(400);
    });

    it('limits the records of one write request', async () => {
      const tooMany = Array.from({ length: 1001 }, () => ({ Name: 'x' }));
      const res = await t.call('POST', `/api/v2/tables/${tableId}/records`, tooMany);
      expect(res.status).toBe(422);
      expect(res.body.error).toBe('ERR_MAX_PAYLOAD_LIMIT_EXCEEDED');
    });
  });

  describe('schema changes', () => {
    it('renames a field with real DDL and keeps its values', async () => {
      const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'Assets',
        columns: [
          { title: 'Label', uidt: 'SingleLineText' },
          { title: 'Size', uidt: 'SingleLineText' },
        ],
      });
      const id = table.body.id;
      await t.call('POST', `/api/v2/tables/${id}/records`, [
        { Label: 'a', Size: '10' },
        { Label: 'b', Size: '20' },
      ]);
      const label = table.body.columns.find((c: { title: string }) => c.title === 'Label');
      const renamed = await t.call('PATCH', `/api/v2/meta/columns/${label.id}`, { title: 'Asset Name' });
      expect(renamed.status).toBe(200);
      expect(renamed.body.columns.find((c: { id: string }) => c.id === label.id).column_name).toBe(
        'asset_name',
      );
      const list = await t.call('GET', `/api/v2/tables/${id}/records?fields=Asset Name`);
      expect(list.body.list.map((r: Record<string, string>) => r['Asset Name'])).toEqual(['a', 'b']);
    });

    it('converts a field type with its data, or names the values that cannot convert', async () => {
      const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'Renders',
        columns: [{ title: 'Frames', uidt: 'SingleLineText' }],
      });
      const id = table.body.id;
      const frames = table.body.columns.find((c: { title: string }) => c.title === 'Frames');
      await t.call('POST', `/api/v2/tables/${id}/records`, [{ Frames: '10' }, { Frames: '24' }]);
      const ok = await t.call('PATCH', `/api/v2/meta/columns/${frames.id}`, { uidt: 'Number' });
      expect(ok.status).toBe(200);
      const list = await t.call('GET', `/api/v2/tables/${id}/records?sort=-Frames`);
      expect(list.body.list.map((r: { Frames: number }) => r.Frames)).toEqual([24, 10]);
      await t.call('PATCH', `/api/v2/meta/columns/${frames.id}`, { uidt: 'SingleLineText' });
      await t.call('POST', `/api/v2/tables/${id}/records`, { Frames: 'lots' });
      const bad = await t.call('PATCH', `/api/v2/meta/columns/${frames.id}`, { uidt: 'Number' });
      expect(bad.status).toBe(422);
      expect(bad.body.error).toBe('ERR_TYPE_CONVERSION_FAILED');
      expect(bad.body.msg).toContain('"lots"');
      const after = await t.call('GET', `/api/v2/meta/columns/${frames.id}`);
      expect(after.body.uidt).toBe('SingleLineText');
      const values = await t.call('GET', `/api/v2/tables/${id}/records`);
      expect(values.body.list.map((r: { Frames: string }) => r.Frames)).toEqual(['10', '24', 'lots']);
    });

    it('adds and deletes a field', async () => {
      const added = await t.call('POST', `/api/v2/meta/tables/${tableId}/columns`, {
        title: 'Temp',
        uidt: 'Number',
      });
      const temp = added.body.columns.find((c: { title: string }) => c.title === 'Temp');
      expect(temp.column_name).toBe('temp');
      const removed = await t.call('DELETE', `/api/v2/meta/columns/${temp.id}`);
      expect(removed.body.columns.some((c: { title: string }) => c.title === 'Temp')).toBe(false);
      const systemField = added.body.columns.find((c: { title: string }) => c.title === 'Id');
      expect((await t.call('DELETE', `/api/v2/meta/columns/${systemField.id}`)).status).toBe(422);
    });
  });

  describe('v3 subset', () => {
    it('creates, reads, lists, updates, counts and deletes with v3 shapes', async () => {
      const created = await t.call('POST', `/api/v3/data/${baseId}/${tableId}/records`, [
        { fields: { Name: 'v3 one', Tags: ['a', 'b'] } },
      ]);
      expect(created.status).toBe(200);
      const record = created.body.records[0];
      expect(record.fields.Name).toBe('v3 one');
      expect(record.fields.Tags).toEqual(['a', 'b']);
      const updated = await t.call('PATCH', `/api/v3/data/${baseId}/${tableId}/records`, [
        { id: record.id, fields: { Name: 'v3 two' } },
      ]);
      expect(updated.body.records[0].fields.Name).toBe('v3 two');
      const got = await t.call('GET', `/api/v3/data/${baseId}/${tableId}/records/${record.id}`);
      expect(got.body).toMatchObject({ id: record.id, fields: { Name: 'v3 two' } });
      const list = await t.call('GET', `/api/v3/data/${baseId}/${tableId}/records?where=(Name,eq,'v3 two')`);
      expect(list.body.records).toHaveLength(1);
      expect(list.body.next).toBeNull();
      const count = await t.call('GET', `/api/v3/data/${baseId}/${tableId}/count?where=(Name,eq,"v3 two")`);
      expect(count.body.count).toBe(1);
      const extra = await t.call('POST', `/api/v3/data/${baseId}/${tableId}/records`, [
        { Name: 'no fields wrapper' },
      ]);
      expect(extra.status).toBe(400);
      const deleted = await t.call('DELETE', `/api/v3/data/${baseId}/${tableId}/records`, [
        { id: record.id },
      ]);
      expect(deleted.body).toEqual({ records: [{ id: record.id, deleted: true }] });
      const meta = await t.call('GET', `/api/v3/meta/bases/${baseId}/tables/${tableId}`);
      expect(
        meta.body.fields.find((f: { title: string }) => f.title === 'Status').options.choices.length,
      ).toBeGreaterThan(0);
    });
  });
});
