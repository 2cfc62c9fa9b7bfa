// Record order set by hand in a view (kanban cards): who may set it, bad bodies, lists of the
// view in that order (v2 and v3), explicit and view sorts winning, other views untouched,
// positions running out of room, the audit entry, and positions going with their view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp, type TestResponse } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { expectStatus } from '../audit/audit-actors.ts';

describe.each(testDialects)('record order in views on %s', (dialect) => {
  let t: TestApp;
  let baseId: string;
  let tableId: string;
  let nameField: string;
  let ids: number[];
  let editor: TestUser;
  let commenter: TestUser;

  const records = () => `/api/v2/tables/${tableId}/records`;
  const newView = async (title: string, kind = 'grids') =>
    expectStatus(await t.call('POST', `/api/v2/meta/tables/${tableId}/${kind}`, { title }), 200).id as string;
  const reorder = (viewId: string, recordIds: unknown, headers?: Record<string, string>) =>
    headers
      ? t.callWith(headers, 'PUT', `/api/v2/meta/views/${viewId}/record-order`, { recordIds })
      : t.call('PUT', `/api/v2/meta/views/${viewId}/record-order`, { recordIds });
  /** Record ids of a list of the view, in the order it answers them. */
  const listed = async (viewId: string, query = ''): Promise<number[]> =>
    expectStatus(await t.call('GET', `${records()}?viewId=${viewId}&limit=100${query}`), 200).list.map(
      (r: { Id: number }) => r.Id,
    );
  const expectError = (response: TestResponse, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.body.error).toBe(code);
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    baseId = expectStatus(await t.call('POST', '/api/v2/meta/bases', { title: 'Board' }), 200).id;
    const table = expectStatus(
      await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'Cards',
        columns: [
          { title: 'Name', uidt: 'SingleLineText' },
          {
            title: 'Stage',
            uidt: 'SingleSelect',
            colOptions: { options: [{ title: 'todo' }, { title: 'done' }] },
          },
          { title: 'Position', uidt: 'Number' },
        ],
      }),
      200,
    );
    tableId = table.id;
    nameField = table.columns.find((c: { title: string }) => c.title === 'Name').id;
    const bodies = ['e', 'd', 'c', 'b', 'a', 'f'].map((Name, i) => ({
      Name,
      Stage: i % 2 === 0 ? 'todo' : 'done',
      Position: 100 - i,
    }));
    ids = expectStatus(await t.call('POST', records(), bodies), 200).map((r: { Id: number }) => r.Id);
    editor = await createTestUser(t, 'ed@example.com', { membership: { baseId, role: 'editor' } });
    commenter = await createTestUser(t, 'cy@example.com', { membership: { baseId, role: 'commenter' } });
  });
  afterAll(async () => t.close());

  it('lists a view in the order set, records without a position after them by id', async () => {
    const [r1, r2, r3, r4, r5, r6] = ids as [number, number, number, number, number, number];
    const view = await newView('ordered');
    expect(await listed(view)).toEqual(ids);
    const saved = expectStatus(await reorder(view, [r4, r2, r5], editor.headers), 200);
    expect(saved).toEqual({ view_id: view, record_ids: [r4, r2, r5] });
    expect(await listed(view)).toEqual([r4, r2, r5, r1, r3, r6]);
    // Paging, filters and the v3 list keep that order.
    expect(await listed(view, '&limit=2&offset=1')).toEqual([r2, r5]);
    expect(await listed(view, `&where=(Stage,eq,done)`)).toEqual([r4, r2, r6]);
    const v3 = expectStatus(
      await t.call('GET', `/api/v3/data/${baseId}/${tableId}/records?viewId=${view}&pageSize=100`),
      200,
    );
    expect(v3.records.map((r: { id: number }) => r.id)).toEqual([r4, r2, r5, r1, r3, r6]);
    // A table list, and another view, do not see it.
    const other = await newView('untouched');
    expect(await listed(other)).toEqual(ids);
    expect(
      expectStatus(await t.call('GET', `${records()}?limit=100`), 200).list.map((r: { Id: number }) => r.Id),
    ).toEqual(ids);
    // A field titled Position is just a field: sorting by it still works.
    expect(await listed(view, '&sort=Position')).toEqual([...ids].reverse());
  });

  it('moves listed records as one run to where the first of them stood; others keep their places', async () => {
    const [r1, r2, r3, r4, r5, r6] = ids as [number, number, number, number, number, number];
    const view = await newView('moves');
    expectStatus(await reorder(view, [r1, r2, r3, r4, r5, r6]), 200);
    // Drag r6 between r2 and r3, sending its new neighbours only.
    expectStatus(await reorder(view, [r2, r6, r3]), 200);
    expect(await listed(view)).toEqual([r1, r2, r6, r3, r4, r5]);
    // To the top, sending it with the card it goes above.
    expectStatus(await reorder(view, [r5, r1]), 200);
    expect(await listed(view)).toEqual([r5, r1, r2, r6, r3, r4]);
    // A whole new order of every card.
    expectStatus(await reorder(view, [r3, r4, r6, r2, r1, r5]), 200);
    expect(await listed(view)).toEqual([r3, r4, r6, r2, r1, r5]);
  });

  it('keeps the order right when moves into one gap run out of room between doubles', async () => {
    const [r1, r2, r3, r4, r5, r6] = ids as [number, number, number, number, number, number];
    const view = await newView('crowded');
    let expected = [r1, r2, r3, r4, r5, r6];
    expectStatus(await reorder(view, expected), 200);
    /** What a reorder should do: the listed run where the first of them stood, the rest in place. */
    const applied = (order: number[], run: number[]) => {
      const at = order.findIndex((id) => run.includes(id));
      const rest = (part: number[]) => part.filter((id) => !run.includes(id));
      return [...rest(order.slice(0, at)), ...run, ...rest(order.slice(at))];
    };
    // Each move shares the gap after r2 with the card moved before: it shrinks threefold a time.
    for (let step = 0; step < 80; step += 1) {
      const run = [r2, step % 2 === 0 ? r5 : r6];
      expectStatus(await reorder(view, run), 200);
      expected = applied(expected, run);
      expect(await listed(view)).toEqual(expected);
    }
    const rows = await t.store.context.db
      .selectFrom('tessera_record_positions')
      .select('position')
      .where('view_id', '=', view)
      .execute();
    // Renumbered on the way whenever the gap got too small: positions never crowd.
    const sorted = rows.map((row) => Number(row.position)).sort((a, b) => a - b);
    const gaps = sorted.slice(1).map((value, index) => value - (sorted[index] as number));
    expect(Math.min(...gaps)).toBeGreaterThan(5e-7);
  });

  it('lets explicit sorts, view sorts and shuffle win over the order set', async () => {
    const [r1, r2, r3] = ids as [number, number, number];
    const view = await newView('sorted');
    expectStatus(await reorder(view, [r3, r1, r2]), 200);
    const byName = await listed(view, '&sort=Name');
    expect(byName).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0], ids[5]]);
    expectStatus(
      await t.call('POST', `/api/v2/meta/views/${view}/sorts`, {
        fk_column_id: nameField,
        direction: 'desc',
      }),
      200,
    );
    expect(await listed(view)).toEqual([...byName].reverse());
    expect((await listed(view, '&shuffle=1')).sort((a, b) => a - b)).toEqual(ids);
  });

  it('keeps the order when the list computes fields (formulas) too', async () => {
    const [r1, r2, r3, r4, r5, r6] = ids as [number, number, number, number, number, number];
    const view = await newView('computed');
    expectStatus(
      await t.call('POST', `/api/v2/meta/tables/${tableId}/columns`, {
        title: 'Shout',
        uidt: 'Formula',
        formula_raw: 'UPPER({Name})',
      }),
      200,
    );
    expectStatus(await reorder(view, [r6, r3]), 200);
    const page = expectStatus(await t.call('GET', `${records()}?viewId=${view}&limit=100`), 200).list;
    expect(page.map((r: { Id: number }) => r.Id)).toEqual([r6, r3, r1, r2, r4, r5]);
    expect(page.map((r: { Shout: string }) => r.Shout)).toEqual(['F', 'C', 'E', 'D', 'B', 'A']);
    expect(await listed(view, '&where=(Shout,eq,A)~or(Shout,eq,F)')).toEqual([r6, r5]);
  });

  it('works for kanban views and their columns', async () => {
    const [r1, , r3, , r5] = ids as [number, number, number, number, number];
    const stage = (await t.call('GET', `/api/v2/meta/tables/${tableId}`)).body.columns.find(
      (c: { title: string }) => c.title === 'Stage',
    ).id;
    const kanban = expectStatus(
      await t.call('POST', `/api/v2/meta/tables/${tableId}/kanbans`, {
        title: 'Kanban',
        fk_grp_col_id: stage,
      }),
      200,
    ).id;
    expectStatus(await reorder(kanban, [r5, r1, r3]), 200);
    expect(await listed(kanban, '&where=(Stage,eq,todo)')).toEqual([r5, r1, r3]);
  });

  it('needs the editor role and a well-formed body', async () => {
    const view = await newView('guarded');
    const [r1, r2] = ids as [number, number];
    expectError(await reorder(view, [r1], commenter.headers), 403, 'ERR_FORBIDDEN');
    expectError(
      await t.callWith({}, 'PUT', `/api/v2/meta/views/${view}/record-order`, { recordIds: [r1] }),
      401,
      'ERR_AUTHENTICATION_REQUIRED',
    );
    expectError(await reorder('vwnothere', [r1]), 404, 'ERR_VIEW_NOT_FOUND');
    expectError(await reorder(view, undefined), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await reorder(view, 'r1'), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await reorder(view, []), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await reorder(view, [r1, r1]), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await reorder(view, [r1, 0]), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await reorder(view, [r1, 1.5]), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await reorder(view, [String(r1)]), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await reorder(view, [null]), 400, 'ERR_INVALID_REQUEST_BODY');
    const tooMany = Array.from({ length: 1001 }, (_, i) => i + 1);
    expectError(await reorder(view, tooMany), 422, 'ERR_MAX_PAYLOAD_LIMIT_EXCEEDED');
    const missing = await reorder(view, [r2, 999_999, r1]);
    expectError(missing, 404, 'ERR_RECORD_NOT_FOUND');
    expect(missing.body.details).toEqual({ ids: [999_999] });
    expectError(
      await t.call('PUT', `/api/v2/meta/views/${view}/record-order`, [r1, r2]),
      400,
      'ERR_INVALID_REQUEST_BODY',
    );
    // Nothing was saved by the refused requests.
    expect(await listed(view)).toEqual(ids);
  });

  it('audits each reorder once, and drops the positions with their view', async () => {
    const [r1, r2] = ids as [number, number];
    const view = await newView('doomed');
    expectStatus(await reorder(view, [r2, r1], editor.headers), 200);
    const trail = expectStatus(
      await t.call('GET', `/api/v2/meta/bases/${baseId}/audits?action=view.record-order&targetId=${view}`),
      200,
    );
    expect(trail.list).toHaveLength(1);
    expect(trail.list[0]).toMatchObject({
      action: 'view.record-order',
      actor: { type: 'user', id: editor.id },
      base_id: baseId,
      table_id: tableId,
      target_id: view,
      details: { recordIds: [r2, r1] },
    });
    const positions = () =>
      t.store.context.db
        .selectFrom('tessera_record_positions')
        .select('record_id')
        .where('view_id', '=', view)
        .execute();
    expect(await positions()).toHaveLength(2);
    expectStatus(await t.call('DELETE', `/api/v2/meta/views/${view}`), 200);
    expect(await positions()).toEqual([]);
  });
});
