// TESSERA_EVENTS_RETENTION_DAYS: the pruning job deletes events older than the days given.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { startEventRetention } from '../../src/realtime/event-retention.ts';
import { createRealtimeFixture, ok, type RealtimeFixture } from './support/realtime-fixture.ts';

const DAY_MS = 86_400_000;

describe.each(testDialects)('event retention on %s', (dialect) => {
  let t: TestApp;
  let f: RealtimeFixture;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    f = await createRealtimeFixture(t, `retention-${dialect}`);
    for (let i = 0; i < 3; i++) ok(await f.insert(f.tableId, { Name: `kept ${i}` }));
  });
  afterAll(async () => t?.close());

  /** Runs the job once with the clock moved forward; resolves with the lines it logged. */
  const runOnce = async (days: number, later: number, ready = true) => {
    const lines: string[] = [];
    const stop = startEventRetention({
      store: t.store,
      days,
      isDatabaseReady: () => ready,
      log: { info: (line) => lines.push(line), warn: (_object, line) => lines.push(line) },
      firstRunMs: 0,
      now: () => Date.now() + later,
    });
    await new Promise((resolve) => setTimeout(resolve, 300));
    stop();
    return lines;
  };
  const kept = async () => (await t.store.events.list({ baseId: f.baseId, after: 0, limit: 100 })).length;

  it('keeps events younger than the retention, and skips a run while the database is away', async () => {
    expect(await runOnce(1, DAY_MS / 2)).toEqual([]);
    expect(await runOnce(1, 2 * DAY_MS, false)).toEqual([]);
    expect(await kept()).toBe(3);
  });

  it('deletes older events, says how many, and never restarts the sequence', async () => {
    const latest = await t.store.events.latest(f.baseId);
    expect(await runOnce(1, 2 * DAY_MS)).toEqual([
      'event retention: deleted 3 record events older than 1 day',
    ]);
    expect(await kept()).toBe(0);
    ok(await f.insert(f.tableId, { Name: 'after' }));
    expect((await t.store.events.list({ baseId: f.baseId, after: 0, limit: 10 })).map((e) => e.seq)).toEqual([
      latest + 1,
    ]);
  });
});
