import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser } from '../../../../test/support/test-accounts.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { createSharingFixture, expectStatus, type SharingFixture } from './sharing-fixture.ts';

describe.each(testDialects)('group counts on %s', (dialect) => {
  let f: SharingFixture;
  let groupby: string;

  beforeAll(async () => {
    f = await createSharingFixture(dialect);
    groupby = `/api/v2/tables/${f.tableId}/groupby`;
    await f.insert([
      { Name: 'a', Status: 'new', Age: 10, Email: 'a@example.com' },
      { Name: 'b', Status: 'new', Age: 20 },
      { Name: 'c', Status: 'done', Age: 30 },
      { Name: 'd', Age: 40, Notes: '' },
      { Name: 'e', Status: 'new', Age: 50, Notes: 'x' },
      { Name: 'f', Status: 'done', Age: 60 },
    ]);
  });
  afterAll(async () => f.close());

  const get = async (query: string) => expectStatus(await f.t.call('GET', `${groupby}?${query}`), 200);

  it('counts records per value, empty values as one null group first, ordered by value', async () => {
    const page = await get('column_name=Status');
    expect(page.list).toEqual([
      { Status: null, count: 1 },
      { Status: 'done', count: 2 },
      { Status: 'new', count: 3 },
    ]);
    expect(page.pageInfo).toMatchObject({ totalRows: 3, page: 1, isFirstPage: true, isLastPage: true });
    const notes = await get('column_name=Notes');
    expect(notes.list).toEqual([
      { Notes: null, count: 5 },
      { Notes: 'x', count: 1 },
    ]);
  });

  it('orders descending with sort=desc (empty last) and pages with limit and offset', async () => {
    expect((await get('column_name=Status&sort=desc')).list).toEqual([
      { Status: 'new', count: 3 },
      { Status: 'done', count: 2 },
      { Status: null, count: 1 },
    ]);
    const second = await get('column_name=Status&limit=2&offset=2');
    expect(second.list).toEqual([{ Status: 'new', count: 3 }]);
    expect(second.pageInfo).toMatchObject({ totalRows: 3, page: 2, pageSize: 2, isLastPage: true });
  });

  it("applies `where` and the view's filters", async () => {
    expect((await get('column_name=Status&where=(Age,gt,25)')).list).toEqual([
      { Status: null, count: 1 },
      { Status: 'done', count: 2 },
      { Status: 'new', count: 1 },
    ]);
    const viewId = await f.createView('grids', 'Young');
    expectStatus(
      await f.t.call('POST', `/api/v2/meta/views/${viewId}/filters`, {
        fk_column_id: f.field('Age'),
        comparison_op: 'lt',
        value: '45',
      }),
      200,
    );
    expect((await get(`column_name=Status&viewId=${viewId}`)).list).toEqual([
      { Status: null, count: 1 },
      { Status: 'done', count: 1 },
      { Status: 'new', count: 2 },
    ]);
    expect((await get(`column_name=Status&viewId=${viewId}&where=(Name,neq,a)`)).list).toEqual([
      { Status: null, count: 1 },
      { Status: 'done', count: 1 },
      { Status: 'new', count: 1 },
    ]);
  });

  it('groups numbers and booleans by their values, and accepts a field id', async () => {
    const ages = await get(`column_name=${f.field('Age')}&limit=2`);
    expect(ages.list).toEqual([
      { Age: 10, count: 1 },
      { Age: 20, count: 1 },
    ]);
    expect(ages.pageInfo.totalRows).toBe(6);
    const agree = await get('column_name=Agree');
    expect(agree.list.reduce((sum: number, g: { count: number }) => sum + g.count, 0)).toBe(6);
  });

  it('refuses what cannot be grouped and bad parameters', async () => {
    expectStatus(
      await f.t.call('POST', `/api/v2/meta/tables/${f.tableId}/columns`, {
        title: 'Double',
        uidt: 'Formula',
        formula_raw: '{Age} * 2',
      }),
      200,
    );
    const formula = await f.t.call('GET', `${groupby}?column_name=Double`);
    expect(formula.status).toBe(422);
    expect(formula.body.error).toBe('ERR_FIELD_NOT_GROUPABLE');
    expect((await f.t.call('GET', groupby)).status).toBe(400);
    expect((await f.t.call('GET', `${groupby}?column_name=Nope`)).status).toBe(404);
    expect((await f.t.call('GET', `${groupby}?column_name=Status&sort=sideways`)).status).toBe(400);
    expect((await f.t.call('GET', `${groupby}?column_name=Status&limit=0`)).status).toBe(422);
    expect((await f.t.call('GET', `${groupby}?column_name=Status&where=(Nope,eq,1)`)).status).toBe(422);
    const otherTable = expectStatus(
      await f.t.call('POST', `/api/v2/meta/bases/${f.baseId}/tables`, {
        title: 'Other',
        columns: [{ title: 'Title', uidt: 'SingleLineText' }],
      }),
      200,
    );
    const [otherView] = expectStatus(
      await f.t.call('GET', `/api/v2/meta/tables/${otherTable.id}/views`),
      200,
    ).list;
    const foreignView = await f.t.call('GET', `${groupby}?column_name=Status&viewId=${otherView.id}`);
    expect(foreignView.status).toBe(404);
    expect(foreignView.body.error).toBe('ERR_VIEW_NOT_FOUND');
  });

  it('groups by user, answering each user as reads do', async () => {
    const ann = await createTestUser(f.t, 'ann@example.com');
    expectStatus(
      await f.t.call('POST', `/api/v2/meta/tables/${f.tableId}/columns`, { title: 'Owner', uidt: 'User' }),
      200,
    );
    const [first] = await f.insert([{ Name: 'owned', Owner: 'ann@example.com' }]);
    expect(first).toBeGreaterThan(0);
    const owners = await get('column_name=Owner&sort=desc');
    expect(owners.list).toEqual([
      { Owner: [{ id: ann.id, email: 'ann@example.com', display_name: null }], count: 1 },
      { Owner: null, count: 6 },
    ]);
  });
});
