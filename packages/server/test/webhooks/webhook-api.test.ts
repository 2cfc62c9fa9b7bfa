// The hook API: NocoDB's HookReq in and hook objects out, secrets shown once, bad input as 4xx
// with nothing written, audit entries, test calls, sample payloads, manual triggers, and the
// SSRF rules for targets.
import { describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { hookBody, logEntry, ok, useWebhookFixture } from './support/webhook-app.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
type Json = any;

describe.each(testDialects)('the hook API on %s', (dialect) => {
  const fixture = useWebhookFixture(dialect);

  it('creates, lists, reads, changes and deletes hooks in NocoDB shapes, under v2 and v1 paths', async () => {
    const { t, receiver, baseId, table, addHook } = fixture();
    const orders = await table();
    const created = ok(
      await t.call(
        'POST',
        `/api/v1/db/meta/tables/${orders.id}/hooks`,
        hookBody(receiver, '/crud', { title: 'To n8n', operation: 'insert', retries: 2, timeout: 5000 }),
      ),
    );
    expect(created).toMatchObject({
      id: expect.stringMatching(/^hk[0-9a-z]{14}$/),
      base_id: baseId,
      fk_model_id: orders.id,
      title: 'To n8n',
      event: 'after',
      operation: ['insert'],
      version: 'v3',
      active: true,
      condition: false,
      url: receiver.url('/crud'),
      notification: { type: 'URL', payload: { method: 'POST', path: receiver.url('/crud') } },
      retries: 2,
      timeout: 5000,
      has_secret: false,
      secret_hint: null,
      trigger_field: false,
      trigger_fields: [],
    });
    expect(created.secret).toBeUndefined();

    const listed = ok(await t.call('GET', `/api/v2/meta/tables/${orders.id}/hooks`));
    expect(listed.list.map((h: Json) => h.id)).toEqual([created.id]);
    expect(listed.pageInfo.totalRows).toBe(1);
    expect(ok(await t.call('GET', `/api/v1/db/meta/hooks/${created.id}`)).title).toBe('To n8n');

    const changed = ok(
      await t.call('PATCH', `/api/v2/meta/hooks/${created.id}`, {
        title: 'Renamed',
        operation: ['insert', 'bulkUpdate'],
        secret: 'a-secret-the-client-chose-1234',
      }),
    );
    expect(changed).toMatchObject({
      title: 'Renamed',
      operation: ['insert', 'bulkUpdate'],
      has_secret: true,
    });
    expect(changed.secret_hint).toBe('…1234');
    expect(changed.secret).toBeUndefined();

    const rotated = ok(await t.call('PATCH', `/api/v2/meta/hooks/${created.id}`, { secret: true }));
    expect(rotated.secret).toMatch(/^whsec_/);
    expect(rotated.secret_hint).toBe(`…${rotated.secret.slice(-4)}`);
    const readBack = ok(await t.call('GET', `/api/v2/meta/hooks/${created.id}`));
    expect(JSON.stringify(readBack)).not.toContain(rotated.secret);
    expect(JSON.stringify(ok(await t.call('GET', `/api/v2/meta/tables/${orders.id}/hooks`)))).not.toContain(
      rotated.secret,
    );
    expect(ok(await t.call('PATCH', `/api/v2/meta/hooks/${created.id}`, { secret: null })).has_secret).toBe(
      false,
    );

    expect(ok(await t.call('DELETE', `/api/v1/db/meta/hooks/${created.id}`))).toBe(true);
    expect((await t.call('GET', `/api/v2/meta/hooks/${created.id}`)).body.error).toBe('ERR_HOOK_NOT_FOUND');
    expect((await t.call('GET', `/api/v2/meta/hooks/${created.id}/logs`)).status).toBe(404);

    const audit = ok(
      await t.call('GET', `/api/v2/meta/bases/${baseId}/audits?targetId=${created.id}&limit=100`),
    );
    const actions = audit.list.map((e: Json) => e.action);
    expect(actions).toEqual(['hook.delete', 'hook.update', 'hook.update', 'hook.update', 'hook.create']);
    expect(audit.list[3].details).toMatchObject({
      before: { title: 'To n8n', has_secret: false },
      after: { title: 'Renamed', has_secret: true },
    });
    const trail = JSON.stringify(audit.list);
    expect(trail).not.toContain(rotated.secret);
    expect(trail).not.toContain('a-secret-the-client-chose');

    // A table takes its hooks (and their logs) with it.
    const doomed = await addHook(orders, '/doomed');
    ok(await t.call('POST', orders.records, { Name: 'logged' }));
    await receiver.waitFor('the delivery', () => receiver.at('/doomed').length === 1);
    ok(await t.call('DELETE', `/api/v2/meta/tables/${orders.id}`));
    expect((await t.call('GET', `/api/v2/meta/hooks/${doomed.id}`)).status).toBe(404);
  });

  it('refuses bad input with 4xx and writes nothing', async () => {
    const { t, receiver, table } = fixture();
    const orders = await table();
    const hooks = `/api/v2/meta/tables/${orders.id}/hooks`;
    const base = hookBody(receiver, '/bad');
    const notification = (path: string, extra: Record<string, unknown> = {}) => ({
      type: 'URL',
      payload: { method: 'POST', path, ...extra },
    });
    const cases: [string, unknown, number, string][] = [
      ['no title', { ...base, title: undefined }, 400, 'ERR_INVALID_REQUEST_BODY'],
      ['a v2 hook', { ...base, version: 'v2' }, 400, 'ERR_BAD_REQUEST'],
      [
        'an ftp URL',
        { ...base, notification: notification('ftp://example.com/x') },
        422,
        'ERR_INVALID_WEBHOOK',
      ],
      [
        'a file URL',
        { ...base, notification: notification('file:///etc/passwd') },
        422,
        'ERR_INVALID_WEBHOOK',
      ],
      ['a relative URL', { ...base, notification: notification('/hook') }, 422, 'ERR_INVALID_WEBHOOK'],
      ['no notification', { ...base, notification: undefined }, 422, 'ERR_INVALID_WEBHOOK'],
      [
        'an e-mail hook',
        { ...base, notification: { type: 'Email', payload: {} } },
        422,
        'ERR_INVALID_WEBHOOK',
      ],
      [
        'a bad method',
        { ...base, notification: notification(receiver.url(), { method: 'TRACE' }) },
        422,
        'ERR_INVALID_WEBHOOK',
      ],
      [
        'a header with a line break',
        {
          ...base,
          notification: notification(receiver.url(), { headers: [{ name: 'X-A', value: 'a\r\nB: c' }] }),
        },
        422,
        'ERR_INVALID_WEBHOOK',
      ],
      [
        'a Tessera header',
        {
          ...base,
          notification: notification(receiver.url(), {
            headers: [{ name: 'X-Tessera-Signature', value: 'x' }],
          }),
        },
        422,
        'ERR_INVALID_WEBHOOK',
      ],
      ['an unknown operation', { ...base, operation: ['upsert'] }, 422, 'ERR_INVALID_WEBHOOK'],
      ['no operation', { ...base, operation: [] }, 422, 'ERR_INVALID_WEBHOOK'],
      ['a before hook', { ...base, event: 'before' }, 422, 'ERR_INVALID_WEBHOOK'],
      ['a bad where', { ...base, where: '(Nope,eq,1)' }, 422, 'ERR_INVALID_FILTER'],
      ['an unparseable where', { ...base, where: '(Name,eq' }, 422, 'ERR_INVALID_FILTER'],
      [
        'an unknown trigger field',
        { ...base, trigger_field: true, trigger_fields: ['Nope'] },
        422,
        'ERR_INVALID_WEBHOOK',
      ],
      ['a short secret', { ...base, secret: 'short' }, 422, 'ERR_INVALID_WEBHOOK'],
      ['a secret of the wrong type', { ...base, secret: 42 }, 400, 'ERR_INVALID_REQUEST_BODY'],
      ['active as text', { ...base, active: 'maybe' }, 400, 'ERR_INVALID_REQUEST_BODY'],
      [
        'a metadata target',
        { ...base, notification: notification('http://169.254.169.254/latest') },
        422,
        'ERR_INVALID_WEBHOOK',
      ],
      [
        'an IPv6 metadata target',
        { ...base, notification: notification('http://[fd00:ec2::254]/') },
        422,
        'ERR_INVALID_WEBHOOK',
      ],
      [
        'a mapped metadata target',
        { ...base, notification: notification('http://[::ffff:169.254.169.254]/') },
        422,
        'ERR_INVALID_WEBHOOK',
      ],
    ];
    const problems: string[] = [];
    for (const [name, body, status, code] of cases) {
      const reply = await t.call('POST', hooks, body);
      if (reply.status !== status || reply.body.error !== code || typeof reply.body.msg !== 'string')
        problems.push(`${name}: ${reply.status} ${JSON.stringify(reply.body)}`);
    }
    expect(problems).toEqual([]);
    expect(ok(await t.call('GET', hooks)).list).toEqual([]);
    expect((await t.call('POST', '/api/v2/meta/tables/mmissing/hooks', base)).body.error).toBe(
      'ERR_TABLE_NOT_FOUND',
    );
    expect((await t.call('PATCH', '/api/v2/meta/hooks/hkmissing', { title: 'x' })).status).toBe(404);
    expect((await t.call('DELETE', '/api/v2/meta/hooks/hkmissing')).status).toBe(404);

    const hook = ok(await t.call('POST', hooks, base));
    const refused = await t.call('PATCH', `/api/v2/meta/hooks/${hook.id}`, {
      title: 'kept?',
      where: '(Nope,eq,1)',
    });
    expect(refused.status).toBe(422);
    expect(ok(await t.call('GET', `/api/v2/meta/hooks/${hook.id}`)).title).toBe(hook.title);
    const filters = `/api/v2/meta/hooks/${hook.id}/filters`;
    expect(
      (await t.call('POST', filters, { fk_column_id: 'cmissing', comparison_op: 'eq', value: '1' })).status,
    ).toBe(422);
    expect(
      (
        await t.call('POST', filters, {
          fk_column_id: orders.fields.Score,
          comparison_op: 'like',
          value: 'x',
        })
      ).status,
    ).toBe(422);
    expect(
      (await t.call('POST', filters, { fk_parent_id: 'finope', fk_column_id: orders.fields.Score })).status,
    ).toBe(422);
    expect((await t.call('PATCH', `${filters}/finope`, { value: '1' })).body.error).toBe(
      'ERR_HOOK_FILTER_NOT_FOUND',
    );
    expect(ok(await t.call('GET', filters)).list).toEqual([]);
  });

  it('sends nothing while a hook is off, and only later changes once it is on again', async () => {
    const { t, receiver, table, addHook } = fixture();
    const orders = await table();
    const hook = await addHook(orders, '/toggle', { active: false });
    ok(await t.call('POST', orders.records, { Name: 'while off' }));
    ok(await t.call('PATCH', `/api/v2/meta/hooks/${hook.id}`, { active: true }));
    ok(await t.call('POST', orders.records, { Name: 'after on' }));
    await receiver.waitFor('one delivery', () => receiver.at('/toggle').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(receiver.at('/toggle').map((r) => r.json.data.rows[0].Name)).toEqual(['after on']);
  });

  it('tests a hook with a sample envelope: 200 on a 2xx answer, 400 otherwise', async () => {
    const { t, receiver, table, addHook } = fixture();
    const orders = await table('Tested');
    const test = `/api/v2/meta/tables/${orders.id}/hooks/test`;
    const answer = ok(
      await t.call('POST', test, {
        hook: { ...hookBody(receiver, '/test-ok'), secret: 'sixteen-characters-at-least' },
      }),
    );
    expect(answer).toMatchObject({ msg: expect.any(String), status: 200, response: 'ok' });
    const [sample] = receiver.at('/test-ok');
    expect(sample?.json).toMatchObject({
      type: 'records.after.insert',
      version: 'v3',
      data: { table_id: orders.id, table_name: 'Tested' },
    });
    expect(sample?.json.data.rows[0]).toMatchObject({
      Name: 'Sample Name',
      Score: 3,
      Stage: 'new',
      Done: true,
    });
    expect(sample?.headers['x-tessera-signature']).toMatch(/^sha256=[0-9a-f]{64}$/);

    receiver.answer('/test-fail', () => ({ status: 500, body: 'kaput' }));
    const failed = await t.call('POST', test, { hook: hookBody(receiver, '/test-fail') });
    expect(failed.status).toBe(400);
    expect(failed.body).toMatchObject({
      error: 'ERR_WEBHOOK_TEST_FAILED',
      details: { status: 500, response: 'kaput' },
    });
    expect(failed.body.msg).toContain('500');

    const unreachable = await t.call('POST', test, {
      hook: {
        ...hookBody(receiver, '/x'),
        notification: { type: 'URL', payload: { path: 'http://127.0.0.1:1/' } },
      },
    });
    expect(unreachable.status).toBe(400);
    expect(unreachable.body.msg).toMatch(/could not be reached/);
    expect(
      (
        await t.call('POST', test, {
          hook: { notification: { type: 'URL', payload: { path: 'gopher://x' } } },
        })
      ).status,
    ).toBe(422);
    expect((await t.call('POST', test, {})).status).toBe(400);

    // A saved hook's secret signs the test when the body names the hook.
    const saved = await addHook(orders, '/test-saved', { secret: true });
    ok(await t.call('POST', test, { hook: { ...hookBody(receiver, '/test-saved'), id: saved.id } }));
    expect(receiver.at('/test-saved')[0]?.headers['x-tessera-signature']).toMatch(/^sha256=/);
  });

  it('answers sample payloads, folding bulk operations for v3', async () => {
    const { t, table } = fixture();
    const orders = await table('Sampled');
    const sample = (path: string) =>
      t.call('GET', `/api/v2/meta/tables/${orders.id}/hooks/samplePayload/${path}`);
    const insert = ok(await sample('after/insert/v3'));
    expect(insert).toMatchObject({
      type: 'records.after.insert',
      version: 'v3',
      data: { table_name: 'Sampled' },
    });
    expect(insert.data.rows[0]).toHaveProperty('Name');
    const bulk = ok(await sample('after/bulkUpdate/v3'));
    expect(bulk.type).toBe('records.after.update');
    expect(bulk.data.rows).toHaveLength(2);
    expect(bulk.data.previous_rows).toHaveLength(2);
    expect(ok(await sample('manual/trigger/v3')).type).toBe('records.manual.trigger');
    expect((await sample('after/insert/v2')).status).toBe(400);
    expect((await sample('after/upsert/v3')).status).toBe(422);
  });

  it('triggers a manual hook with the record as it is now; manual hooks ignore record changes', async () => {
    const { t, receiver, table, addHook } = fixture();
    const orders = await table();
    const hook = await addHook(orders, '/button', { event: 'manual', operation: ['trigger'] });
    expect(hook).toMatchObject({ event: 'manual', operation: ['trigger'] });
    const { Id: id } = ok(await t.call('POST', orders.records, { Name: 'pressed' }));
    ok(await t.call('PATCH', orders.records, { Id: id, Score: 9 }));
    const triggered = ok(await t.call('POST', `/api/v2/meta/hooks/${hook.id}/trigger/${id}`));
    expect(triggered.delivery).toMatchObject({
      kind: 'trigger',
      operation: 'trigger',
      event: 'manual',
      record_ids: [String(id)],
    });
    await receiver.waitFor('the trigger', () => receiver.at('/button').length === 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const [request] = receiver.at('/button');
    expect(receiver.at('/button')).toHaveLength(1);
    expect(request?.json).toMatchObject({ type: 'records.manual.trigger', id: triggered.delivery.id });
    expect(request?.json.data.rows).toEqual([expect.objectContaining({ Id: id, Name: 'pressed', Score: 9 })]);
    expect((await t.call('POST', `/api/v2/meta/hooks/${hook.id}/trigger/99999`)).body.error).toBe(
      'ERR_RECORD_NOT_FOUND',
    );
    expect((await t.call('POST', `/api/v2/meta/hooks/hkmissing/trigger/${id}`)).status).toBe(404);
  });
});

describe.each(testDialects)(
  'private targets refused (TESSERA_WEBHOOK_PRIVATE_TARGETS=deny) on %s',
  (dialect) => {
    const fixture = useWebhookFixture(dialect, { privateTargets: 'deny' });

    it('refuses private literal addresses at creation, and private host names when sending', async () => {
      const { t, receiver, table } = fixture();
      const orders = await table();
      const hooks = `/api/v2/meta/tables/${orders.id}/hooks`;
      for (const path of [
        'http://127.0.0.1:9/x',
        'http://10.1.2.3/x',
        'http://[::1]/x',
        'http://192.168.0.10/',
        'http://100.64.0.1/',
      ]) {
        const reply = await t.call('POST', hooks, {
          ...hookBody(receiver, '/x'),
          notification: { type: 'URL', payload: { path } },
        });
        expect([path, reply.status, reply.body.error]).toEqual([path, 422, 'ERR_INVALID_WEBHOOK']);
      }
      // A name is resolved when sending, and the address it resolves to is checked then.
      const hook = ok(
        await t.call('POST', hooks, {
          ...hookBody(receiver, '/x'),
          notification: { type: 'URL', payload: { path: `http://localhost:${receiver.port}/named` } },
        }),
      );
      ok(await t.call('POST', orders.records, { Name: 'secret data' }));
      const entry = await logEntry(fixture(), hook.id, (e) => e.status === 'dead');
      expect(entry).toMatchObject({ attempts: 1, response_code: null });
      expect(entry.error_message).toMatch(
        /Refused webhook target: .* is a private address \(localhost resolves to it\)/,
      );
      expect(receiver.at('/named')).toEqual([]);
      const test = await t.call('POST', `${hooks}/test`, {
        hook: { notification: { type: 'URL', payload: { path: `http://localhost:${receiver.port}/named` } } },
      });
      expect(test.status).toBe(400);
      expect(test.body.msg).toMatch(/private address/);
    });
  },
);
