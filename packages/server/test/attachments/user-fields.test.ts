import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';

const columns = [
  { title: 'Name', uidt: 'SingleLineText' },
  { title: 'Seq', uidt: 'AutoNumber' },
  { title: 'Owner', uidt: 'User' },
  { title: 'Team', uidt: 'User', meta: { is_multi: true } },
  { title: 'Author', uidt: 'CreatedBy' },
  { title: 'Editor', uidt: 'LastModifiedBy' },
];

describe.each(testDialects)('user fields and AutoNumber on %s', (dialect) => {
  let t: TestApp;
  let baseId: string;
  let tableId: string;
  let ann: TestUser;
  let bob: TestUser;
  const as = (user: TestUser, method: string, url: string, body?: unknown) =>
    t.callWith(user.headers, method, url, body);
  const records = () => `/api/v2/tables/${tableId}/records`;
  const view = (user: TestUser) => ({ id: user.id, email: user.email, display_name: null });

  beforeAll(async () => {
    t = await createTestApp(dialect);
    baseId = (await t.call('POST', '/api/v2/meta/bases', { title: 'People' })).body.id;
    const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, { title: 'Tasks', columns });
    expect(table.status).toBe(200);
    tableId = table.body.id;
    ann = await createTestUser(t, 'ann@example.com', { membership: { baseId, role: 'editor' } });
    bob = await createTestUser(t, 'bob@example.com', { membership: { baseId, role: 'editor' } });
  }, 60_000);
  afterAll(async () => t?.close());

  it('CreatedBy and LastModifiedBy hold the acting user; an update changes only LastModifiedBy', async () => {
    const created = await as(ann, 'POST', records(), { Name: 'write' });
    expect(created.status).toBe(200);
    const id = created.body.Id;
    const read = await t.call('GET', `${records()}/${id}`);
    expect(read.body.Author).toStrictEqual(view(ann));
    expect(read.body.Editor).toStrictEqual(view(ann));
    expect((await as(bob, 'PATCH', records(), { Id: id, Name: 'rewrite' })).status).toBe(200);
    const after = await t.call('GET', `${records()}/${id}`);
    expect(after.body.Author).toStrictEqual(view(ann));
    expect(after.body.Editor).toStrictEqual(view(bob));
    const v3 = await t.call('GET', `/api/v3/data/${baseId}/${tableId}/records/${id}`);
    expect(v3.body.fields.Editor).toStrictEqual(view(bob));
  });

  it('an API token without a user stamps nobody', async () => {
    const created = await t.call('POST', records(), { Name: 'by the bootstrap token' });
    const read = await t.call('GET', `${records()}/${created.body.Id}`);
    expect(read.body.Author).toBeNull();
    expect(read.body.Editor).toBeNull();
  });

  it('refuses client values for CreatedBy, LastModifiedBy and AutoNumber with 400', async () => {
    for (const body of [{ Author: ann.id }, { Editor: ann.email }, { Seq: 5 }]) {
      const response = await t.call('POST', records(), body);
      expect(response.status).toBe(400);
      expect(response.body.error).toBe('ERR_READONLY_FIELD');
    }
  });

  it('User fields take ids, e-mails (any case), objects or JSON text, and answer users', async () => {
    const created = await t.call('POST', records(), [
      { Name: 'by id', Owner: bob.id },
      { Name: 'by e-mail', Owner: 'BOB@example.com' },
      { Name: 'by object', Owner: [{ email: 'bob@example.com' }] },
      { Name: 'as n8n sends', Owner: JSON.stringify([{ id: bob.id }]), Team: `${ann.email},${bob.id}` },
    ]);
    expect(created.status).toBe(200);
    const ids = created.body.map((r: { Id: number }) => r.Id);
    const page = await t.call('GET', `${records()}?where=(Id,in,${ids.join(',')})&sort=Id&fields=Owner,Team`);
    expect(page.body.list.map((r: { Owner: unknown }) => r.Owner)).toStrictEqual(Array(4).fill([view(bob)]));
    expect(page.body.list[3].Team).toStrictEqual([view(ann), view(bob)]);
    // Read back and written again unchanged (what a UI or n8n round trip does).
    const again = await t.call('PATCH', records(), { Id: ids[3], Team: page.body.list[3].Team });
    expect(again.status).toBe(200);
    expect((await t.call('GET', `${records()}/${ids[3]}`)).body.Team).toStrictEqual([view(ann), view(bob)]);
  });

  it('an unknown user is 422 and nothing is written', async () => {
    const before = (await t.call('GET', `${records()}/count`)).body.count;
    for (const Owner of ['nobody@example.com', 'usnotauser12345']) {
      const response = await t.call('POST', records(), [
        { Name: 'ok', Owner: bob.id },
        { Name: 'bad', Owner },
      ]);
      expect(response.status).toBe(422);
      expect(response.body.error).toBe('ERR_INVALID_VALUE_FOR_FIELD');
      expect(response.body.msg).toContain(
        "Invalid value for field 'Owner' (record 2 of the request): no user with",
      );
    }
    const two = await t.call('POST', records(), { Owner: `${ann.id},${bob.id}` });
    expect(two.status).toBe(422);
    expect(two.body.msg).toContain('takes one user');
    expect((await t.call('GET', `${records()}/count`)).body.count).toBe(before);
  });

  it('User fields take no default', async () => {
    const response = await t.call('POST', `/api/v2/meta/tables/${tableId}/columns`, {
      title: 'Reviewer',
      uidt: 'User',
      cdf: ann.email,
    });
    expect(response.status).toBe(422);
    expect(response.body.msg).toContain('takes no default');
  });

  it('filters on user fields by e-mail or id', async () => {
    const mine = await as(ann, 'POST', records(), [
      { Name: 'f1', Owner: bob.email, Team: [ann.email] },
      { Name: 'f2', Team: [ann.email, bob.email] },
    ]);
    const [f1, f2] = mine.body.map((r: { Id: number }) => r.Id);
    const ids = async (where: string) => {
      const page = await t.call(
        'GET',
        `${records()}?where=${encodeURIComponent(where)}&limit=1000&fields=Id`,
      );
      expect(page.status, JSON.stringify(page.body)).toBe(200);
      return page.body.list.map((r: { Id: number }) => r.Id).filter((id: number) => id === f1 || id === f2);
    };
    expect(await ids('(Author,eq,ANN@example.com)~and(Name,like,f%)')).toStrictEqual([f1, f2]);
    expect(await ids(`(Author,eq,${ann.id})~and(Name,like,f%)`)).toStrictEqual([f1, f2]);
    expect(await ids('(Owner,anyof,bob@example.com)')).toStrictEqual([f1]);
    expect(await ids('(Team,allof,ann@example.com,bob@example.com)')).toStrictEqual([f2]);
    expect(await ids('(Team,anyof,ann@example.com)')).toStrictEqual([f1, f2]);
    expect(await ids('(Owner,blank)~and(Name,like,f%)')).toStrictEqual([f2]);
    expect(await ids('(Author,eq,nobody@example.com)')).toStrictEqual([]);
    const counted = await t.call(
      'GET',
      `${records()}/count?where=${encodeURIComponent('(Editor,eq,ann@example.com)')}`,
    );
    expect(counted.body.count).toBeGreaterThanOrEqual(2);
    const v3 = await t.call(
      'GET',
      `/api/v3/data/${baseId}/${tableId}/records?where=${encodeURIComponent('(Owner,eq,bob@example.com)~and(Name,eq,f1)')}`,
    );
    expect(v3.body.records.map((r: { id: number }) => r.id)).toStrictEqual([f1]);
  });

  it('converting an Email field to User keeps user ids, and refuses e-mails of nobody', async () => {
    const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Contacts',
      columns: [{ title: 'Who', uidt: 'Email' }],
    });
    const url = `/api/v2/tables/${table.body.id}/records`;
    const fieldId = table.body.columns.find((c: { title: string }) => c.title === 'Who').id;
    await t.call('POST', url, [{ Who: 'Ann@example.com' }, { Who: 'stranger@example.com' }]);
    const refused = await t.call('PATCH', `/api/v2/meta/columns/${fieldId}`, { uidt: 'User' });
    expect(refused.status).toBe(422);
    expect(refused.body.error).toBe('ERR_TYPE_CONVERSION_FAILED');
    expect(refused.body.msg).toContain("'stranger@example.com'");
    await t.call('DELETE', url, { Id: 2 });
    expect((await t.call('PATCH', `/api/v2/meta/columns/${fieldId}`, { uidt: 'User' })).status).toBe(200);
    expect((await t.call('GET', `${url}/1`)).body.Who).toStrictEqual([view(ann)]);
  });

  it('AutoNumber counts up across single and bulk inserts, after deletes too', async () => {
    const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Numbered',
      columns: [
        { title: 'Name', uidt: 'SingleLineText' },
        { title: 'No', uidt: 'AutoNumber' },
      ],
    });
    const url = `/api/v2/tables/${table.body.id}/records`;
    await t.call('POST', url, { Name: 'a' });
    await t.call('POST', url, [{ Name: 'b' }, { Name: 'c' }, { Name: 'd' }]);
    const last = await t.call('POST', url, { Name: 'e' });
    await t.call('DELETE', url, { Id: last.body.Id });
    await t.call('POST', url, { Name: 'f' });
    const page = await t.call('GET', `${url}?sort=Id&fields=Name,No`);
    expect(page.body.list.map((r: { Name: string; No: number }) => [r.Name, r.No])).toStrictEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
      ['d', 4],
      ['f', 6],
    ]);
    expect((await t.call('GET', `${url}?where=(No,gt,3)&fields=Name`)).body.list).toHaveLength(2);
  });

  it('AutoNumber added to a table numbers its rows in id order; concurrent inserts never share a number', async () => {
    const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Later',
      columns: [{ title: 'Name', uidt: 'SingleLineText' }],
    });
    const url = `/api/v2/tables/${table.body.id}/records`;
    await t.call('POST', url, [{ Name: 'x' }, { Name: 'y' }, { Name: 'z' }]);
    await t.call('DELETE', url, { Id: 2 });
    const added = await t.call('POST', `/api/v2/meta/tables/${table.body.id}/columns`, {
      title: 'No',
      uidt: 'AutoNumber',
    });
    expect(added.status).toBe(200);
    await Promise.all(Array.from({ length: 12 }, (_, i) => t.call('POST', url, { Name: `p${i}` })));
    const page = await t.call('GET', `${url}?sort=Id&fields=Name,No&limit=100`);
    const numbers = page.body.list.map((r: { No: number }) => r.No);
    expect(numbers.slice(0, 2)).toStrictEqual([1, 2]);
    expect([...numbers].sort((a, b) => a - b)).toStrictEqual(Array.from({ length: 14 }, (_, i) => i + 1));
  });
});
