// The pure rules of webhook delivery: which addresses are refused, when a failure is retried
// and how long the wait is, how outbox events map to hook operations and envelopes (link
// changes included), and how the request is signed.
import { createHmac } from 'node:crypto';
import type { TableModel } from '@tessera/core';
import type { HookModel, RecordEvent } from '@tessera/store';
import { describe, expect, it } from 'vitest';
import { deliveryPlan } from '../../src/webhooks/delivery-planner.ts';
import { deliveryRequest } from '../../src/webhooks/delivery-request.ts';
import { envelopeType, hookFiresOn, operationOf } from '../../src/webhooks/payload-builder.ts';
import { nextState, retryDelayMs, verdictOf } from '../../src/webhooks/retry-policy.ts';
import { refusedAddressReason } from '../../src/webhooks/ssrf-guard.ts';
import type { SendResult } from '../../src/webhooks/webhook-sender.ts';

describe('refusedAddressReason', () => {
  const privateAddresses = [
    '127.0.0.1',
    '127.8.9.10',
    '10.0.0.1',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '100.64.0.1',
    '100.127.255.255',
    '169.254.1.1',
    '0.0.0.0',
    '224.0.0.1',
    '255.255.255.255',
    '198.18.0.1',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1%eth0',
    'ff02::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '64:ff9b::a00:1',
  ];
  const publicAddresses = [
    '8.8.8.8',
    '1.1.1.1',
    '172.32.0.1',
    '100.128.0.1',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ];
  const metadata = [
    '169.254.169.254',
    'fd00:ec2::254',
    '::ffff:169.254.169.254',
    '::ffff:a9fe:a9fe',
    '100.100.100.200',
    '169.254.170.2',
  ];

  it.each(privateAddresses)('deny refuses the private address %s; allow lets it through', (address) => {
    expect(refusedAddressReason(address, 'deny')).toMatch(/private address/);
    expect(refusedAddressReason(address, 'allow')).toBeNull();
  });
  it.each(publicAddresses)('lets the public address %s through', (address) => {
    expect(refusedAddressReason(address, 'deny')).toBeNull();
    expect(refusedAddressReason(address, 'allow')).toBeNull();
  });
  it.each(metadata)('always refuses the metadata address %s', (address) => {
    expect(refusedAddressReason(address, 'allow')).toMatch(/metadata/);
    expect(refusedAddressReason(address, 'deny')).toMatch(/metadata/);
  });
});

function result(statusCode: number | null, extra: Partial<SendResult> = {}): SendResult {
  return {
    statusCode,
    latencyMs: 5,
    excerpt: null,
    error: null,
    refused: false,
    retryAfterMs: null,
    ...extra,
  };
}

describe('retries', () => {
  const settings = { maxAttempts: 10, retryBaseMs: 10_000, retryMaxMs: 86_400_000 };

  it('succeeds on 2xx, retries network errors, 5xx, 404, 408, 425 and 429, gives up on other answers', () => {
    expect([200, 201, 204].map((code) => verdictOf(result(code)))).toEqual([
      'succeeded',
      'succeeded',
      'succeeded',
    ]);
    expect([null, 500, 502, 503, 404, 408, 425, 429].map((code) => verdictOf(result(code)))).toEqual(
      Array(8).fill('retry'),
    );
    expect([301, 302, 400, 401, 403, 410, 413, 422].map((code) => verdictOf(result(code)))).toEqual(
      Array(8).fill('final'),
    );
    expect(verdictOf(result(null, { refused: true }))).toBe('final');
  });

  it('waits three times longer after each attempt, ±20 %, capped; about 10 tries over about a day', () => {
    const middle = () => 0.5;
    const waits = Array.from({ length: 9 }, (_, i) => retryDelayMs(i + 1, settings, null, middle));
    expect(waits).toEqual([
      10_000, 30_000, 90_000, 270_000, 810_000, 2_430_000, 7_290_000, 21_870_000, 65_610_000,
    ]);
    const total = waits.reduce((sum, wait) => sum + wait, 0);
    expect(total / 3_600_000).toBeGreaterThan(20);
    expect(total / 3_600_000).toBeLessThan(36);
    expect(retryDelayMs(1, settings, null, () => 0)).toBe(8000);
    expect(retryDelayMs(1, settings, null, () => 1)).toBe(12_000);
    expect(retryDelayMs(30, settings, null, () => 1)).toBe(86_400_000);
    expect(retryDelayMs(1, settings, 120_000, middle)).toBe(120_000);
  });

  it('marks a delivery dead after the last attempt or a final answer', () => {
    expect(nextState(result(503), 9, settings, 1000)).toMatchObject({ status: 'failed-retrying' });
    expect(nextState(result(503), 10, settings, 1000)).toEqual({ status: 'dead', nextAttemptAt: 1000 });
    expect(nextState(result(400), 1, settings, 1000).status).toBe('dead');
    expect(nextState(result(200), 7, settings, 1000).status).toBe('succeeded');
  });
});

