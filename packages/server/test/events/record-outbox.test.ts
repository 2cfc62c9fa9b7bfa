import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';

function ok<T>(response: { status: number; body: T }): T {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return response.body;
}

describe.each(testDialects)('the record outbox on %s', (dialect) => {
  let t: TestApp;
  let baseId: string;
  let otherBaseId: string;
  let tableId: string;
  let records: string;

  const createTable = async (base: string, title: string) =>
    ok(
      await t.call('POST', `/api/v2/meta/bases/${base}/tables`, {
        title,
        columns: [
          { title: 'Name', uidt: 'SingleLineText' },
          { title: 'Code', uidt: 'SingleLineText', unique: true },
          { title: 'Status', uidt: 'SingleSelect', colOptions: { options: [{ title: 'draft' }] } },
        ],
      }),
    ).id as string;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    baseId = ok(await t.call('POST', '/api/v2/meta/bases', { title: 'Studio' })).id;
    otherBaseId = ok(await t.call('POST', '/api/v2/meta/bases', { title: 'Other' })).id;
    tableId = await createTable(baseId, 'Scenes');
    records = `/api/v2/tables/${tableId}/records`;
  });
  afterAll(async () => t.close());

  const eventsAfter = (after: number, base = baseId) =>
    t.store.events.list({ baseId: base, after, limit: 100 });

  it('writes one event per write, numbered 1, 2, 3… per base, with whole records before and after', async () => {
    const signalled: string[] = [];
    const stop = t.store.context.eventSignal.subscribe((base) => signalled.push(base));
    const { Id: id } = ok(await t.call('POST', records, { Name: 'Opening', Code: 'S1' }));
    ok(
      await t.call('POST', records, [
        { Name: 'Chase', Code: 'S2' },
        { Name: 'Finale', Code: 'S3' },
      ]),
    );
    ok(await t.call('PATCH', records, { Id: id, Status: 'draft' }));
    ok(await t.call('DELETE', records, { Id: id }));
    stop();

    const events = await eventsAfter(0);
    expect(events.map((e) => [e.seq, e.type, e.bulk, e.recordIds])).toEqual([
      [1, 'records.insert', false, [id]],
      [2, 'records.insert', true, [id + 1, id + 2]],
      [3, 'records.update', false, [id]],
      [4, 'records.delete', false, [id]],
    ]);
    expect(signalled).toEqual([baseId, baseId, baseId, baseId]);
    const [inserted, bulk, updated, deleted] = events;
    expect(inserted?.rows).toEqual([
      expect.objectContaining({ Id: id, Name: 'Opening', Code: 'S1', Status: null }),
    ]);
    expect(inserted?.rows[0]?.CreatedAt).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00:00$/);
    expect(bulk?.rows.map((r) => [r.Id, r.Name])).toEqual([
      [id + 1, 'Chase'],
      [id + 2, 'Finale'],
    ]);
    expect(updated?.previousRows).toEqual([
      expect.objectContaining({ Id: id, Name: 'Opening', Status: null }),
    ]);
    expect(updated?.rows).toEqual([expect.objectContaining({ Id: id, Name: 'Opening', Status: 'draft' })]);
    expect(deleted?.rows).toEqual([expect.objectContaining({ Id: id, Name: 'Opening', Status: 'draft' })]);
    for (const event of events)
      expect(event).toMatchObject({ baseId, tableId, actor: { type: 'token' }, details: null });
    expect(await t.store.events.latest(baseId)).toBe(4);
    expect((await eventsAfter(3)).map((e) => e.seq)).toEqual([4]);
  });

  it('numbers each base on its own', async () => {
    const otherTable = await createTable(otherBaseId, 'Assets');
    ok(await t.call('POST', `/api/v2/tables/${otherTable}/records`, { Name: 'Render' }));
    expect((await eventsAfter(0, otherBaseId)).map((e) => [e.seq, e.tableId])).toEqual([[1, otherTable]]);
    expect(await t.store.events.latest(baseId)).toBe(4);
  });

  it('writes no event for a write that fails, and does not skip a number', async () => {
    const before = await t.store.events.latest(baseId);
    expect((await t.call('POST', records, { Code: 'S2' })).status).toBe(400);
    expect((await t.call('POST', records, [{ Name: 'ok' }, { Status: 'unknown option' }])).status).toBe(422);
    expect((await t.call('PATCH', records, { Id: 999_999, Name: 'gone' })).status).toBe(404);
    expect((await t.call('DELETE', records, [{ Id: 999_999 }])).status).toBe(404);
    expect(await t.store.events.latest(baseId)).toBe(before);
    ok(await t.call('POST', records, { Name: 'after failures' }));
    expect((await eventsAfter(before)).map((e) => e.seq)).toEqual([before + 1]);
  });

  it('hands out numbers in commit order to concurrent writers, without gaps', async () => {
    const before = await t.store.events.latest(baseId);
    const writes = Array.from({ length: 40 }, (_, index) =>
      index % 2 === 0
        ? t.call('POST', records, { Name: `parallel ${index}` })
        : t.call('POST', records, [{ Name: `bulk ${index}a` }, { Name: `bulk ${index}b` }]),
    );
    for (const response of await Promise.all(writes)) expect(response.status).toBe(200);
    const events = await eventsAfter(before);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 40 }, (_, i) => before + i + 1));
    const ids = events.flatMap((e) => e.recordIds.map(Number));
    expect(new Set(ids).size).toBe(60);
  });

  it('adds select options by typecast and records the event in the same transaction', async () => {
    const before = await t.store.events.latest(baseId);
    ok(await t.call('POST', `${records}?typecast=true`, { Name: 'new status', Status: 'approved' }));
    const [event] = await eventsAfter(before);
    expect(event?.rows[0]).toMatchObject({ Name: 'new status', Status: 'approved' });
  });

  it('carries the AutoNumber an insert was given, single and bulk', async () => {
    const numbered = ok(
      await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'Shots',
        columns: [
          { title: 'Name', uidt: 'SingleLineText' },
          { title: 'Shot', uidt: 'AutoNumber' },
        ],
      }),
    ).id as string;
    const before = await t.store.events.latest(baseId);
    ok(await t.call('POST', `/api/v2/tables/${numbered}/records`, { Name: 'wide' }));
    ok(await t.call('POST', `/api/v2/tables/${numbered}/records`, [{ Name: 'close' }, { Name: 'insert' }]));
    const events = await eventsAfter(before);
    expect(events.flatMap((e) => e.rows.map((r) => [r.Name, r.Shot]))).toEqual([
      ['wide', 1],
      ['close', 2],
      ['insert', 3],
    ]);
  });

  it('prunes events older than a moment', async () => {
    const total = (await eventsAfter(0)).length;
    expect(await t.store.events.prune('1970-01-01 00:00:00+00:00')).toBe(0);
    expect(await t.store.events.prune('9999-01-01 00:00:00+00:00')).toBeGreaterThanOrEqual(total);
    expect(await eventsAfter(0)).toEqual([]);
    // The sequence does not restart: a reader's cursor stays meaningful.
    const latest = await t.store.events.latest(baseId);
    ok(await t.call('POST', records, { Name: 'after prune' }));
    expect((await eventsAfter(0)).map((e) => e.seq)).toEqual([latest + 1]);
  });
});
