// Comments on records: writing, reading oldest first, editing and deleting by role and
// authorship, counts per record, bad input, the record's history, and cascade with the table.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountCacheExpiry,
  createTestUser,
  setupChange,
  type TestUser,
} from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp, type TestResponse } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { createToken, expectStatus } from '../audit/audit-actors.ts';

describe.each(testDialects)('record comments on %s', (dialect) => {
  let t: TestApp;
  let baseId: string;
  let tableId: string;
  let recordIds: number[];
  let owner: TestUser;
  let commenter: TestUser;
  let colleague: TestUser;
  let viewer: TestUser;
  let outsider: TestUser;

  const comments = '/api/v2/meta/comments';
  const as = (user: { headers: Record<string, string> }, method: string, url: string, body?: unknown) =>
    t.callWith(user.headers, method, url, body);
  const post = (user: { headers: Record<string, string> }, rowId: unknown, comment: unknown) =>
    as(user, 'POST', comments, { fk_model_id: tableId, row_id: rowId, comment });
  const listOf = (user: { headers: Record<string, string> }, rowId: number, extra = '') =>
    as(user, 'GET', `${comments}?fk_model_id=${tableId}&row_id=${rowId}${extra}`);
  const expectError = (response: TestResponse, status: number, code: string) => {
    expect(response.status).toBe(status);
    expect(response.body.error).toBe(code);
    expect(typeof response.body.msg).toBe('string');
  };

  beforeAll(async () => {
    t = await createTestApp(dialect);
    baseId = expectStatus(await t.call('POST', '/api/v2/meta/bases', { title: 'Notes' }), 200).id;
    tableId = expectStatus(
      await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'Tasks',
        columns: [{ title: 'Name', uidt: 'SingleLineText' }],
      }),
      200,
    ).id;
    const created = expectStatus(
      await t.call('POST', `/api/v2/tables/${tableId}/records`, [
        { Name: 'a' },
        { Name: 'b' },
        { Name: 'c' },
      ]),
      200,
    );
    recordIds = created.map((r: { Id: number }) => r.Id);
    owner = await createTestUser(t, 'olive@example.com', { membership: { baseId, role: 'owner' } });
    commenter = await createTestUser(t, 'cole@example.com', { membership: { baseId, role: 'commenter' } });
    colleague = await createTestUser(t, 'edie@example.com', { membership: { baseId, role: 'editor' } });
    viewer = await createTestUser(t, 'vic@example.com', { membership: { baseId, role: 'viewer' } });
    outsider = await createTestUser(t, 'otto@example.com');
    await t.store.users.update(commenter.id, { firstname: 'Cole', lastname: 'Porter' }, setupChange);
  });
  afterAll(async () => t.close());

  it('lets a commenter comment and every member read the comments oldest first', async () => {
    const [first] = recordIds as [number];
    const one = expectStatus(await post(commenter, first, 'First!'), 200);
    expect(one).toMatchObject({
      fk_model_id: tableId,
      base_id: baseId,
      row_id: String(first),
      comment: 'First!',
      created_by: commenter.id,
      created_by_email: 'cole@example.com',
      created_display_name: 'Cole Porter',
      is_edited: false,
    });
    expect(one.id).toMatch(/^cm[0-9a-z]{14}$/);
    expect(one.created_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00:00$/);
    // The row id may come as text too; an editor comments as well.
    expectStatus(await post(colleague, String(first), 'Second'), 200);
    expectStatus(await post(commenter, first, 'Third'), 200);

    const read = expectStatus(await listOf(viewer, first), 200);
    expect(read.list.map((c: { comment: string }) => c.comment)).toEqual(['First!', 'Second', 'Third']);
    expect(read.list[1]).toMatchObject({ created_by: colleague.id, created_display_name: null });
    expect(read.pageInfo).toMatchObject({ totalRows: 3, isFirstPage: true, isLastPage: true });
    const paged = expectStatus(await listOf(viewer, first, '&limit=2&offset=1'), 200);
    expect(paged.list.map((c: { comment: string }) => c.comment)).toEqual(['Second', 'Third']);
    expect(paged.pageInfo.totalRows).toBe(3);
    // The v1 path answers the same.
    const v1 = expectStatus(
      await as(viewer, 'GET', `/api/v1/db/meta/comments?fk_model_id=${tableId}&row_id=${first}`),
      200,
    );
    expect(v1.list).toEqual(read.list);
    expect(expectStatus(await listOf(viewer, recordIds[2] as number), 200).list).toEqual([]);
  });

  it('refuses comments from viewers, read-only tokens, outsiders and tokens without a user', async () => {
    const [, second] = recordIds as [number, number];
    expectError(await post(viewer, second, 'hi'), 403, 'ERR_FORBIDDEN');
    expectError(await post(outsider, second, 'hi'), 403, 'ERR_FORBIDDEN');
    expectError(await listOf(outsider, second), 403, 'ERR_FORBIDDEN');
    const readOnly = await createToken(t, commenter, 'reader', { baseIds: null, access: 'read' });
    expectError(await post(readOnly, second, 'hi'), 403, 'ERR_FORBIDDEN');
    const bootstrap = await t.call('POST', comments, { fk_model_id: tableId, row_id: second, comment: 'hi' });
    expectError(bootstrap, 403, 'ERR_FORBIDDEN');
    expect(bootstrap.body.msg).toMatch(/belongs to no user/);
    expectError(
      await t.callWith({}, 'GET', `${comments}?fk_model_id=${tableId}&row_id=${second}`),
      401,
      'ERR_AUTHENTICATION_REQUIRED',
    );
    // A token of a commenter comments as that user.
    const token = await createToken(t, commenter, 'bot');
    const byToken = expectStatus(await post(token, second, 'from a script'), 200);
    expect(byToken).toMatchObject({ created_by: commenter.id, created_by_email: 'cole@example.com' });
  });

  it('answers bad input with clear 4xx errors', async () => {
    const [first] = recordIds as [number];
    const huge = 'x'.repeat(10_001);
    expectError(await post(commenter, first, ''), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await post(commenter, first, '  \n\t '), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await post(commenter, first, 42), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await post(commenter, first, undefined), 400, 'ERR_INVALID_REQUEST_BODY');
    const tooLong = await post(commenter, first, huge);
    expectError(tooLong, 400, 'ERR_INVALID_REQUEST_BODY');
    expect(tooLong.body.msg).toMatch(/at most 10000 characters/);
    expectStatus(await post(commenter, first, 'y'.repeat(10_000)), 200);
    expectError(await post(commenter, 'abc', 'hi'), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await post(commenter, -1, 'hi'), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await post(commenter, undefined, 'hi'), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await post(commenter, 999_999, 'hi'), 404, 'ERR_RECORD_NOT_FOUND');
    expectError(
      await as(commenter, 'POST', comments, { row_id: first, comment: 'hi' }),
      400,
      'ERR_INVALID_REQUEST_BODY',
    );
    expectError(
      await as(commenter, 'POST', comments, { fk_model_id: 7, row_id: first, comment: 'hi' }),
      400,
      'ERR_INVALID_REQUEST_BODY',
    );
    expectError(
      await as(commenter, 'POST', comments, { fk_model_id: 'mnothere', row_id: first, comment: 'hi' }),
      404,
      'ERR_TABLE_NOT_FOUND',
    );
    expectError(await as(commenter, 'POST', comments, [1, 2]), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await as(commenter, 'GET', comments), 400, 'ERR_INVALID_QUERY_PARAMETER');
    expectError(
      await as(commenter, 'GET', `${comments}?fk_model_id=${tableId}`),
      400,
      'ERR_INVALID_QUERY_PARAMETER',
    );
    expectError(await listOf(commenter, 0), 400, 'ERR_INVALID_QUERY_PARAMETER');
    expectError(
      await as(commenter, 'GET', `${comments}?fk_model_id=mnothere&row_id=1`),
      404,
      'ERR_TABLE_NOT_FOUND',
    );
    expectError(await listOf(commenter, first, '&limit=5000'), 422, 'ERR_INVALID_LIMIT_VALUE');
    expectError(
      await as(commenter, 'PATCH', '/api/v2/meta/comment/cmnothere', { comment: 'x' }),
      404,
      'ERR_COMMENT_NOT_FOUND',
    );
    expectError(
      await as(commenter, 'DELETE', '/api/v2/meta/comment/cmnothere'),
      404,
      'ERR_COMMENT_NOT_FOUND',
    );
  });

  it('lets only the author edit a comment, and the author or a base owner delete it', async () => {
    const [, , third] = recordIds as [number, number, number];
    const mine = expectStatus(await post(commenter, third, 'draft'), 200);
    const path = `/api/v2/meta/comment/${mine.id}`;

    expectError(await as(colleague, 'PATCH', path, { comment: 'hijacked' }), 403, 'ERR_FORBIDDEN');
    expectError(await as(owner, 'PATCH', path, { comment: 'hijacked' }), 403, 'ERR_FORBIDDEN');
    expectError(await as(outsider, 'PATCH', path, { comment: 'hijacked' }), 404, 'ERR_COMMENT_NOT_FOUND');
    expectError(await as(commenter, 'PATCH', path, { comment: ' ' }), 400, 'ERR_INVALID_REQUEST_BODY');
    expectError(await as(commenter, 'PATCH', path, {}), 400, 'ERR_INVALID_REQUEST_BODY');

    const edited = expectStatus(await as(commenter, 'PATCH', path, { comment: 'final text' }), 200);
    expect(edited).toMatchObject({
      id: mine.id,
      comment: 'final text',
      is_edited: true,
      row_id: String(third),
    });
    const v1Edit = await as(commenter, 'PATCH', `/api/v1/db/meta/comment/${mine.id}`, {
      comment: 'final, v1',
    });
    expect(expectStatus(v1Edit, 200).comment).toBe('final, v1');

    expectError(await as(colleague, 'DELETE', path), 403, 'ERR_FORBIDDEN');
    expectError(await as(viewer, 'DELETE', path), 403, 'ERR_FORBIDDEN');
    expect(expectStatus(await as(owner, 'DELETE', path), 200).msg).toMatch(/deleted/);
    expectError(await as(commenter, 'DELETE', path), 404, 'ERR_COMMENT_NOT_FOUND');

    const another = expectStatus(await post(commenter, third, 'short-lived'), 200);
    expectStatus(await as(commenter, 'DELETE', `/api/v2/meta/comment/${another.id}`), 200);
    expect(expectStatus(await listOf(viewer, third), 200).list).toEqual([]);
  });

  it('stops a demoted author from changing their comments', async () => {
    const [first] = recordIds as [number];
    const demoted = await createTestUser(t, 'dora@example.com', {
      membership: { baseId, role: 'commenter' },
    });
    const theirs = expectStatus(await post(demoted, first, 'before demotion'), 200);
    await t.store.members.set(baseId, demoted.id, 'viewer', setupChange);
    await accountCacheExpiry();
    const path = `/api/v2/meta/comment/${theirs.id}`;
    expectError(await as(demoted, 'PATCH', path, { comment: 'after' }), 403, 'ERR_FORBIDDEN');
    expectError(await as(demoted, 'DELETE', path), 403, 'ERR_FORBIDDEN');
  });

  it('counts comments per record (comma list or repeated ids), leaving out records without any', async () => {
    const [first, second, third] = recordIds as [number, number, number];
    const base = `${comments}/count?fk_model_id=${tableId}`;
    const byComma = expectStatus(await as(viewer, 'GET', `${base}&ids=${first},${second},${third}`), 200);
    const counts = Object.fromEntries(
      byComma.list.map((r: { row_id: string; count: number }) => [r.row_id, r.count]),
    );
    const listed = async (rowId: number) => expectStatus(await listOf(viewer, rowId), 200).pageInfo.totalRows;
    expect(counts).toEqual({ [String(first)]: await listed(first), [String(second)]: await listed(second) });
    const repeated = expectStatus(await as(viewer, 'GET', `${base}&ids[]=${first}&ids[]=${third}`), 200);
    expect(repeated.list).toEqual([{ row_id: String(first), count: await listed(first) }]);
    expect(expectStatus(await as(viewer, 'GET', base), 200).list).toEqual([]);
    expectError(await as(viewer, 'GET', `${base}&ids=1,x`), 400, 'ERR_INVALID_QUERY_PARAMETER');
    const tooMany = Array.from({ length: 1001 }, (_, i) => i + 1).join(',');
    expectError(await as(viewer, 'GET', `${base}&ids=${tooMany}`), 400, 'ERR_INVALID_QUERY_PARAMETER');
    expectError(await as(outsider, 'GET', `${base}&ids=1`), 403, 'ERR_FORBIDDEN');
  });

  it("shows comment writes in the record's history among its field changes", async () => {
    const created = expectStatus(
      await t.call('POST', `/api/v2/tables/${tableId}/records`, { Name: 'audited' }),
      200,
    );
    const id = created.Id as number;
    const comment = expectStatus(await post(commenter, id, 'looks good'), 200);
    expectStatus(
      await t.call('PATCH', `/api/v2/tables/${tableId}/records`, { Id: id, Name: 'audited!' }),
      200,
    );
    expectStatus(
      await as(commenter, 'PATCH', `/api/v2/meta/comment/${comment.id}`, { comment: 'looks great' }),
      200,
    );
    expectStatus(await as(commenter, 'DELETE', `/api/v2/meta/comment/${comment.id}`), 200);

    const history = expectStatus(
      await as(viewer, 'GET', `/api/v2/tables/${tableId}/records/${id}/audits`),
      200,
    );
    expect(history.list.map((e: { action: string }) => e.action)).toEqual([
      'comment.delete',
      'comment.update',
      'record.update',
      'comment.insert',
      'record.insert',
    ]);
    const [deleted, updated, , inserted] = history.list;
    const actor = { type: 'user', id: commenter.id, name: 'cole@example.com', user_id: commenter.id };
    for (const entry of [deleted, updated, inserted])
      expect(entry).toMatchObject({
        actor,
        base_id: baseId,
        table_id: tableId,
        record_id: String(id),
        target_id: comment.id,
      });
    expect(inserted.details).toEqual({ after: { comment: 'looks good' } });
    expect(updated.details).toEqual({ before: { comment: 'looks good' }, after: { comment: 'looks great' } });
    expect(deleted.details).toEqual({ before: { comment: 'looks great' } });
  });

  it('deletes comments with their table', async () => {
    const doomed = expectStatus(
      await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
        title: 'Doomed',
        columns: [{ title: 'Name', uidt: 'SingleLineText' }],
      }),
      200,
    );
    const record = expectStatus(
      await t.call('POST', `/api/v2/tables/${doomed.id}/records`, { Name: 'x' }),
      200,
    );
    const comment = expectStatus(
      await as(commenter, 'POST', comments, { fk_model_id: doomed.id, row_id: record.Id, comment: 'bye' }),
      200,
    );
    expectStatus(await t.call('DELETE', `/api/v2/meta/tables/${doomed.id}`), 200);
    const left = await t.store.context.db
      .selectFrom('tessera_comments')
      .select('id')
      .where('table_id', '=', doomed.id)
      .execute();
    expect(left).toEqual([]);
    expectError(
      await as(commenter, 'DELETE', `/api/v2/meta/comment/${comment.id}`),
      404,
      'ERR_COMMENT_NOT_FOUND',
    );
  });
});
