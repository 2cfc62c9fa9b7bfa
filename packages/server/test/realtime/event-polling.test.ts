// GET /api/v2/meta/bases/:baseId/events: the outbox for clients that poll, on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { createRealtimeFixture, ok, type RealtimeFixture } from './support/realtime-fixture.ts';

describe.each(testDialects)('event polling on %s', (dialect) => {
  let t: TestApp;
  let f: RealtimeFixture;
  const events = (query = '', base = f.baseId) => t.call('GET', `/api/v2/meta/bases/${base}/events${query}`);

  beforeAll(async () => {
    t = await createTestApp(dialect, { realtime: { pollMs: 200 } });
    f = await createRealtimeFixture(t, `poll-${dialect}`);
    for (let i = 1; i <= 5; i++)
      ok(await f.insert(i % 2 === 1 ? f.tableId : f.otherTableId, { Name: `row ${i}` }));
    ok(await f.insert(f.foreignTableId, { Name: 'elsewhere' }));
  });
  afterAll(async () => t?.close());

  it('lists the events after a cursor in pages, with the cursor of the next page', async () => {
    const all = ok(await events());
    expect(all.list.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(all.list[0]).toMatchObject({
      type: 'event',
      baseId: f.baseId,
      seq: 1,
      tableId: f.tableId,
      event: 'records.insert',
      bulk: false,
      recordIds: [1],
      rows: [expect.objectContaining({ Id: 1, Name: 'row 1' })],
      previous_rows: null,
      actor: { type: 'token' },
    });
    expect(all.pageInfo).toEqual({ pageSize: 100, isLastPage: true, latestSeq: 5 });
    expect(all.next).toBe(5);

    const first = ok(await events('?after=1&limit=2'));
    expect(first.list.map((e: { seq: number }) => e.seq)).toEqual([2, 3]);
    expect(first.pageInfo.isLastPage).toBe(false);
    const second = ok(await events(`?after=${first.next}&limit=2`));
    expect(second.list.map((e: { seq: number }) => e.seq)).toEqual([4, 5]);
    const last = ok(await events(`?after=${second.next}&limit=2`));
    expect(last).toMatchObject({ list: [], next: 5, pageInfo: { isLastPage: true } });
  });

  it("filters by table; the next cursor skips the other tables' events", async () => {
    const page = ok(await events(`?tableId=${f.otherTableId}`));
    expect(page.list.map((e: { seq: number; rows: { Name: string }[] }) => [e.seq, e.rows[0]?.Name])).toEqual(
      [
        [2, 'row 2'],
        [4, 'row 4'],
      ],
    );
    expect(page.next).toBe(5);
    expect(ok(await events(`?tableId=${f.otherTableId}&after=4`))).toMatchObject({ list: [], next: 5 });
  });

  it('lets viewers poll, not outsiders', async () => {
    expect(
      ok(await t.callWith(f.viewer.headers, 'GET', `/api/v2/meta/bases/${f.baseId}/events`)).list,
    ).toHaveLength(5);
    const refused = await t.callWith(f.outsider.headers, 'GET', `/api/v2/meta/bases/${f.baseId}/events`);
    expect(refused.status).toBe(403);
    expect((await t.callWith({}, 'GET', `/api/v2/meta/bases/${f.baseId}/events`)).status).toBe(401);
  });

  it('waits with wait= until an event arrives, and answers empty when none does', async () => {
    const latest = await t.store.events.latest(f.baseId);
    const started = Date.now();
    const waiting = events(`?after=${latest}&wait=10`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    ok(await f.insert(f.tableId, { Name: 'awaited' }));
    const page = ok(await waiting);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(page.list.map((e: { rows: { Name: string }[] }) => e.rows[0]?.Name)).toEqual(['awaited']);
    expect(page.next).toBe(latest + 1);

    // An event of another table does not end a wait for this one.
    const filtered = events(`?after=${latest + 1}&tableId=${f.tableId}&wait=10`);
    await new Promise((resolve) => setTimeout(resolve, 150));
    ok(await f.insert(f.otherTableId, { Name: 'not this one' }));
    await new Promise((resolve) => setTimeout(resolve, 150));
    ok(await f.insert(f.tableId, { Name: 'this one' }));
    const filteredPage = ok(await filtered);
    expect(filteredPage.list.map((e: { seq: number }) => e.seq)).toEqual([latest + 3]);

    const quiet = Date.now();
    const empty = ok(await events(`?after=${latest + 3}&wait=1`));
    expect(empty).toMatchObject({ list: [], next: latest + 3 });
    expect(Date.now() - quiet).toBeGreaterThanOrEqual(900);
  });

  it('refuses bad input with a 4xx and the reason', async () => {
    const latest = await t.store.events.latest(f.baseId);
    const cases: [string, number, string][] = [
      ['?after=-1', 422, 'ERR_INVALID_CURSOR'],
      ['?after=abc', 422, 'ERR_INVALID_CURSOR'],
      ['?after=1.5', 422, 'ERR_INVALID_CURSOR'],
      [`?after=${latest + 1}`, 422, 'ERR_INVALID_CURSOR'],
      ['?after=99999999999999999999', 422, 'ERR_INVALID_CURSOR'],
      ['?limit=0', 422, 'ERR_INVALID_LIMIT_VALUE'],
      ['?limit=1001', 422, 'ERR_INVALID_LIMIT_VALUE'],
      ['?limit=ten', 422, 'ERR_INVALID_LIMIT_VALUE'],
      ['?wait=31', 400, 'ERR_INVALID_QUERY_PARAMETER'],
      ['?wait=soon', 400, 'ERR_INVALID_QUERY_PARAMETER'],
      ['?after=1&after=2', 400, 'ERR_INVALID_REQUEST_BODY'],
      [`?tableId=${f.foreignTableId}`, 404, 'ERR_TABLE_NOT_FOUND'],
      ['?tableId=mnosuchtable', 404, 'ERR_TABLE_NOT_FOUND'],
    ];
    for (const [query, status, code] of cases) {
      const response = await events(query);
      expect([query, response.status, response.body.error]).toEqual([query, status, code]);
      expect(typeof response.body.msg).toBe('string');
    }
    expect((await events('', 'pnosuchbase')).status).toBe(404);
    expect(ok(await events('?after=')).list.length).toBeGreaterThan(0);
  });

  it('tells a poller whose cursor was pruned to start again (410)', async () => {
    ok(await f.insert(f.tableId, { Name: 'before pruning' }));
    const latest = await t.store.events.latest(f.baseId);
    await t.store.events.prune('9999-01-01 00:00:00+00:00');
    for (const query of ['?after=1', `?after=1&tableId=${f.tableId}`, '?after=0']) {
      const response = await events(query);
      expect([query, response.status, response.body.error]).toEqual([query, 410, 'ERR_CURSOR_EXPIRED']);
      expect(response.body.details).toEqual({ latest });
    }
    // From the latest seq, or with no cursor (from the oldest kept), polling goes on.
    expect(ok(await events(`?after=${latest}`))).toMatchObject({ list: [], next: latest });
    expect(ok(await events())).toMatchObject({ list: [], next: latest });
    ok(await f.insert(f.tableId, { Name: 'after pruning' }));
    expect(ok(await events(`?after=${latest}`)).list.map((e: { seq: number }) => e.seq)).toEqual([
      latest + 1,
    ]);
  });
});
