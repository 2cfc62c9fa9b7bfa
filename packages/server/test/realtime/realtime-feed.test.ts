// The realtime feed over real WebSockets (GET /api/v2/realtime), on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, setupChange } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { hashSecret, newSecretToken, secretHint } from '../../src/auth/secret-tokens.ts';
import { closeCodes } from '../../src/realtime/realtime-protocol.ts';
import { connectFeed, type FeedClient } from './support/feed-client.ts';
import { rawFeedSocket } from './support/raw-feed-socket.ts';
import { createRealtimeFixture, ok, type RealtimeFixture } from './support/realtime-fixture.ts';

describe.each(testDialects)('the realtime feed on %s', (dialect) => {
  let t: TestApp;
  let url: string;
  let port: number;
  let f: RealtimeFixture;
  const clients: FeedClient[] = [];
  const feed = async (headers: Record<string, string> = { 'xc-token': t.token }, path?: string) => {
    const client = await connectFeed(url, headers, path);
    clients.push(client);
    return client;
  };
  /** A feed authenticated and subscribed; resolves with the `subscribed` message. */
  const subscribed = async (client: FeedClient, subscription: Record<string, unknown>) => {
    const from = client.messages.length;
    client.send({ type: 'subscribe', ...subscription });
    return client.next((m) => m.type === 'subscribed' || m.type === 'error', 5000, from);
  };
  const apiToken = async (userId: string | null, baseIds: string[] | null) => {
    const secret = newSecretToken();
    const token = await t.store.tokens.create(
      {
        tokenHash: hashSecret(secret),
        hint: secretHint(secret),
        description: `feed ${Math.random()}`,
        userId,
        scope: { baseIds, access: 'read' },
        origin: 'api',
        expiresAt: null,
      },
      setupChange,
    );
    return { id: token.id, secret };
  };

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      realtime: { authTimeoutMs: 400, recheckMs: 50, pollMs: 200, maxBufferedBytes: 256 * 1024 },
    });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
    url = `http://127.0.0.1:${port}`;
    f = await createRealtimeFixture(t, dialect);
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await t?.close();
  });

  it('sends a subscriber the live inserts, updates and deletes of a base, each once, with whole rows', async () => {
    const client = await feed();
    await client.next((m) => m.type === 'authenticated');
    const latest = await t.store.events.latest(f.baseId);
    expect(await subscribed(client, { baseId: f.baseId })).toEqual({
      type: 'subscribed',
      baseId: f.baseId,
      tableId: null,
      seq: latest,
    });

    const { Id: id } = ok(await f.insert(f.tableId, { Name: 'Opening' }));
    ok(await t.call('PATCH', `/api/v2/tables/${f.tableId}/records`, { Id: id, Name: 'Opening night' }));
    ok(await t.call('DELETE', `/api/v2/tables/${f.tableId}/records`, { Id: id }));
    const events = await client.waitForEvents(3);
    expect(events.map((e) => [e.seq, e.event, e.tableId, e.recordIds])).toEqual([
      [latest + 1, 'records.insert', f.tableId, [id]],
      [latest + 2, 'records.update', f.tableId, [id]],
      [latest + 3, 'records.delete', f.tableId, [id]],
    ]);
    const [inserted, updated, deleted] = events;
    expect(inserted).toMatchObject({
      baseId: f.baseId,
      bulk: false,
      previous_rows: null,
      actor: { type: 'token' },
    });
    expect(inserted?.rows).toEqual([expect.objectContaining({ Id: id, Name: 'Opening', Notes: null })]);
    expect(inserted?.at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00:00$/);
    expect(updated?.previous_rows).toEqual([expect.objectContaining({ Id: id, Name: 'Opening' })]);
    expect(updated?.rows).toEqual([expect.objectContaining({ Id: id, Name: 'Opening night' })]);
    expect(deleted?.rows).toEqual([expect.objectContaining({ Id: id, Name: 'Opening night' })]);
    // Nothing more arrives (no duplicate from the poll or a second wake-up).
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(client.events()).toHaveLength(3);
  });

  it('resumes from a cursor: writes made while away arrive in order, none twice, then live ones', async () => {
    const first = await feed();
    await subscribed(first, { baseId: f.baseId });
    ok(await f.insert(f.tableId, { Name: 'seen' }));
    const [seen] = await first.waitForEvents(1);
    await first.close();

    // 40 writes while disconnected: more than one page of the catch-up.
    for (let i = 0; i < 20; i++)
      ok(await f.insert(f.tableId, [{ Name: `away ${i}a` }, { Name: `away ${i}b` }]));
    for (let i = 0; i < 20; i++) ok(await f.insert(f.otherTableId, { Name: `away ${i}` }));
    const second = await feed();
    const announced = await subscribed(second, { baseId: f.baseId, after: seen?.seq });
    expect(announced.seq).toBe((seen?.seq as number) + 40);
    // Writers keep going while the backlog is sent: the seam between catch-up and live.
    const during = Array.from({ length: 20 }, (_, i) => f.insert(f.tableId, { Name: `during ${i}` }));
    for (const response of await Promise.all(during)) expect(response.status).toBe(200);
    ok(await f.insert(f.otherTableId, { Name: 'after' }));
    const events = await second.waitForEvents(61);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 61 }, (_, i) => (seen?.seq as number) + i + 1));
    expect(events.at(-1)?.rows[0].Name).toBe('after');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(second.events()).toHaveLength(61);
  });

  it("filters by table, keeps a socket's subscriptions apart, and stops after unsubscribe", async () => {
    const client = await feed();
    expect(await subscribed(client, { baseId: f.baseId, tableId: f.tableId })).toMatchObject({
      type: 'subscribed',
      tableId: f.tableId,
    });
    expect(await subscribed(client, { baseId: f.otherBaseId })).toMatchObject({
      baseId: f.otherBaseId,
      tableId: null,
    });
    ok(await f.insert(f.otherTableId, { Name: 'prop' }));
    ok(await f.insert(f.tableId, { Name: 'scene' }));
    ok(await f.insert(f.foreignTableId, { Name: 'foreign' }));
    const events = await client.waitForEvents(2);
    // Each base is in order; two bases' events may interleave either way.
    expect(events.map((e) => [e.tableId, e.rows[0].Name]).sort()).toEqual(
      [
        [f.tableId, 'scene'],
        [f.foreignTableId, 'foreign'],
      ].sort(),
    );
    const from = client.messages.length;
    client.send({ type: 'unsubscribe', baseId: f.otherBaseId });
    await client.next((m) => m.type === 'unsubscribed', 5000, from);
    ok(await f.insert(f.foreignTableId, { Name: 'unheard' }));
    ok(await f.insert(f.tableId, { Name: 'heard' }));
    const after = await client.waitForEvents(3);
    expect(after.at(-1)?.rows[0].Name).toBe('heard');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(client.events()).toHaveLength(3);
  });

  it('authenticates by xc-auth, by Bearer, and by an auth message as the first message', async () => {
    for (const headers of [f.viewer.headers, { authorization: `Bearer ${f.viewer.headers['xc-auth']}` }]) {
      const client = await feed(headers);
      await client.next((m) => m.type === 'authenticated');
      expect(await subscribed(client, { baseId: f.baseId })).toMatchObject({ type: 'subscribed' });
    }
    const { secret } = await apiToken(f.viewer.id, null);
    const client = await feed({});
    client.send({ type: 'auth', token: secret });
    await client.next((m) => m.type === 'authenticated');
    expect(await subscribed(client, { baseId: f.baseId, tableId: f.tableId })).toMatchObject({
      type: 'subscribed',
    });
    ok(await f.insert(f.tableId, { Name: 'for the viewer' }));
    expect((await client.waitForEvents(1))[0]?.rows[0].Name).toBe('for the viewer');
  });

  it('closes sockets without a valid credential with 4401', async () => {
    const silent = await feed({});
    const notAuth = await feed({});
    notAuth.send({ type: 'subscribe', baseId: f.baseId });
    const badHeader = await feed({ 'xc-token': newSecretToken() });
    const badMessage = await feed({});
    badMessage.send({ type: 'auth', token: 'not-a-token' });
    const inUrl = await feed({}, `/api/v2/realtime?token=${t.token}`);
    for (const client of [silent, notAuth, badHeader, badMessage, inUrl])
      expect((await client.closed).code).toBe(closeCodes.unauthenticated);
    for (const client of [silent, notAuth, badHeader, badMessage, inUrl]) expect(client.events()).toEqual([]);
  });

  it('answers subscriptions the caller may not have with an error, and the socket stays usable', async () => {
    const scoped = await apiToken(null, [f.otherBaseId]);
    const cases: [Record<string, string>, Record<string, unknown>, string][] = [
      [{ 'xc-token': t.token }, { baseId: 'pnosuchbase' }, 'ERR_BASE_NOT_FOUND'],
      [f.outsider.headers, { baseId: f.baseId }, 'ERR_FORBIDDEN'],
      [{ 'xc-token': scoped.secret }, { baseId: f.baseId }, 'ERR_FORBIDDEN'],
      [{ 'xc-token': t.token }, { baseId: f.baseId, tableId: f.foreignTableId }, 'ERR_TABLE_NOT_FOUND'],
      [{ 'xc-token': t.token }, { baseId: f.baseId, tableId: 'mnosuchtable' }, 'ERR_TABLE_NOT_FOUND'],
    ];
    for (const [headers, subscription, code] of cases) {
      const client = await feed(headers);
      const answer = await subscribed(client, subscription);
      expect(answer, JSON.stringify(subscription)).toMatchObject({
        type: 'error',
        code,
        baseId: subscription.baseId,
      });
      const from = client.messages.length;
      client.send({ type: 'ping' });
      await client.next((m) => m.type === 'pong', 5000, from);
    }
    ok(await f.insert(f.tableId, { Name: 'not for outsiders' }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    for (const client of clients.slice(-cases.length)) expect(client.events()).toEqual([]);
  });

  it('closes the socket when its member is removed (4403) or its token revoked (4401)', async () => {
    const member = await createTestUser(t, `leaving-${dialect}@example.com`, {
      membership: { baseId: f.baseId, role: 'editor' },
    });
    const token = await apiToken(f.viewer.id, null);
    const removed = await feed(member.headers);
    const revoked = await feed({ 'xc-token': token.secret });
    const staying = await feed(f.viewer.headers);
    for (const client of [removed, revoked, staying]) await subscribed(client, { baseId: f.baseId });
    ok(await t.call('DELETE', `/api/v2/meta/bases/${f.baseId}/users/${member.id}`));
    await t.store.tokens.revoke(token.id, setupChange);
    await new Promise((resolve) => setTimeout(resolve, 100));
    ok(await f.insert(f.tableId, { Name: 'after the change' }));
    expect((await removed.closed).code).toBe(closeCodes.forbidden);
    expect((await revoked.closed).code).toBe(closeCodes.unauthenticated);
    expect((await staying.waitForEvents(1))[0]?.rows[0].Name).toBe('after the change');
    expect(removed.events()).toEqual([]);
    expect(revoked.events()).toEqual([]);
  });

  it('answers malformed messages with an error and stays usable', async () => {
    const client = await feed();
    await client.next((m) => m.type === 'authenticated');
    const bad: [unknown, string][] = [
      ['not json', 'ERR_INVALID_JSON'],
      [[1, 2], 'ERR_INVALID_REQUEST_BODY'],
      [{ type: 'dance' }, 'ERR_INVALID_REQUEST_BODY'],
      [{ type: 'subscribe' }, 'ERR_INVALID_REQUEST_BODY'],
      [{ type: 'subscribe', baseId: 42 }, 'ERR_INVALID_REQUEST_BODY'],
      [{ type: 'subscribe', baseId: f.baseId, after: -1 }, 'ERR_INVALID_CURSOR'],
      [{ type: 'subscribe', baseId: f.baseId, after: 'soon' }, 'ERR_INVALID_CURSOR'],
      [{ type: 'subscribe', baseId: f.baseId, after: 1.5 }, 'ERR_INVALID_CURSOR'],
      [{ type: 'auth', token: '' }, 'ERR_INVALID_REQUEST_BODY'],
      [{ type: 'auth', token: 'wrong' }, 'ERR_AUTHENTICATION_REQUIRED'],
    ];
    for (const [message, code] of bad) {
      const from = client.messages.length;
      client.send(message);
      expect(await client.next(() => true, 5000, from), JSON.stringify(message)).toMatchObject({
        type: 'error',
        code,
      });
    }
    expect(await subscribed(client, { baseId: f.baseId })).toMatchObject({ type: 'subscribed' });
    ok(await f.insert(f.tableId, { Name: 'still listening' }));
    expect((await client.waitForEvents(1))[0]?.rows[0].Name).toBe('still listening');
  });

  it('closes a consumer that stops reading with 4408; resuming from its last seq loses nothing', async () => {
    const raw = await rawFeedSocket(port, { 'xc-token': t.token });
    const start = await t.store.events.latest(f.baseId);
    raw.sendJson({ type: 'subscribe', baseId: f.baseId, tableId: f.otherTableId });
    await new Promise((resolve) => setTimeout(resolve, 200));
    raw.pause();
    // About 1 MB per event, 12 MB in all: more than the kernel's socket buffers hold.
    const notes = 'n'.repeat(10_000);
    const batches = 12;
    for (let i = 0; i < batches; i++)
      ok(
        await f.insert(
          f.otherTableId,
          Array.from({ length: 100 }, (_, j) => ({ Name: `bulk ${i}.${j}`, Notes: notes })),
        ),
      );
    raw.resume();
    const end = await raw.ended;
    expect(end.closeCode).toBe(closeCodes.slowConsumer);
    const received = end.messages.filter((m) => m.type === 'event').map((m) => m.seq as number);
    expect(received.length).toBeLessThan(batches);
    expect(received).toEqual(Array.from({ length: received.length }, (_, i) => start + i + 1));

    const resumed = await feed();
    await subscribed(resumed, { baseId: f.baseId, tableId: f.otherTableId, after: received.at(-1) ?? start });
    const rest = await resumed.waitForEvents(batches - received.length, 15_000);
    expect([...received, ...rest.map((e) => e.seq)]).toEqual(
      Array.from({ length: batches }, (_, i) => start + i + 1),
    );
  }, 60_000);

  it('refuses a cursor ahead of the base, and one whose events were pruned', async () => {
    const client = await feed();
    const latest = await t.store.events.latest(f.baseId);
    expect(await subscribed(client, { baseId: f.baseId, after: latest + 1 })).toMatchObject({
      type: 'error',
      code: 'ERR_INVALID_CURSOR',
      details: { latest },
    });
    await t.store.events.prune('9999-01-01 00:00:00+00:00');
    expect(await subscribed(client, { baseId: f.baseId, tableId: f.tableId, after: 1 })).toMatchObject({
      type: 'error',
      code: 'ERR_CURSOR_EXPIRED',
      baseId: f.baseId,
      tableId: f.tableId,
    });
    expect(await subscribed(client, { baseId: f.baseId, after: latest })).toMatchObject({
      type: 'subscribed',
      seq: latest,
    });
    ok(await f.insert(f.tableId, { Name: 'after pruning' }));
    expect((await client.waitForEvents(1))[0]?.seq).toBe(latest + 1);
  });

  it('answers a plain GET (no Upgrade) with 426', async () => {
    const response = await t.call('GET', '/api/v2/realtime');
    expect(response.status).toBe(426);
    expect(response.body.error).toBe('ERR_UPGRADE_REQUIRED');
    expect(response.headers.upgrade).toBe('websocket');
  });
});

describe.each(testDialects)('realtime heartbeats on %s', (dialect) => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await createTestApp(dialect, { realtime: { heartbeatMs: 150 } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as { port: number }).port;
  });
  afterAll(async () => t?.close());

  it('drops a peer that stops answering pings, and keeps one that answers', async () => {
    const baseId = ok(await t.call('POST', '/api/v2/meta/bases', { title: 'Pings' })).id;
    const alive = await connectFeed(`http://127.0.0.1:${port}`, { 'xc-token': t.token });
    const raw = await rawFeedSocket(port, { 'xc-token': t.token });
    raw.sendJson({ type: 'subscribe', baseId });
    const end = await raw.ended;
    expect(end.pings).toBeGreaterThanOrEqual(1);
    expect(end.closeCode).toBeUndefined();
    expect(end.messages.map((m) => m.type)).toEqual(['authenticated', 'subscribed']);
    await new Promise((resolve) => setTimeout(resolve, 400));
    alive.send({ type: 'ping' });
    await alive.next((m) => m.type === 'pong');
    await alive.close();
  });
});
