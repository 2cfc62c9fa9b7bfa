import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { createToken, expectStatus } from './audit-actors.ts';

describe.each(testDialects)('audit API on %s', (dialect) => {
  let t: TestApp;
  let baseId: string;
  let otherBaseId: string;
  let tableId: string;
  let otherTableId: string;
  let admin: TestUser;
  let owner: TestUser;
  let viewer: TestUser;
  let ownerToken: { id: string; headers: Record<string, string> };
  let recordIds: number[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    admin = await createTestUser(t, 'admin@example.com', { instanceRole: 'admin' });
    owner = await createTestUser(t, 'olga@example.com');
    baseId = expectStatus(
      await t.callWith(owner.headers, 'POST', '/api/v2/meta/bases', { title: 'Mine' }),
      200,
    ).id;
    otherBaseId = expectStatus(await t.call('POST', '/api/v2/meta/bases', { title: 'Other' }), 200).id;
    viewer = await createTestUser(t, 'vic@example.com', { membership: { baseId, role: 'viewer' } });
    ownerToken = await createToken(t, owner, 'etl');
    const table = (base: string) =>
      t.callWith(owner.headers, 'POST', `/api/v2/meta/bases/${base}/tables`, {
        title: 'Items',
        columns: [{ title: 'Name', uidt: 'SingleLineText' }],
      });
    tableId = expectStatus(await table(baseId), 200).id;
    await t.store.members.set(otherBaseId, owner.id, 'owner', {
      actor: { type: 'system', id: 'test', name: 'test', userId: null },
      ip: null,
    });
    otherTableId = expectStatus(await table(otherBaseId), 200).id;
    const rows = [{ Name: 'a' }, { Name: 'b' }, { Name: 'c' }];
    recordIds = expectStatus(
      await t.callWith(ownerToken.headers, 'POST', `/api/v2/tables/${tableId}/records`, rows),
      200,
    ).map((r: { Id: number }) => r.Id);
    expectStatus(
      await t.callWith(owner.headers, 'PATCH', `/api/v2/tables/${tableId}/records`, {
        Id: recordIds[0],
        Name: 'A',
      }),
      200,
    );
    expectStatus(
      await t.callWith(owner.headers, 'POST', `/api/v2/tables/${otherTableId}/records`, { Name: 'x' }),
      200,
    );
  });
  afterAll(async () => t.close());

  const baseAudits = (query = '') => `/api/v2/meta/bases/${baseId}/audits${query}`;
  const actions = (body: { list: { action: string }[] }) => body.list.map((e) => e.action);

  it("lists a base's trail, newest first, with NocoDB's pageInfo", async () => {
    const body = expectStatus(await t.callWith(owner.headers, 'GET', baseAudits()), 200);
    expect(actions(body)).toEqual([
      'record.update',
      'record.insert',
      'record.insert',
      'record.insert',
      'table.create',
      'member.add',
      'base.create',
    ]);
    expect(body.list.every((e: { base_id: string }) => e.base_id === baseId)).toBe(true);
    expect(body.pageInfo).toEqual({
      totalRows: 7,
      page: 1,
      pageSize: 25,
      isFirstPage: true,
      isLastPage: true,
    });
    const page2 = expectStatus(await t.callWith(owner.headers, 'GET', baseAudits('?limit=4&page=2')), 200);
    expect(actions(page2)).toEqual(['table.create', 'member.add', 'base.create']);
    expect(page2.pageInfo).toEqual({
      totalRows: 7,
      page: 2,
      pageSize: 4,
      isFirstPage: false,
      isLastPage: true,
    });
    const v1 = expectStatus(
      await t.callWith(owner.headers, 'GET', `/api/v1/db/meta/projects/${baseId}/audits?limit=1&offset=1`),
      200,
    );
    expect(actions(v1)).toEqual(['record.insert']);
    expect(v1.pageInfo).toMatchObject({ totalRows: 7, pageSize: 1, isFirstPage: false, isLastPage: false });
  });

  it('filters by table, record, actor, user, action and target', async () => {
    const get = async (query: string) =>
      expectStatus(await t.callWith(owner.headers, 'GET', baseAudits(query)), 200);
    expect((await get(`?tableId=${tableId}`)).pageInfo.totalRows).toBe(5);
    expect(actions(await get(`?table_id=${tableId}&record_id=${recordIds[0]}`))).toEqual([
      'record.update',
      'record.insert',
    ]);
    expect(
      (await get(`?actor=${ownerToken.id}`)).list.map((e: { record_id: string }) => e.record_id),
    ).toEqual(recordIds.map(String).reverse());
    expect((await get(`?actor=${owner.id}`)).pageInfo.totalRows).toBe(3);
    expect((await get(`?user=${owner.id}`)).pageInfo.totalRows).toBe(6);
    expect(actions(await get('?action=table.create,base.create'))).toEqual(['table.create', 'base.create']);
    expect(actions(await get(`?target_id=${tableId}`))).toEqual(['table.create']);
    // The path's base wins over a base named in the query.
    expect((await get(`?baseId=${otherBaseId}`)).pageInfo.totalRows).toBe(7);
  });

  it('filters by time range on the stored UTC timestamps', async () => {
    const { db } = t.store.context;
    const stamp = async (action: string, at: string) =>
      db
        .updateTable('tessera_audit_log')
        .set({ created_at: at })
        .where('base_id', '=', baseId)
        .where('action', '=', action)
        .execute();
    await stamp('base.create', '2024-01-31 23:59:59+00:00');
    await stamp('table.create', '2024-02-01 10:00:00+00:00');
    const get = async (query: string) =>
      expectStatus(await t.callWith(owner.headers, 'GET', baseAudits(query)), 200);
    expect(actions(await get('?to=2024-01-31'))).toEqual(['base.create']);
    expect(actions(await get('?from=2024-02-01&to=2024-02-01T10:00:00Z'))).toEqual(['table.create']);
    expect(actions(await get('?from=2024-02-01T11:00:00%2B01:00&to=2024-12-31'))).toEqual(['table.create']);
    expect(actions(await get('?to=2024-02-01T09:59:59Z'))).toEqual(['base.create']);
    expect((await get('?from=2024-02-01T10:00:01Z')).pageInfo.totalRows).toBe(5);
    const entry = (await get('?action=table.create')).list[0];
    expect(entry.created_at).toBe('2024-02-01T10:00:00.000Z');
  });

  it('refuses bad filter and paging values with a 4xx naming the parameter', async () => {
    const get = (query: string) => t.callWith(owner.headers, 'GET', baseAudits(query));
    for (const query of [
      '?from=yesterday',
      '?to=2024-02-30',
      '?from=2024-13-01T00:00:00Z',
      '?from=2024-03-01&to=2024-02-01',
      '?actor=a&actor=b',
    ]) {
      const response = await get(query);
      expect(response.status, query).toBe(400);
      expect(response.body.error, query).toBe('ERR_INVALID_QUERY_PARAMETER');
    }
    for (const query of ['?limit=0', '?limit=1001', '?limit=ten', '?offset=-1']) {
      const response = await get(query);
      expect(response.status, query).toBe(422);
    }
    expect((await get('?limit=1000')).status).toBe(200);
    const badRecord = await t.call('GET', `/api/v2/tables/${tableId}/records/abc/audits`);
    expect(badRecord.status).toBe(404);
    expect(badRecord.body.error).toBe('ERR_RECORD_NOT_FOUND');
  });

  it('lets base viewers read record history but only owners and creators the base trail', async () => {
    const history = `/api/v2/tables/${tableId}/records/${recordIds[0]}/audits`;
    const seen = expectStatus(await t.callWith(viewer.headers, 'GET', history), 200);
    expect(actions(seen)).toEqual(['record.update', 'record.insert']);
    expect(seen.list[0].details).toEqual({ before: { Name: 'a' }, after: { Name: 'A' } });
    // Filters apply inside the record's history, never outside it.
    const narrowed = expectStatus(
      await t.callWith(viewer.headers, 'GET', `${history}?action=record.insert&recordId=${recordIds[1]}`),
      200,
    );
    expect(narrowed.list.map((e: { record_id: string }) => e.record_id)).toEqual([String(recordIds[0])]);

    const forbidden = await t.callWith(viewer.headers, 'GET', baseAudits());
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.error).toBe('ERR_FORBIDDEN');
    expect((await t.callWith({}, 'GET', history)).status).toBe(401);
    expect((await t.callWith({}, 'GET', baseAudits())).status).toBe(401);
    expect((await t.callWith({ 'xc-token': 'not-a-token' }, 'GET', history)).status).toBe(401);

    const outsider = await createTestUser(t, 'otto@example.com');
    expect((await t.callWith(outsider.headers, 'GET', history)).status).toBe(403);
    const creator = await createTestUser(t, 'cris@example.com', { membership: { baseId, role: 'creator' } });
    expect((await t.callWith(creator.headers, 'GET', baseAudits())).status).toBe(200);
    const editor = await createTestUser(t, 'eddie@example.com', { membership: { baseId, role: 'editor' } });
    expect((await t.callWith(editor.headers, 'GET', baseAudits())).status).toBe(403);
    expect((await t.callWith(editor.headers, 'GET', history)).status).toBe(200);

    // A token limited to another base sees nothing of this one; a read-only token acts as a viewer.
    const elsewhere = await createToken(t, owner, 'other only', {
      baseIds: [otherBaseId],
      access: 'read-write',
    });
    expect((await t.callWith(elsewhere.headers, 'GET', history)).status).toBe(403);
    expect((await t.callWith(elsewhere.headers, 'GET', baseAudits())).status).toBe(403);
    expect(
      (await t.callWith(elsewhere.headers, 'GET', `/api/v2/meta/bases/${otherBaseId}/audits`)).status,
    ).toBe(200);
    const reader = await createToken(t, owner, 'reader', { baseIds: null, access: 'read' });
    expect((await t.callWith(reader.headers, 'GET', history)).status).toBe(200);
    expect((await t.callWith(reader.headers, 'GET', baseAudits())).status).toBe(403);
    expect((await t.callWith(ownerToken.headers, 'GET', baseAudits())).status).toBe(200);
  });

  it('gives instance admins the whole trail, instance-level entries included', async () => {
    const all = expectStatus(await t.callWith(admin.headers, 'GET', '/api/v2/audits?limit=1000'), 200);
    const bases = new Set(all.list.map((e: { base_id: string | null }) => e.base_id));
    expect(bases).toEqual(new Set([null, baseId, otherBaseId]));
    const userCreates = all.list.filter((e: { action: string }) => e.action === 'user.create');
    expect(userCreates.map((e: { target_id: string }) => e.target_id)).toContain(viewer.id);
    expect(
      all.list.some(
        (e: { action: string; target_id: string }) =>
          e.action === 'token.create' && e.target_id === ownerToken.id,
      ),
    ).toBe(true);

    const other = expectStatus(
      await t.callWith(admin.headers, 'GET', `/api/v2/audits?base_id=${otherBaseId}`),
      200,
    );
    expect(actions(other)).toEqual(['record.insert', 'table.create', 'member.add', 'base.create']);
    const byUser = expectStatus(
      await t.callWith(admin.headers, 'GET', `/api/v2/audits?user=${owner.id}&tableId=${otherTableId}`),
      200,
    );
    expect(actions(byUser)).toEqual(['record.insert', 'table.create']);

    const member = await t.callWith(owner.headers, 'GET', '/api/v2/audits');
    expect(member.status).toBe(403);
    const viaToken = await t.call('GET', '/api/v2/audits');
    expect(viaToken.status).toBe(401);
    expect(viaToken.body.error).toBe('ERR_API_TOKEN_NOT_ALLOWED');
    expect((await t.callWith({}, 'GET', '/api/v2/audits')).status).toBe(401);
  });
});
