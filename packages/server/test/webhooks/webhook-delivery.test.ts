// Webhooks delivered to a real HTTP receiver: the envelope of every operation, signatures,
// custom headers and parameters, bulk writes, and conditions (where, hook filters, trigger fields).
import { createHmac, timingSafeEqual } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { hookBody, ok, useWebhookFixture } from './support/webhook-app.ts';

/** What a receiver does: recompute the signature over `<timestamp>.<raw body>` and compare. */
function signatureValid(secret: string, headers: Record<string, unknown>, body: string): boolean {
  const timestamp = String(headers['x-tessera-timestamp']);
  const expected = `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
  const given = Buffer.from(String(headers['x-tessera-signature'] ?? ''));
  return given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
}

describe.each(testDialects)('webhook delivery on %s', (dialect) => {
  const fixture = useWebhookFixture(dialect);

  it('sends each insert, update and delete as a signed v3 envelope with the whole rows', async () => {
    const { t, receiver, baseId, table } = fixture();
    const orders = await table('Signed Orders');
    const created = ok(
      await t.call(
        'POST',
        `/api/v2/meta/tables/${orders.id}/hooks`,
        hookBody(receiver, '/signed', {
          secret: true,
          notification: {
            type: 'URL',
            payload: {
              method: 'POST',
              path: receiver.url('/signed'),
              headers: [
                { name: 'Authorization', value: 'Bearer n8n-credential', enabled: true },
                { name: 'X-Disabled', value: 'no', enabled: false },
                {},
              ],
              parameters: [{ name: 'source', value: 'tessera', enabled: true }],
            },
          },
        }),
      ),
    );
    expect(created.secret).toMatch(/^whsec_[0-9a-f]{64}$/);
    const secret = created.secret as string;

    const { Id: id } = ok(await t.call('POST', orders.records, { Name: 'Lamp', Score: 3 }));
    ok(await t.call('PATCH', orders.records, { Id: id, Stage: 'paid' }));
    ok(await t.call('DELETE', orders.records, { Id: id }));
    await receiver.waitFor('three deliveries', () => receiver.at('/signed').length === 3);

    const [insert, update, remove] = receiver.at('/signed');
    expect([insert, update, remove].map((r) => r?.json.type)).toEqual([
      'records.after.insert',
      'records.after.update',
      'records.after.delete',
    ]);
    for (const request of [insert, update, remove]) {
      expect(request?.method).toBe('POST');
      expect(request?.path).toBe('/signed?source=tessera');
      expect(request?.headers['content-type']).toBe('application/json');
      expect(request?.headers.authorization).toBe('Bearer n8n-credential');
      expect(request?.headers['x-disabled']).toBeUndefined();
      expect(request?.headers['x-tessera-hook']).toBe(created.id);
      expect(request?.headers['x-tessera-event']).toBe(request?.json.type);
      expect(request?.headers['x-tessera-delivery']).toBe(request?.json.id);
      expect(request?.headers['x-tessera-attempt']).toBe('1');
      expect(Math.abs(Number(request?.headers['x-tessera-timestamp']) - Date.now() / 1000)).toBeLessThan(30);
      expect(signatureValid(secret, request?.headers ?? {}, request?.body ?? '')).toBe(true);
      expect(
        signatureValid('another secret of some length', request?.headers ?? {}, request?.body ?? ''),
      ).toBe(false);
      expect(request?.json).toMatchObject({ base_id: baseId, version: 'v3', data: { table_id: orders.id } });
      expect(request?.json.data.table_name).toBe('Signed Orders');
    }
    expect(new Set([insert, update, remove].map((r) => r?.deliveryId)).size).toBe(3);
    expect(insert?.json.data.rows).toEqual([
      expect.objectContaining({ Id: id, Name: 'Lamp', Score: 3, Stage: null }),
    ]);
    expect(insert?.json.data.previous_rows).toBeUndefined();
    expect(update?.json.data.rows).toEqual([
      expect.objectContaining({ Id: id, Name: 'Lamp', Stage: 'paid' }),
    ]);
    expect(update?.json.data.previous_rows).toEqual([expect.objectContaining({ Id: id, Stage: null })]);
    expect(remove?.json.data.rows).toEqual([
      expect.objectContaining({ Id: id, Name: 'Lamp', Stage: 'paid' }),
    ]);
    expect(remove?.json.data.previous_rows).toBeUndefined();
  });

  it('sends a bulk write as one delivery, typed as the single operation (v3), listing every row', async () => {
    const { t, receiver, table, addHook } = fixture();
    const orders = await table();
    const hook = await addHook(orders, '/bulk');
    const inserted = ok(
      await t.call('POST', orders.records, [{ Name: 'a' }, { Name: 'b' }, { Name: 'c' }]),
    ) as { Id: number }[];
    ok(
      await t.call(
        'PATCH',
        orders.records,
        inserted.map((r) => ({ Id: r.Id, Score: 7 })),
      ),
    );
    ok(
      await t.call(
        'DELETE',
        orders.records,
        inserted.slice(0, 2).map((r) => ({ Id: r.Id })),
      ),
    );
    await receiver.waitFor('three bulk deliveries', () => receiver.at('/bulk').length === 3);
    const [insert, update, remove] = receiver.at('/bulk');
    expect(insert?.json.type).toBe('records.after.insert');
    expect(insert?.json.data.rows.map((r: { Name: string }) => r.Name)).toEqual(['a', 'b', 'c']);
    expect(update?.json.type).toBe('records.after.update');
    expect(update?.json.data.rows.map((r: { Score: number }) => r.Score)).toEqual([7, 7, 7]);
    expect(update?.json.data.previous_rows.map((r: { Score: number | null }) => r.Score)).toEqual([
      null,
      null,
      null,
    ]);
    expect(remove?.json.type).toBe('records.after.delete');
    expect(remove?.json.data.rows.map((r: { Id: number }) => r.Id)).toEqual(
      inserted.slice(0, 2).map((r) => r.Id),
    );
    const log = ok(await t.call('GET', `/api/v2/meta/hooks/${hook.id}/logs`));
    expect(log.list.map((e: { operation: string }) => e.operation)).toEqual([
      'bulkDelete',
      'bulkUpdate',
      'bulkInsert',
    ]);
  });

  it('fires only on the operations asked for; bulkInsert alone skips single inserts', async () => {
    const { t, receiver, table, addHook } = fixture();
    const orders = await table();
    await addHook(orders, '/only-bulk', { operation: ['bulkInsert'] });
    await addHook(orders, '/only-delete', { operation: 'delete' });
    const { Id: single } = ok(await t.call('POST', orders.records, { Name: 'single' }));
    ok(await t.call('POST', orders.records, [{ Name: 'x' }, { Name: 'y' }]));
    ok(await t.call('PATCH', orders.records, { Id: single, Score: 1 }));
    ok(await t.call('DELETE', orders.records, { Id: single }));
    await receiver.waitFor('the delete', () => receiver.at('/only-delete').length === 1);
    await receiver.waitFor('the bulk insert', () => receiver.at('/only-bulk').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.at('/only-bulk').map((r) => r.json.data.rows.length)).toEqual([2]);
    expect(receiver.at('/only-delete').map((r) => r.json.data.rows[0].Id)).toEqual([single]);
  });

  it('sends only rows matching `where`: the new row, or for a delete the old one; bulk keeps the matching rows', async () => {
    const { t, receiver, table, addHook } = fixture();
    const orders = await table();
    await addHook(orders, '/paid', { where: '(Stage,eq,paid)~and(Score,gt,5)' });
    const rows = ok(
      await t.call('POST', orders.records, [
        { Name: 'cheap', Stage: 'paid', Score: 1 },
        { Name: 'big', Stage: 'paid', Score: 9 },
        { Name: 'open', Stage: 'new', Score: 9 },
      ]),
    ) as { Id: number }[];
    const [cheap, big, open] = rows.map((r) => r.Id);
    ok(await t.call('PATCH', orders.records, { Id: open, Stage: 'paid' }));
    ok(await t.call('PATCH', orders.records, { Id: cheap, Name: 'still cheap' }));
    ok(await t.call('DELETE', orders.records, { Id: big }));
    ok(await t.call('DELETE', orders.records, { Id: cheap }));
    await receiver.waitFor('three matching deliveries', () => receiver.at('/paid').length === 3);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const got = receiver
      .at('/paid')
      .map((r) => [r.json.type, r.json.data.rows.map((row: { Id: number }) => row.Id)]);
    expect(got).toEqual([
      ['records.after.insert', [big]],
      ['records.after.update', [open]],
      ['records.after.delete', [big]],
    ]);
  });

  it('sends updates only when a trigger field changed', async () => {
    const { t, receiver, table, addHook } = fixture();
    const orders = await table();
    await addHook(orders, '/stage-changes', { trigger_field: true, trigger_fields: ['Stage'] });
    const { Id: id } = ok(await t.call('POST', orders.records, { Name: 'n', Stage: 'new' }));
    ok(await t.call('PATCH', orders.records, { Id: id, Name: 'renamed' }));
    ok(await t.call('PATCH', orders.records, { Id: id, Stage: 'new' }));
    ok(await t.call('PATCH', orders.records, { Id: id, Stage: 'shipped', Name: 'gone' }));
    await receiver.waitFor('two deliveries', () => receiver.at('/stage-changes').length === 2);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const got = receiver.at('/stage-changes').map((r) => [r.json.type, r.json.data.rows[0].Stage]);
    // The insert is not an update, so trigger fields do not hold it back.
    expect(got).toEqual([
      ['records.after.insert', 'new'],
      ['records.after.update', 'shipped'],
    ]);
  });

  it('applies NocoDB hook filters when `condition` is on, and the `where` together with them', async () => {
    const { t, receiver, table, addHook } = fixture();
    const orders = await table();
    const hook = await addHook(orders, '/filtered', { condition: true, where: '(Name,like,keep)' });
    const group = ok(
      await t.call('POST', `/api/v1/db/meta/hooks/${hook.id}/filters`, { is_group: true, logical_op: 'and' }),
    );
    ok(
      await t.call('POST', `/api/v2/meta/hooks/${hook.id}/filters`, {
        fk_parent_id: group.id,
        fk_column_id: orders.fields.Done,
        comparison_op: 'checked',
      }),
    );
    ok(
      await t.call('POST', `/api/v2/meta/hooks/${hook.id}/filters`, {
        fk_parent_id: group.id,
        fk_column_id: orders.fields.Score,
        comparison_op: 'gte',
        value: '10',
        logical_op: 'or',
      }),
    );
    const listed = ok(await t.call('GET', `/api/v2/meta/hooks/${hook.id}/filters`));
    expect(listed.list).toHaveLength(3);
    expect(listed.list[1]).toMatchObject({
      fk_hook_id: hook.id,
      fk_parent_id: group.id,
      comparison_op: 'checked',
    });

    ok(
      await t.call('POST', orders.records, [
        { Name: 'keep done', Done: true },
        { Name: 'keep big', Score: 12 },
        { Name: 'keep neither', Score: 1 },
        { Name: 'drop done', Done: true },
      ]),
    );
    await receiver.waitFor('the filtered bulk insert', () => receiver.at('/filtered').length === 1);
    expect(receiver.at('/filtered')[0]?.json.data.rows.map((r: { Name: string }) => r.Name)).toEqual([
      'keep done',
      'keep big',
    ]);

    // Condition off: the hook filters no longer apply, the where still does.
    ok(await t.call('PATCH', `/api/v2/meta/hooks/${hook.id}`, { condition: false }));
    ok(await t.call('POST', orders.records, [{ Name: 'keep anything' }, { Name: 'drop it' }]));
    await receiver.waitFor('the second insert', () => receiver.at('/filtered').length === 2);
    expect(receiver.at('/filtered')[1]?.json.data.rows.map((r: { Name: string }) => r.Name)).toEqual([
      'keep anything',
    ]);

    // Removing the group removes what is inside it.
    ok(await t.call('PATCH', `/api/v2/meta/hooks/${hook.id}/filters/${listed.list[2].id}`, { value: '20' }));
    expect(ok(await t.call('GET', `/api/v2/meta/hooks/${hook.id}/filters`)).list[2].value).toBe('20');
    expect(ok(await t.call('DELETE', `/api/v2/meta/hooks/${hook.id}/filters/${group.id}`))).toBe(true);
    expect(ok(await t.call('GET', `/api/v2/meta/hooks/${hook.id}/filters`)).list).toEqual([]);
  });

  it('sends link changes to hooks that ask for them, with what was linked', async () => {
    const { t, receiver, table, addHook } = fixture();
    const orders = await table();
    const withLink = ok(
      await t.call('POST', `/api/v2/meta/tables/${orders.id}/columns`, {
        title: 'Parts',
        uidt: 'Links',
        type: 'hm',
        childId: orders.id,
      }),
    );
    const linkField = withLink.columns.find((c: { title: string }) => c.title === 'Parts').id;
    await addHook(orders, '/links', { operation: ['link', 'unlink'] });
    await addHook(orders, '/no-links');
    const [parent, child] = (
      ok(await t.call('POST', orders.records, [{ Name: 'kit' }, { Name: 'bolt' }])) as { Id: number }[]
    ).map((r) => r.Id);
    const links = `/api/v2/tables/${orders.id}/links/${linkField}/records/${parent}`;
    ok(await t.call('POST', links, [{ Id: child }]));
    ok(await t.call('DELETE', links, [{ Id: child }]));
    await receiver.waitFor('link and unlink', () =>
      receiver.at('/links').some((r) => r.json.type === 'records.after.unlink'),
    );
    const types = receiver.at('/links').map((r) => r.json.type);
    expect(types).toContain('records.after.link');
    expect(types.every((type) => type === 'records.after.link' || type === 'records.after.unlink')).toBe(
      true,
    );
    const link = receiver.at('/links').find((r) => r.json.type === 'records.after.link');
    expect(link?.json.data.rows).toHaveLength(1);
    expect(link?.json.data.details).toMatchObject({
      field: expect.any(String),
      field_id: expect.any(String),
      linked_ids: expect.any(Array),
    });
    await receiver.waitFor('the bulk insert only', () => receiver.at('/no-links').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.at('/no-links').map((r) => r.json.type)).toEqual(['records.after.insert']);
  });

  it('keeps the rows of the moment: a later change does not alter a queued delivery (no stale payloads)', async () => {
    const { t, receiver, table, addHook } = fixture();
    const orders = await table();
    receiver.answer('/moment', (_request, index) => (index === 0 ? { status: 503 } : { status: 200 }));
    await addHook(orders, '/moment');
    const { Id: id } = ok(await t.call('POST', orders.records, { Name: 'first' }));
    await receiver.waitFor('the failing first try', () => receiver.at('/moment').length === 1);
    ok(await t.call('PATCH', orders.records, { Id: id, Name: 'second' }));
    await receiver.waitFor('the retry and the update', () => receiver.distinct('/moment').length === 2);
    const [insert, update] = receiver.distinct('/moment');
    const retried = receiver.at('/moment').filter((r) => r.deliveryId === insert?.deliveryId);
    expect(retried.map((r) => r.json.data.rows[0].Name)).toEqual(['first', 'first']);
    expect(update?.json.data.rows[0].Name).toBe('second');
    expect(update?.json.data.previous_rows[0].Name).toBe('first');
  });
});
