// Failing receivers: retries with the same delivery id, dead letters, final answers, timeouts,
// order per hook under retries; the delivery log and replays.
import { createServer } from 'node:http';
import { describe, expect, it } from 'vitest';
import { freePort } from '../../../../test/support/free-port.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { hookBody, logEntry, ok, useWebhookFixture } from './support/webhook-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
type Json = any;

describe.each(testDialects)('webhook retries and the delivery log on %s', (dialect) => {
  const fixture = useWebhookFixture(dialect);

  it('retries a receiver answering 503, with the same delivery id, until it answers 200', async () => {
    const f = fixture();
    const orders = await f.table();
    f.receiver.answer('/flaky', (_r, index) =>
      index < 2 ? { status: 503, body: 'maintenance' } : { status: 200, body: 'thanks' },
    );
    const hook = await f.addHook(orders, '/flaky');
    ok(await f.t.call('POST', orders.records, { Name: 'retry me' }));
    const entry = await logEntry(f, hook.id, (e) => e.status === 'succeeded');

    const requests = f.receiver.at('/flaky');
    expect(requests).toHaveLength(3);
    expect(new Set(requests.map((r) => r.deliveryId))).toEqual(new Set([entry.delivery_id]));
    expect(requests.map((r) => r.headers['x-tessera-attempt'])).toEqual(['1', '2', '3']);
    expect(requests.map((r) => r.json.id)).toEqual([entry.id, entry.id, entry.id]);
    expect(entry).toMatchObject({ attempts: 3, response_code: 200, response: 'thanks', error_message: null });
    expect(entry.execution_time).toBeGreaterThanOrEqual(0);

    const detail = ok(await f.t.call('GET', `/api/v2/meta/hooks/${hook.id}/logs/${entry.id}`));
    expect(detail.attempt_log.map((a: Json) => [a.attempt, a.response_code, a.response])).toEqual([
      [1, 503, 'maintenance'],
      [2, 503, 'maintenance'],
      [3, 200, 'thanks'],
    ]);
    expect(detail.payload).toMatchObject({ id: entry.id, type: 'records.after.insert' });
    expect(detail.attempt_log.map((a: Json) => a.sent_by)).toEqual(Array(3).fill(f.dispatcher.owner));
  });

  it('keeps retrying while nothing listens, and delivers once the receiver is up', async () => {
    const f = fixture();
    const orders = await f.table();
    const port = await freePort();
    const hook = ok(
      await f.t.call('POST', `/api/v2/meta/tables/${orders.id}/hooks`, {
        ...hookBody(f.receiver, '/down'),
        notification: { type: 'URL', payload: { method: 'POST', path: `http://127.0.0.1:${port}/late` } },
      }),
    );
    ok(await f.t.call('POST', orders.records, { Name: 'patient' }));
    const failing = await logEntry(f, hook.id, (e) => e.status === 'failed-retrying' && e.attempts >= 2);
    expect(failing.error_message).toMatch(/ECONNREFUSED/);
    expect(failing.response_code).toBeNull();
    expect(failing.next_attempt_at).toMatch(/^\d{4}-/);

    const bodies: string[] = [];
    const late = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        bodies.push(body);
        response.end('up');
      });
    });
    await new Promise<void>((resolve) => late.listen(port, '127.0.0.1', resolve));
    try {
      const done = await logEntry(f, hook.id, (e) => e.status === 'succeeded');
      expect(done.id).toBe(failing.id);
      expect(bodies.map((b) => JSON.parse(b).id)).toEqual([failing.id]);
    } finally {
      late.closeAllConnections();
      await new Promise((resolve) => late.close(resolve));
    }
  });

  it('gives up after the last attempt (dead letter), and the next delivery of the hook goes on', async () => {
    const f = fixture();
    const orders = await f.table();
    f.receiver.answer('/broken', (request) =>
      request.json.data.rows[0].Name === 'poison' ? { status: 500, body: 'boom' } : { status: 200 },
    );
    const hook = await f.addHook(orders, '/broken');
    ok(await f.t.call('POST', orders.records, { Name: 'poison' }));
    ok(await f.t.call('POST', orders.records, { Name: 'healthy' }));
    const dead = await logEntry(f, hook.id, (e) => e.status === 'dead');
    expect(dead).toMatchObject({ attempts: 5, response_code: 500, response: 'boom', next_attempt_at: null });
    await logEntry(f, hook.id, (e) => e.status === 'succeeded');
    const names = f.receiver.at('/broken').map((r) => r.json.data.rows[0].Name);
    expect(names).toEqual(['poison', 'poison', 'poison', 'poison', 'poison', 'healthy']);
    const dlq = ok(await f.t.call('GET', `/api/v2/meta/hooks/${hook.id}/logs?status=dead`));
    expect(dlq.list.map((e: Json) => e.id)).toEqual([dead.id]);
  });

  it('treats 4xx answers as final, except 404, 408, 425 and 429', async () => {
    const f = fixture();
    const orders = await f.table();
    f.receiver.answer('/picky', (request, index) => {
      const name = request.json.data.rows[0].Name;
      if (name === 'rejected') return { status: 422, body: 'bad payload' };
      return index < 3 ? { status: 429, headers: { 'retry-after': '0' } } : { status: 200 };
    });
    const hook = await f.addHook(orders, '/picky');
    ok(await f.t.call('POST', orders.records, { Name: 'throttled' }));
    ok(await f.t.call('POST', orders.records, { Name: 'rejected' }));
    const rejected = await logEntry(f, hook.id, (e) => e.status === 'dead');
    const throttled = await logEntry(f, hook.id, (e) => e.status === 'succeeded');
    expect(throttled.attempts).toBe(4);
    expect(rejected).toMatchObject({ attempts: 1, response_code: 422, response: 'bad payload' });
  });

  it('times out a slow receiver and sends again', async () => {
    const f = fixture();
    const orders = await f.table();
    f.receiver.answer('/slow', (_r, index) =>
      index === 0 ? { status: 200, delayMs: 1200 } : { status: 200 },
    );
    const hook = await f.addHook(orders, '/slow');
    ok(await f.t.call('POST', orders.records, { Name: 'slowpoke' }));
    const entry = await logEntry(f, hook.id, (e) => e.status === 'succeeded');
    const detail = ok(await f.t.call('GET', `/api/v2/meta/hooks/${hook.id}/logs/${entry.id}`));
    expect(detail.attempt_log[0].error_message).toBe('timed out after 500 ms');
    expect(detail.attempt_log[0].execution_time).toBeGreaterThanOrEqual(480);
    expect(detail.attempts).toBe(2);
  });

  it('keeps the order of a record’s changes while an earlier delivery is being retried', async () => {
    const f = fixture();
    const orders = await f.table();
    f.receiver.answer('/ordered', (_r, index) => (index < 2 ? { status: 502 } : { status: 200 }));
    await f.addHook(orders, '/ordered');
    const { Id: id } = ok(await f.t.call('POST', orders.records, { Name: 'counter', Score: 0 }));
    for (let score = 1; score <= 5; score += 1)
      ok(await f.t.call('PATCH', orders.records, { Id: id, Score: score }));
    await f.receiver.waitFor('six deliveries', () => f.receiver.distinct('/ordered').length === 6);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const scores = f.receiver.at('/ordered').map((r) => r.json.data.rows[0].Score);
    expect(scores).toEqual([0, 0, 0, 1, 2, 3, 4, 5]);
  });

  it('lists the log newest first with paging, and refuses bad parameters', async () => {
    const f = fixture();
    const orders = await f.table();
    const hook = await f.addHook(orders, '/paged');
    for (const name of ['one', 'two', 'three']) ok(await f.t.call('POST', orders.records, { Name: name }));
    await f.receiver.waitFor('three deliveries', () => f.receiver.at('/paged').length === 3);
    await logEntry(f, hook.id, (e) => e.status === 'succeeded' && e.record_ids[0] === 3);
    const page = ok(await f.t.call('GET', `/api/v1/db/meta/hooks/${hook.id}/logs?limit=2&offset=1`));
    expect(page.list.map((e: Json) => e.record_ids)).toEqual([[2], [1]]);
    expect(page.list[0].seq).toBe(page.list[1].seq + 1);
    expect(page.pageInfo).toMatchObject({ totalRows: 3, pageSize: 2, isLastPage: true });
    expect(page.list[0]).toMatchObject({
      fk_hook_id: hook.id,
      type: 'records.after.insert',
      event: 'after',
      operation: 'insert',
      kind: 'event',
      status: 'succeeded',
      attempts: 1,
      response_code: 200,
      in_flight: false,
      test_call: false,
    });
    expect((await f.t.call('GET', `/api/v2/meta/hooks/${hook.id}/logs?status=lost`)).status).toBe(400);
    expect((await f.t.call('GET', `/api/v2/meta/hooks/${hook.id}/logs?limit=0`)).status).toBe(422);
    expect((await f.t.call('GET', `/api/v2/meta/hooks/${hook.id}/logs/nope`)).body.error).toBe(
      'ERR_DELIVERY_NOT_FOUND',
    );
    expect((await f.t.call('GET', '/api/v2/meta/hooks/hkmissing/logs')).status).toBe(404);
  });

  it('replays one delivery, and a time range, as new deliveries that name the original', async () => {
    const f = fixture();
    const orders = await f.table();
    const hook = await f.addHook(orders, '/replayed');
    const from = new Date(Date.now() - 2000).toISOString();
    ok(await f.t.call('POST', orders.records, { Name: 'first' }));
    ok(await f.t.call('POST', orders.records, { Name: 'second' }));
    await f.receiver.waitFor('two deliveries', () => f.receiver.at('/replayed').length === 2);
    const [first, second] = f.receiver.at('/replayed');
    await logEntry(f, hook.id, (e) => e.id === second?.deliveryId && e.status === 'succeeded');

    const replay = ok(
      await f.t.call('POST', `/api/v2/meta/hooks/${hook.id}/logs/${first?.deliveryId}/replay`),
    );
    expect(replay).toMatchObject({ kind: 'replay', replay_of: first?.deliveryId, status: 'pending' });
    expect(replay.id).not.toBe(first?.deliveryId);
    await f.receiver.waitFor('the replay', () => f.receiver.at('/replayed').length === 3);
    const resent = f.receiver.at('/replayed')[2];
    expect(resent?.deliveryId).toBe(replay.id);
    expect(resent?.json.id).toBe(replay.id);
    expect(resent?.headers['x-tessera-replay-of']).toBe(first?.deliveryId);
    expect(resent?.json.data).toEqual(first?.json.data);

    await logEntry(f, hook.id, (e) => e.id === replay.id && e.status === 'succeeded');
    const range = ok(
      await f.t.call('POST', `/api/v2/meta/hooks/${hook.id}/replay`, {
        from,
        to: new Date(Date.now() + 2000).toISOString(),
      }),
    );
    expect(range.count).toBe(3);
    expect(range.list.map((e: Json) => e.replay_of)).toEqual([
      first?.deliveryId,
      second?.deliveryId,
      replay.id,
    ]);
    await f.receiver.waitFor('the range replay', () => f.receiver.at('/replayed').length === 6);
    expect(
      f.receiver
        .at('/replayed')
        .slice(3)
        .map((r) => r.json.data.rows[0].Name),
    ).toEqual(['first', 'second', 'first']);
    const empty = ok(
      await f.t.call('POST', `/api/v2/meta/hooks/${hook.id}/replay`, {
        from: '2001-01-01',
        to: '2001-01-02',
      }),
    );
    expect(empty.count).toBe(0);
    const backwards = await f.t.call('POST', `/api/v2/meta/hooks/${hook.id}/replay`, {
      from: '2030-01-02',
      to: '2030-01-01',
    });
    expect(backwards.status).toBe(400);
    expect(
      (await f.t.call('POST', `/api/v2/meta/hooks/${hook.id}/replay`, { from: 'soon', to: 'later' })).status,
    ).toBe(400);
    expect((await f.t.call('POST', `/api/v2/meta/hooks/${hook.id}/replay`, {})).status).toBe(400);
    expect((await f.t.call('POST', `/api/v2/meta/hooks/${hook.id}/logs/nope/replay`)).status).toBe(404);
  });
  // Runs last: pruning reaches every hook of the fixture.
  it('prunes finished deliveries past the retention, never open ones', async () => {
    const f = fixture();
    const orders = await f.table();
    const done = await f.addHook(orders, '/pruned');
    const paused = await f.addHook(orders, '/paused', { active: false });
    const { Id: id } = ok(await f.t.call('POST', orders.records, { Name: 'old news' }));
    await logEntry(f, done.id, (e) => e.status === 'succeeded');
    ok(await f.t.call('POST', `/api/v2/meta/hooks/${paused.id}/trigger/${id}`));
    expect(await f.t.store.deliveries.prune('2000-01-01 00:00:00+00:00')).toBe(0);
    expect(await f.t.store.deliveries.prune('9999-12-31 00:00:00+00:00')).toBeGreaterThanOrEqual(1);
    expect(ok(await f.t.call('GET', `/api/v2/meta/hooks/${done.id}/logs`)).list).toEqual([]);
    const open = ok(await f.t.call('GET', `/api/v2/meta/hooks/${paused.id}/logs`)).list;
    expect(open.map((e: Json) => [e.kind, e.status])).toEqual([['trigger', 'pending']]);
  });
});
