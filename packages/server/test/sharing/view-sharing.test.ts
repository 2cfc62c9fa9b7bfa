import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { createSharingFixture, expectStatus, publicPath, type SharingFixture } from './sharing-fixture.ts';

describe.each(testDialects)('sharing views by link on %s', (dialect) => {
  let f: SharingFixture;
  let gridId: string;
  let uuid: string;

  beforeAll(async () => {
    f = await createSharingFixture(dialect);
    await f.insert([
      { Name: 'Ann', Email: 'ann@example.com', Age: 31, Status: 'new', Secret: 's1' },
      { Name: 'Bob', Age: 45, Status: 'done', Secret: 's2' },
      { Name: 'Cid', Age: 27, Status: 'new', Secret: 's3' },
    ]);
    gridId = await f.createView('grids', 'Public grid', ['Secret']);
    expectStatus(
      await f.t.call('POST', `/api/v2/meta/views/${gridId}/filters`, {
        fk_column_id: f.field('Status'),
        comparison_op: 'eq',
        value: 'new',
      }),
      200,
    );
    expectStatus(
      await f.t.call('POST', `/api/v2/meta/views/${gridId}/sorts`, {
        fk_column_id: f.field('Age'),
        direction: 'desc',
      }),
      200,
    );
    uuid = await f.share(gridId);
  });
  afterAll(async () => f.close());

  const audits = async (action: string) =>
    expectStatus(
      await f.t.call('GET', `/api/v2/meta/bases/${f.baseId}/audits?action=${action}&limit=100`),
      200,
    ).list;

  it('shares a view once: a long random url-safe uuid, the same on a second share', async () => {
    expect(uuid).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const again = expectStatus(await f.t.call('POST', `/api/v2/meta/views/${gridId}/share`), 200);
    expect(again).toMatchObject({ id: gridId, uuid, password: null, password_protected: false });
    const listed = expectStatus(await f.t.call('GET', `/api/v2/meta/tables/${f.tableId}/views`), 200).list;
    expect(listed.find((v: { id: string }) => v.id === gridId)).toMatchObject({
      uuid,
      password_protected: false,
    });
    expect(listed.find((v: { id: string }) => v.id !== gridId)).toMatchObject({ uuid: null });
    const table = expectStatus(await f.t.call('GET', `/api/v2/meta/tables/${f.tableId}`), 200);
    expect(table.views.find((v: { id: string }) => v.id === gridId)).toMatchObject({
      uuid,
      password_protected: false,
    });
    expect(table.views.find((v: { id: string }) => v.id !== gridId)).toMatchObject({ uuid: null });
    expect(await audits('view.share')).toEqual([
      expect.objectContaining({ action: 'view.share', table_id: f.tableId, target_id: gridId }),
    ]);
  });

  it('serves the meta: the view, its table and only its shown fields, in view order', async () => {
    expectStatus(
      await f.t.call('PATCH', `/api/v2/meta/views/${gridId}/columns/${f.field('Notes')}`, { order: 0 }),
      200,
    );
    const meta = expectStatus(await f.anonymous('GET', publicPath(uuid, '/meta')), 200);
    expect(meta.view).toEqual({
      id: gridId,
      title: 'Public grid',
      type: 3,
      meta: {},
      fk_grp_col_id: null,
      fk_cover_image_col_id: null,
      password_protected: false,
    });
    expect(meta.table).toEqual({ id: f.tableId, title: 'Requests' });
    const titles = meta.columns.map((c: { title: string }) => c.title);
    expect(titles).not.toContain('Secret');
    expect(titles[0]).toBe('Notes');
    expect(titles).toEqual(expect.arrayContaining(['Id', 'Name', 'Email', 'Age', 'Status', 'Agree']));
    expect(meta.columns.find((c: { title: string }) => c.title === 'Name')).toMatchObject({
      uidt: 'SingleLineText',
      rqd: true,
      label: null,
      required: true,
    });
  });

  it("serves the view's rows: its filters and sorts apply, hidden fields never appear", async () => {
    const page = expectStatus(await f.anonymous('GET', publicPath(uuid, '/rows')), 200);
    expect(page.list.map((r: { Name: string }) => r.Name)).toEqual(['Ann', 'Cid']);
    expect(page.pageInfo).toMatchObject({ totalRows: 2, page: 1, isFirstPage: true, isLastPage: true });
    for (const row of page.list) expect(row).not.toHaveProperty('Secret');
    const narrowed = expectStatus(
      await f.anonymous('GET', `${publicPath(uuid, '/rows')}?where=(Age,lt,30)&limit=1`),
      200,
    );
    expect(narrowed.list.map((r: { Name: string }) => r.Name)).toEqual(['Cid']);
    const sorted = expectStatus(await f.anonymous('GET', `${publicPath(uuid, '/rows')}?sort=Name`), 200);
    expect(sorted.list.map((r: { Name: string }) => r.Name)).toEqual(['Ann', 'Cid']);
  });

  it('refuses filtering or sorting by a hidden field, and ignores a field list', async () => {
    const byHidden = await f.anonymous('GET', `${publicPath(uuid, '/rows')}?where=(Secret,eq,s1)`);
    expect(byHidden.status).toBe(422);
    expect(byHidden.body.error).toBe('ERR_INVALID_FILTER');
    const nested = await f.anonymous(
      'GET',
      `${publicPath(uuid, '/rows')}?where=(Age,gt,1)~and((Secret,eq,s1))`,
    );
    expect(nested.status).toBe(422);
    const sortHidden = await f.anonymous('GET', `${publicPath(uuid, '/rows')}?sort=-Secret`);
    expect(sortHidden.status).toBe(404);
    expect(sortHidden.body.error).toBe('ERR_FIELD_NOT_FOUND');
    const fields = expectStatus(await f.anonymous('GET', `${publicPath(uuid, '/rows')}?fields=Secret`), 200);
    for (const row of fields.list) expect(row).not.toHaveProperty('Secret');
  });

  it('has no write route for shared grids, and a form has no rows to read', async () => {
    const write = await f.anonymous('POST', publicPath(uuid, '/rows'), { Name: 'Eve' });
    expect(write.status).toBe(400);
    const formId = await f.createView('forms', 'Ask');
    const formUuid = await f.share(formId);
    const read = await f.anonymous('GET', publicPath(formUuid, '/rows'));
    expect(read.status).toBe(400);
    expect(read.body.error).toBe('ERR_BAD_REQUEST');
  });

  it('answers 404 for an unknown link', async () => {
    for (const bad of ['AAAAAAAAAAAAAAAAAAAAAAAA', 'not-a-uuid', 'x'.repeat(300)]) {
      const response = await f.anonymous('GET', publicPath(bad, '/meta'));
      expect(response.status).toBe(404);
      expect(response.body.error).toBe('ERR_SHARED_VIEW_NOT_FOUND');
    }
  });

  it('protects a share with a password: 403 without or with a wrong one, never shown, audited', async () => {
    const viewId = await f.createView('galleries', 'Locked');
    const lockedUuid = await f.share(viewId);
    const patched = expectStatus(
      await f.t.call('PATCH', `/api/v2/meta/views/${viewId}/share`, { password: 'open sesame' }),
      200,
    );
    expect(patched).toMatchObject({ uuid: lockedUuid, password: null, password_protected: true });
    expect(JSON.stringify(patched)).not.toContain('argon2');

    const none = await f.anonymous('GET', publicPath(lockedUuid, '/meta'));
    expect(none.status).toBe(403);
    expect(none.body.error).toBe('ERR_SHARED_VIEW_PASSWORD');
    const wrong = await f.anonymous('GET', publicPath(lockedUuid, '/rows'), undefined, {
      'xc-password': 'nope',
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body).toMatchObject({ error: 'ERR_SHARED_VIEW_PASSWORD', msg: 'Invalid password' });
    const right = expectStatus(
      await f.anonymous('GET', publicPath(lockedUuid, '/meta'), undefined, { 'xc-password': 'open sesame' }),
      200,
    );
    expect(right.view).toMatchObject({ id: viewId, type: 2, password_protected: true });
    expectStatus(
      await f.anonymous('GET', publicPath(lockedUuid, '/rows'), undefined, { 'xc-password': 'open sesame' }),
      200,
    );

    const updates = await audits('view.share-update');
    expect(updates).toEqual([expect.objectContaining({ target_id: viewId, details: { password: 'set' } })]);
    expect(JSON.stringify(updates)).not.toContain('open sesame');

    expectStatus(await f.t.call('PATCH', `/api/v2/meta/views/${viewId}/share`, { password: null }), 200);
    expectStatus(await f.anonymous('GET', publicPath(lockedUuid, '/meta')), 200);
  });

  it('slows down and then refuses repeated wrong passwords (429 with Retry-After)', async () => {
    const viewId = await f.createView('grids', 'Guarded');
    const guardedUuid = await f.share(viewId);
    expectStatus(
      await f.t.call('PATCH', `/api/v2/meta/views/${viewId}/share`, { password: 'right one' }),
      200,
    );
    const attempt = (password: string) =>
      f.anonymous('GET', publicPath(guardedUuid, '/meta'), undefined, { 'xc-password': password });
    for (let i = 0; i < 5; i += 1) expect((await attempt(`wrong ${i}`)).status).toBe(403);
    const throttled = await attempt('wrong again');
    expect(throttled.status).toBe(429);
    expect(throttled.body.error).toBe('ERR_TOO_MANY_ATTEMPTS');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('merges share options into the view meta, and validates the body', async () => {
    const viewId = await f.createView('forms', 'Options');
    await f.share(viewId);
    expectStatus(await f.t.call('PATCH', `/api/v2/meta/views/${viewId}`, { meta: { heading: 'Hi' } }), 200);
    const updated = expectStatus(
      await f.t.call('PATCH', `/api/v2/meta/views/${viewId}/share`, { meta: { success_msg: 'Thanks!' } }),
      200,
    );
    expect(updated.meta).toEqual({ heading: 'Hi', success_msg: 'Thanks!' });
    for (const body of [{ password: 5 }, { meta: [1] }, { password: 'x'.repeat(300) }])
      expect((await f.t.call('PATCH', `/api/v2/meta/views/${viewId}/share`, body)).status).toBe(400);
    const unshared = await f.createView('grids', 'Never shared');
    const notShared = await f.t.call('PATCH', `/api/v2/meta/views/${unshared}/share`, { password: 'a' });
    expect(notShared.status).toBe(404);
    expect(notShared.body.error).toBe('ERR_SHARED_VIEW_NOT_FOUND');
  });

  it('unshares: the old link answers 404, a new share gets a new link', async () => {
    const viewId = await f.createView('kanbans', 'Board');
    const first = await f.share(viewId);
    expectStatus(await f.anonymous('GET', publicPath(first, '/meta')), 200);
    expect(expectStatus(await f.t.call('DELETE', `/api/v2/meta/views/${viewId}/share`), 200)).toBe(true);
    expect((await f.anonymous('GET', publicPath(first, '/meta'))).status).toBe(404);
    expect((await f.anonymous('GET', publicPath(first, '/rows'))).status).toBe(404);
    const view = expectStatus(await f.t.call('GET', `/api/v2/meta/kanbans/${viewId}`), 200);
    expect(view).toMatchObject({ uuid: null, password_protected: false });
    expect(expectStatus(await f.t.call('DELETE', `/api/v2/meta/views/${viewId}/share`), 200)).toBe(true);
    const second = await f.share(viewId);
    expect(second).not.toBe(first);
    expect(await audits('view.unshare')).toEqual([
      expect.objectContaining({ target_id: viewId, details: null }),
    ]);
  });

  it('drops the share with its view', async () => {
    const viewId = await f.createView('grids', 'Short-lived');
    const link = await f.share(viewId);
    expectStatus(await f.t.call('DELETE', `/api/v2/meta/views/${viewId}`), 200);
    expect((await f.anonymous('GET', publicPath(link, '/meta'))).status).toBe(404);
  });
});