describe('operations and envelopes', () => {
  it('maps outbox events to operations, bulk and link changes included', () => {
    expect(operationOf({ type: 'records.insert', bulk: false })).toBe('insert');
    expect(operationOf({ type: 'records.update', bulk: true })).toBe('bulkUpdate');
    expect(operationOf({ type: 'records.delete', bulk: true })).toBe('bulkDelete');
    expect(operationOf({ type: 'records.link', bulk: true })).toBe('link');
    expect(operationOf({ type: 'records.unlink', bulk: false })).toBe('unlink');
    expect(hookFiresOn(['insert'], 'bulkInsert')).toBe(true);
    expect(hookFiresOn(['bulkInsert'], 'insert')).toBe(false);
    expect(hookFiresOn(['insert', 'update'], 'link')).toBe(false);
    expect(envelopeType('bulkDelete', 'v3')).toBe('records.after.delete');
    expect(envelopeType('bulkDelete', 'v2')).toBe('records.after.bulkDelete');
    expect(envelopeType('link', 'v3')).toBe('records.after.link');
    expect(envelopeType('trigger', 'v3')).toBe('records.manual.trigger');
  });

  const table = {
    id: 'mtable',
    baseId: 'pbase',
    title: 'Tasks',
    fields: [
      { id: 'cid', title: 'Id', columnName: 'id', uidt: 'ID', pk: true, options: [], meta: {} },
      { id: 'cname', title: 'Name', columnName: 'name', uidt: 'SingleLineText', options: [], meta: {} },
    ],
  } as unknown as TableModel;
  const hook = (operations: HookModel['operations'], where: string | null = null) =>
    ({
      id: 'hk1',
      baseId: 'pbase',
      tableId: 'mtable',
      version: 'v3',
      operations,
      where,
      useFilters: false,
      filters: [],
      triggerFields: [],
    }) as unknown as HookModel;
  const linkEvent: RecordEvent = {
    baseId: 'pbase',
    seq: 7,
    tableId: 'mtable',
    type: 'records.link',
    bulk: false,
    recordIds: [1, 2],
    rows: [
      { Id: 1, Name: 'keep' },
      { Id: 2, Name: 'drop' },
    ],
    previousRows: null,
    details: { field: 'Owners', linked: [5] },
    actor: { type: 'token', id: null, userId: null },
    createdAt: '2024-01-01 00:00:00+00:00',
  };

  it('sends link changes to hooks that ask for them, with the details and only matching rows', () => {
    expect(deliveryPlan(table)(hook(['insert', 'update', 'delete']), [linkEvent])).toEqual([]);
    const [draft] = deliveryPlan(table)(hook(['link', 'unlink'], '(Name,eq,keep)'), [linkEvent]);
    expect(draft).toMatchObject({
      seq: 7,
      kind: 'event',
      type: 'records.after.link',
      operation: 'link',
      recordIds: [1],
    });
    const envelope = JSON.parse(draft?.payload ?? '{}');
    expect(envelope).toMatchObject({
      id: draft?.id,
      type: 'records.after.link',
      base_id: 'pbase',
      version: 'v3',
      data: {
        table_id: 'mtable',
        table_name: 'Tasks',
        rows: [{ Id: 1, Name: 'keep' }],
        details: { field: 'Owners' },
      },
    });
  });

  it('makes deliveries dead at once, with the reason, when the condition no longer fits the table', () => {
    const [draft] = deliveryPlan(table)(hook(['link'], '(Gone,eq,1)'), [linkEvent]);
    expect(draft?.deadReason).toMatch(/condition cannot be evaluated: Column alias 'Gone' not found/);
    expect(JSON.parse(draft?.payload ?? '{}').data.rows).toHaveLength(2);
  });

  it('signs `<timestamp>.<body>` and sends no body for GET', () => {
    const notification = {
      type: 'URL' as const,
      payload: {
        method: 'POST',
        path: 'https://example.com/in?a=1',
        body: null,
        headers: [],
        parameters: [{ name: 'b', value: '2', enabled: true }],
        auth: null,
      },
    };
    const request = deliveryRequest(
      notification,
      'k'.repeat(20),
      '{"x":1}',
      { deliveryId: 'd1', hookId: 'hk1', type: 'records.after.insert', attempt: 2 },
      1_700_000_000_123,
    );
    expect(request.url).toBe('https://example.com/in?a=1&b=2');
    expect(request.headers['x-tessera-timestamp']).toBe('1700000000');
    expect(request.headers['x-tessera-signature']).toBe(
      `sha256=${createHmac('sha256', 'k'.repeat(20)).update('1700000000.{"x":1}').digest('hex')}`,
    );
    const get = deliveryRequest(
      { ...notification, payload: { ...notification.payload, method: 'GET' } },
      null,
      '{"x":1}',
      { deliveryId: 'd1', hookId: 'hk1', type: 't', attempt: 1 },
    );
    expect(get.body).toBeNull();
    expect(get.headers['x-tessera-signature']).toBeUndefined();
  });
});
