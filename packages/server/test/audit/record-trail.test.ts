import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { baseTrail, createToken, expectStatus } from './audit-actors.ts';

describe.each(testDialects)('record changes in the audit trail on %s', (dialect) => {
  let t: TestApp;
  let baseId: string;
  let tableId: string;
  let editor: TestUser;
  let bot: { id: string; headers: Record<string, string> };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    baseId = expectStatus(await t.call('POST', '/api/v2/meta/bases', { title: 'Records' }), 200).id;
    tableId = expectStatus(
      await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'People',
        columns: [
          { title: 'Name', uidt: 'SingleLineText' },
          { title: 'Email', uidt: 'Email', unique: true },
          { title: 'Age', uidt: 'Number' },
          { title: 'Team', uidt: 'SingleSelect', colOptions: { options: [{ title: 'red' }] } },
        ],
      }),
      200,
    ).id;
    editor = await createTestUser(t, 'edna@example.com', { membership: { baseId, role: 'editor' } });
    bot = await createToken(t, editor, 'sync bot');
  });
  afterAll(async () => t.close());

  const history = async (recordId: number) =>
    expectStatus(await t.call('GET', `/api/v2/tables/${tableId}/records/${recordId}/audits`), 200);

  it('keeps who changed which fields of a record, from what to what, newest first', async () => {
    const records = `/api/v2/tables/${tableId}/records`;
    const [{ Id: id }] = [
      expectStatus(await t.callWith(editor.headers, 'POST', records, { Name: 'Ann', Age: 30 }), 200),
    ];
    expectStatus(await t.callWith(bot.headers, 'PATCH', records, { Id: id, Age: 31, Name: 'Anne' }), 200);
    expectStatus(
      await t.callWith(editor.headers, 'PATCH', records, { Id: id, Email: 'ann@example.com' }),
      200,
    );
    expectStatus(await t.callWith(bot.headers, 'DELETE', records, { Id: id }), 200);

    const { list, pageInfo } = await history(id);
    expect(pageInfo).toEqual({ totalRows: 4, page: 1, pageSize: 25, isFirstPage: true, isLastPage: true });
    expect(list.map((e: { action: string }) => e.action)).toEqual([
      'record.delete',
      'record.update',
      'record.update',
      'record.insert',
    ]);
    const userActor = { type: 'user', id: editor.id, name: 'edna@example.com', user_id: editor.id };
    const tokenActor = { type: 'token', id: bot.id, name: 'sync bot (edna@example.com)', user_id: editor.id };
    expect(list.map((e: { actor: unknown }) => e.actor)).toEqual([
      tokenActor,
      userActor,
      tokenActor,
      userActor,
    ]);
    for (const entry of list) {
      expect(entry).toMatchObject({
        base_id: baseId,
        table_id: tableId,
        record_id: String(id),
        ip: '127.0.0.1',
      });
      expect(entry.created_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/);
    }
    expect(list[3].details).toEqual({
      after: { Name: 'Ann', Email: null, Age: 30, Team: null },
    });
    expect(list[2].details).toEqual({ before: { Name: 'Ann', Age: 30 }, after: { Name: 'Anne', Age: 31 } });
    expect(list[1].details).toEqual({ before: { Email: null }, after: { Email: 'ann@example.com' } });
    expect(list[0].details.before).toMatchObject({ Name: 'Anne', Email: 'ann@example.com', Age: 31 });
    expect(list.map((e: { id: number }) => e.id)).toEqual(
      list.map((e: { id: number }) => e.id).sort((a: number, b: number) => b - a),
    );
  });

  it('writes no entry when a record write fails on a unique field', async () => {
    const records = `/api/v2/tables/${tableId}/records`;
    expectStatus(
      await t.callWith(editor.headers, 'POST', records, { Name: 'Bo', Email: 'bo@example.com' }),
      200,
    );
    const before = (await baseTrail(t, baseId)).body.pageInfo.totalRows;
    const clash = await t.callWith(editor.headers, 'POST', records, [
      { Name: 'Cy', Email: 'cy@example.com' },
      { Name: 'Bo again', Email: 'bo@example.com' },
    ]);
    expect(clash.status).toBe(400);
    expect(clash.body.error).toBe('ERR_FIELD_UNIQUE_CONSTRAINT_VIOLATION');
    const typecastClash = await t.callWith(editor.headers, 'POST', `${records}?typecast=true`, [
      { Name: 'Di', Email: 'bo@example.com', Team: 'blue' },
    ]);
    expect(typecastClash.status).toBe(400);
    expect((await baseTrail(t, baseId)).body.pageInfo.totalRows).toBe(before);
    const team = (await t.call('GET', `/api/v2/meta/tables/${tableId}`)).body.columns.find(
      (c: { title: string }) => c.title === 'Team',
    );
    expect(team.colOptions.options.map((o: { title: string }) => o.title)).toEqual(['red']);
  });

  it('audits select options a typecast write adds as a field change in the same transaction', async () => {
    const inserted = await t.callWith(
      bot.headers,
      'POST',
      `/api/v2/tables/${tableId}/records?typecast=true`,
      {
        Name: 'Eve',
        Team: 'green',
      },
    );
    expect(inserted.status).toBe(200);
    const team = (await t.call('GET', `/api/v2/meta/tables/${tableId}`)).body.columns.find(
      (c: { title: string }) => c.title === 'Team',
    );
    const latest = (await baseTrail(t, baseId, '&limit=2')).body.list;
    expect(latest.map((e: { action: string }) => e.action).sort()).toEqual(['field.update', 'record.insert']);
    const fieldEntry = latest.find((e: { action: string }) => e.action === 'field.update');
    expect(fieldEntry).toMatchObject({
      target_id: team.id,
      table_id: tableId,
      record_id: null,
      actor: { type: 'token', id: bot.id },
      details: { before: { options: ['red'] }, after: { options: ['red', 'green'] } },
    });
  });
});
