import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { idsOf, type SchemaBuilder, schemaBuilder } from './support/schema-builder.ts';

describe.each(testDialects)('links API on %s', (dialect) => {
  let t: TestApp;
  let s: SchemaBuilder;
  let baseId: string;
  /** Table ids. */
  const tb = { series: '', episodes: '', tags: '', scripts: '', notes: '', tasks: '' };
  /** Field ids. */
  const f = {
    seriesEpisodes: '',
    episodeSeries: '',
    episodeTags: '',
    tagEpisodes: '',
    episodeScript: '',
    scriptEpisode: '',
    noteSeries: '',
    seriesNotes: '',
    subtasks: '',
    parentTask: '',
    seriesTitle: '',
  };
  const relations = async () =>
    new Set(await t.store.context.dialect.relationNames(t.store.context.db as unknown as Kysely<unknown>));
  const columnsOf = async (tableId: string) => (await s.table(tableId)).columns;

  beforeAll(async () => {
    t = await createTestApp(dialect);
    s = schemaBuilder(t);
    baseId = await s.base('Studio');
    const text = (title: string) => ({ title, uidt: 'SingleLineText' });
    tb.series = (await s.newTable(baseId, 'Series', [text('Title'), { title: 'Rank', uidt: 'Number' }])).id;
    tb.episodes = (await s.newTable(baseId, 'Episodes', [text('Title'), { title: 'No', uidt: 'Number' }])).id;
    tb.tags = (await s.newTable(baseId, 'Tags', [text('Name')])).id;
    tb.scripts = (await s.newTable(baseId, 'Scripts', [text('Draft')])).id;
    tb.notes = (await s.newTable(baseId, 'Notes', [text('Text')])).id;
    tb.tasks = (await s.newTable(baseId, 'Tasks', [text('Task')])).id;
    f.seriesEpisodes = await s.link(tb.series, 'Episodes', 'hm', tb.episodes);
    f.episodeSeries = await s.fieldId(tb.episodes, 'Series');
    f.episodeTags = await s.link(tb.episodes, 'Tags', 'mm', tb.tags);
    f.tagEpisodes = await s.fieldId(tb.tags, 'Episodes');
    f.episodeScript = await s.link(tb.episodes, 'Script', 'oo', tb.scripts);
    f.scriptEpisode = await s.fieldId(tb.scripts, 'Episodes');
    f.noteSeries = await s.link(tb.notes, 'Series', 'bt', tb.series);
    f.seriesNotes = await s.fieldId(tb.series, 'Notes');
    f.subtasks = await s.link(tb.tasks, 'Subtasks', 'hm', tb.tasks);
    f.parentTask = await s.fieldId(tb.tasks, 'Tasks');
    f.seriesTitle = await s.fieldId(tb.series, 'Title');
  });
  afterAll(async () => t.close());

  it('creates each link type with its inverse on the other table', async () => {
    const byId = async (tableId: string, id: string) => (await columnsOf(tableId)).find((c) => c.id === id)!;
    const expectSide = async (
      tableId: string,
      id: string,
      uidt: string,
      type: string,
      related: string,
      inverse: string,
    ) => {
      const field = await byId(tableId, id);
      expect(field.uidt).toBe(uidt);
      expect(field.meta).toMatchObject({
        relation_type: type,
        related_table_id: related,
        inverse_field_id: inverse,
      });
    };
    await expectSide(tb.series, f.seriesEpisodes, 'Links', 'hm', tb.episodes, f.episodeSeries);
    await expectSide(tb.episodes, f.episodeSeries, 'LinkToAnotherRecord', 'bt', tb.series, f.seriesEpisodes);
    await expectSide(tb.episodes, f.episodeTags, 'Links', 'mm', tb.tags, f.tagEpisodes);
    await expectSide(tb.tags, f.tagEpisodes, 'Links', 'mm', tb.episodes, f.episodeTags);
    await expectSide(tb.episodes, f.episodeScript, 'LinkToAnotherRecord', 'oo', tb.scripts, f.scriptEpisode);
    await expectSide(tb.scripts, f.scriptEpisode, 'LinkToAnotherRecord', 'oo', tb.episodes, f.episodeScript);
    await expectSide(tb.notes, f.noteSeries, 'LinkToAnotherRecord', 'bt', tb.series, f.seriesNotes);
    await expectSide(tb.series, f.seriesNotes, 'Links', 'hm', tb.notes, f.noteSeries);
    await expectSide(tb.tasks, f.subtasks, 'Links', 'hm', tb.tasks, f.parentTask);
    // NocoDB's colOptions, and the v3 field options n8n reads.
    const column = (await s.table(tb.series)).columns.find((c) => c.id === f.seriesEpisodes) as unknown as {
      colOptions: Record<string, unknown>;
    };
    expect(column.colOptions).toMatchObject({ type: 'hm', fk_related_model_id: tb.episodes });
    const v3 = await s.ok(
      'GET',
      `/api/v3/meta/bases/${baseId}/tables/${tb.series}/fields/${f.seriesEpisodes}`,
    );
    expect(v3.options).toMatchObject({ related_table_id: tb.episodes, relation_type: 'hm' });
  });

  it('keeps links in readable key columns and junction tables, all indexed', async () => {
    const episodes = await s.table(tb.episodes);
    expect(episodes.columns.find((c) => c.id === f.episodeSeries)!.column_name).toBe('series_id');
    expect(episodes.columns.find((c) => c.id === f.episodeScript)!.column_name).toBe('scripts_id');
    const junction = (await columnsOf(tb.episodes)).find((c) => c.id === f.episodeTags)!.meta.junction_table;
    expect(junction).toBe('_nc_m2m_episodes_tags');
    const names = await relations();
    for (const name of [
      junction,
      `ix_${f.episodeSeries}`,
      `uq_${f.episodeScript}`,
      `ix_${f.tagEpisodes}`,
      `ix_${f.parentTask}`,
    ])
      expect(names.has(name as string), `${name}`).toBe(true);
    const db = t.store.context.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    expect(await db.selectFrom('episodes').select(['series_id', 'scripts_id']).execute()).toEqual([]);
    expect(
      await db
        .selectFrom(junction as string)
        .select(['episodes_id', 'tags_id'])
        .execute(),
    ).toEqual([]);
  });

  it('takes link values in create and update bodies, and lists links as NocoDB does', async () => {
    const [breaking, better] = await s.records(tb.series, [
      { Title: 'Breaking', Rank: 1 },
      { Title: 'Better', Rank: 2 },
    ]);
    const [drama, crime, pilot] = await s.records(tb.tags, [
      { Name: 'drama' },
      { Name: 'crime' },
      { Name: 'pilot' },
    ]);
    const [script] = await s.records(tb.scripts, [{ Draft: 'v1' }]);
    const created = await s.ok('POST', `/api/v2/tables/${tb.episodes}/records`, {
      Title: 'E1',
      No: 1,
      Series: breaking,
      Tags: [{ Id: crime }, drama],
      Script: { id: String(script) },
    });
    const [e2, e3] = await s.records(tb.episodes, [
      { Title: 'E2', No: 2, Series: { Id: breaking }, Tags: [pilot] },
      { Title: 'E3', No: 3, Series: [better] },
    ]);
    const e1 = created.Id as number;
    const series = await s.list(tb.series, 'fields=Id,Title,Episodes');
    expect(series).toEqual([
      { Id: breaking, Title: 'Breaking', Episodes: 2 },
      { Id: better, Title: 'Better', Episodes: 1 },
    ]);
    const episodes = await s.list(tb.episodes, 'fields=Id,Title,Series,Tags,Script');
    expect(episodes).toEqual([
      {
        Id: e1,
        Title: 'E1',
        Series: { Id: breaking, Title: 'Breaking' },
        Tags: 2,
        Script: { Id: script, Draft: 'v1' },
      },
      { Id: e2, Title: 'E2', Series: { Id: breaking, Title: 'Breaking' }, Tags: 1, Script: null },
      { Id: e3, Title: 'E3', Series: { Id: better, Title: 'Better' }, Tags: 0, Script: null },
    ]);
    const v3 = await s.ok(
      'GET',
      `/api/v3/data/${baseId}/${tb.episodes}/records/${e1}?fields=Series,Tags,Script`,
    );
    expect(v3).toEqual({
      id: e1,
      fields: {
        Series: { id: breaking, fields: { Title: 'Breaking' } },
        Tags: [
          { id: drama, fields: { Name: 'drama' } },
          { id: crime, fields: { Name: 'crime' } },
        ],
        Script: { id: script, fields: { Draft: 'v1' } },
      },
    });
    expect((await s.ok('GET', `/api/v2/tables/${tb.tags}/records/${drama}`)).Episodes).toBe(1);
    // An update replaces the links it names and leaves the others alone.
    await s.ok('PATCH', `/api/v2/tables/${tb.episodes}/records`, { Id: e1, Tags: [pilot], Series: null });
    const after = await s.ok(
      'GET',
      `/api/v2/tables/${tb.episodes}/records/${e1}?fields=Id,Series,Tags,Script`,
    );
    expect(after).toEqual({ Id: e1, Series: null, Tags: 1, Script: { Id: script, Draft: 'v1' } });
    expect((await s.ok('GET', `/api/v2/tables/${tb.tags}/records/${pilot}`)).Episodes).toBe(2);
    await s.ok('PATCH', `/api/v2/tables/${tb.episodes}/records`, { Id: e1, Series: breaking, Tags: [] });
    expect((await s.ok('GET', `/api/v2/tables/${tb.episodes}/records/${e1}`)).Tags).toBe(0);
  });

  it('shows chosen fields of linked records with nested[…][fields]', async () => {
    const rows = await s.list(
      tb.episodes,
      'fields=Id,Title,Series&nested[Series][fields]=Title,Rank&where=(Title,eq,E3)',
    );
    expect(rows).toEqual([
      { Id: expect.any(Number), Title: 'E3', Series: { Id: expect.any(Number), Title: 'Better', Rank: 2 } },
    ]);
    const v3 = await s.ok(
      'GET',
      `/api/v3/data/${baseId}/${tb.series}/records?fields=Episodes&nested[Episodes][fields]=No`,
    );
    expect(v3.records[0].fields.Episodes).toEqual([
      { id: expect.any(Number), fields: { No: 1 } },
      { id: expect.any(Number), fields: { No: 2 } },
    ]);
    const unknown = await t.call('GET', `/api/v2/tables/${tb.episodes}/records?nested[Series][fields]=Nope`);
    expect(unknown.status).toBe(404);
    expect(unknown.body.msg).toMatch(/Nope/);
  });

  it('lists, links and unlinks through the v2 link endpoints', async () => {
    const [breaking, better] = idsOf(await s.list(tb.series, 'sort=Rank'));
    const [e1, e2, e3] = idsOf(await s.list(tb.episodes, 'sort=No'));
    const path = (table: string, field: string, id: number) =>
      `/api/v2/tables/${table}/links/${field}/records/${id}`;
    const many = await s.ok('GET', `${path(tb.series, f.seriesEpisodes, breaking!)}?fields=Id,Title`);
    expect(many).toEqual({
      list: [
        { Id: e1, Title: 'E1' },
        { Id: e2, Title: 'E2' },
      ],
      pageInfo: { totalRows: 2, page: 1, pageSize: 25, isFirstPage: true, isLastPage: true },
    });
    const paged = await s.ok(
      'GET',
      `${path(tb.series, f.seriesEpisodes, breaking!)}?fields=Id,Title&limit=1&offset=1`,
    );
    expect(paged.list).toEqual([{ Id: e2, Title: 'E2' }]);
    expect(paged.pageInfo).toMatchObject({ totalRows: 2, isLastPage: true });
    const belongs = await s.ok('GET', `${path(tb.episodes, f.episodeSeries, e3!)}?fields=Id,Title`);
    expect(belongs).toEqual({ Id: better, Title: 'Better' });
    const oneToOne = await s.ok('GET', `${path(tb.episodes, f.episodeScript, e1!)}?fields=Id,Draft`);
    expect(oneToOne).toEqual({ list: { Id: expect.any(Number), Draft: 'v1' } });
    expect(await s.ok('GET', `${path(tb.episodes, f.episodeScript, e2!)}?fields=Id`)).toEqual({ list: null });
    // Linking a has-many child moves it from its old parent.
    expect(await s.ok('POST', path(tb.series, f.seriesEpisodes, breaking!), [{ Id: e3 }])).toBe(true);
    expect(idsOf(await s.list(tb.series, 'sort=Rank&fields=Episodes')).length).toBe(2);
    expect((await s.list(tb.series, 'sort=Rank&fields=Episodes')).map((r) => r.Episodes)).toEqual([3, 0]);
    expect(await s.ok('DELETE', path(tb.series, f.seriesEpisodes, breaking!), e3)).toBe(true);
    expect((await s.list(tb.series, 'sort=Rank&fields=Episodes')).map((r) => r.Episodes)).toEqual([2, 0]);
    // Belongs-to: linking replaces; the many side sees it.
    expect(await s.ok('POST', path(tb.episodes, f.episodeSeries, e3!), String(better))).toBe(true);
    expect((await s.list(tb.series, 'sort=Rank&fields=Episodes')).map((r) => r.Episodes)).toEqual([2, 1]);
    // Self links: a task and its subtasks.
    const [parent, child1, child2] = await s.records(tb.tasks, [
      { Task: 'ship' },
      { Task: 'build' },
      { Task: 'test' },
    ]);
    expect(await s.ok('POST', path(tb.tasks, f.subtasks, parent!), [child1, { Id: child2 }])).toBe(true);
    const tasks = await s.list(tb.tasks, 'fields=Id,Task,Subtasks,Tasks');
    expect(tasks).toEqual([
      { Id: parent, Task: 'ship', Subtasks: 2, Tasks: null },
      { Id: child1, Task: 'build', Subtasks: 0, Tasks: { Id: parent, Task: 'ship' } },
      { Id: child2, Task: 'test', Subtasks: 0, Tasks: { Id: parent, Task: 'ship' } },
    ]);
  });

  it('lists, links and unlinks through the v3 link endpoints n8n calls', async () => {
    const [breaking] = idsOf(await s.list(tb.series, 'sort=Rank'));
    const [e1, , e3] = idsOf(await s.list(tb.episodes, 'sort=No'));
    const [drama, crime] = idsOf(await s.list(tb.tags));
    const path = `/api/v3/data/${baseId}/${tb.episodes}/links/${f.episodeTags}/${e3}`;
    expect(await s.ok('POST', path, [{ id: drama }, { id: String(crime) }])).toEqual({ success: true });
    const listed = await s.ok('GET', `${path}?fields=Name`);
    expect(listed).toEqual({
      records: [
        { id: drama, fields: { Name: 'drama' } },
        { id: crime, fields: { Name: 'crime' } },
      ],
      next: null,
      prev: null,
    });
    const firstPage = await s.ok('GET', `${path}?fields=Name&limit=1`);
    expect(firstPage.records).toEqual([{ id: drama, fields: { Name: 'drama' } }]);
    expect(firstPage.next).toMatch(/page=2/);
    expect(await s.ok('DELETE', `${path}?records=${drama}`)).toEqual({ success: true });
    expect((await s.ok('GET', path)).records.map((r: { id: number }) => r.id)).toEqual([crime]);
    expect(await s.ok('DELETE', path, [{ id: crime }])).toEqual({ success: true });
    expect((await s.ok('GET', path)).records).toEqual([]);
    const belongs = await s.ok(
      'GET',
      `/api/v3/data/${baseId}/${tb.episodes}/links/${f.episodeSeries}/${e1}?fields=Title`,
    );
    expect(belongs.records).toEqual([{ id: breaking, fields: { Title: 'Breaking' } }]);
  });

  it('refuses bad link requests with NocoDB statuses and changes nothing', async () => {
    const [breaking] = idsOf(await s.list(tb.series, 'sort=Rank'));
    const [e1] = idsOf(await s.list(tb.episodes, 'sort=No'));
    const v2 = (field: string, id: number | string, table = tb.series) =>
      `/api/v2/tables/${table}/links/${field}/records/${id}`;
    const before = await s.ok('GET', v2(f.seriesEpisodes, breaking!));
    const cases: [string, string, unknown, number, RegExp][] = [
      ['GET', v2('cnotafield', breaking!), undefined, 404, /not found/],
      ['GET', v2(f.episodeTags, breaking!), undefined, 400, /does not belong to table 'Series'/],
      ['GET', v2(f.seriesTitle, breaking!), undefined, 400, /not a link field/],
      ['GET', v2(f.seriesEpisodes, 9999), undefined, 404, /Record '9999' not found/],
      ['GET', v2(f.seriesEpisodes, 'abc'), undefined, 404, /not found/],
      ['GET', `/api/v2/tables/mnotatable/links/${f.seriesEpisodes}/records/1`, undefined, 404, /not found/],
      ['POST', v2(f.seriesEpisodes, breaking!), [e1, 9999], 404, /'9999' not found in table 'Episodes'/],
      ['POST', v2(f.seriesEpisodes, breaking!), [e1, e1], 422, /Duplicate record/],
      ['POST', v2(f.seriesEpisodes, breaking!), [{ Id: null }], 422, /needs its id/],
      ['POST', v2(f.seriesEpisodes, breaking!), ['x1'], 404, /'x1' not found/],
      ['POST', v2(f.seriesEpisodes, breaking!), [], 400, /at least one record/],
      ['POST', v2(f.seriesTitle, breaking!), [e1], 400, /not a link field/],
      ['POST', v2(f.episodeSeries, e1!, tb.episodes), [1, 2], 422, /at most one record/],
      ['DELETE', v2(f.seriesEpisodes, 9999), [e1], 404, /not found/],
      [
        'POST',
        `/api/v3/data/${baseId}/${tb.series}/links/${f.seriesEpisodes}/${breaking}`,
        [{ id: 12345 }],
        404,
        /not found/,
      ],
      [
        'GET',
        `/api/v3/data/pnotabase/${tb.series}/links/${f.seriesEpisodes}/${breaking}`,
        undefined,
        404,
        /not found/,
      ],
    ];
    for (const [method, url, body, status, message] of cases) {
      const response = await t.call(method, url, body);
      expect(response.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(status);
      expect(response.body.msg, `${method} ${url}`).toMatch(message);
    }
    expect(await s.ok('GET', v2(f.seriesEpisodes, breaking!))).toEqual(before);
  });

  it('refuses bad link values in record bodies and writes nothing', async () => {
    const count = async () => (await s.list(tb.episodes)).length;
    const start = await count();
    const bad: [unknown, number, RegExp][] = [
      [{ Title: 'X', Series: 9999 }, 422, /record '9999' not found in table 'Series'/],
      [{ Title: 'X', Series: [1, 2] }, 422, /at most one/],
      [{ Title: 'X', Tags: ['nope'] }, 422, /Expected a record id/],
      [{ Title: 'X', Tags: [{ Name: 'drama' }] }, 422, /Expected a record id/],
      [[{ Title: 'X' }, { Title: 'Y', Tags: [424242] }], 422, /not found/],
    ];
    for (const [body, status, message] of bad) {
      const response = await t.call('POST', `/api/v2/tables/${tb.episodes}/records`, body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect(response.body.msg).toMatch(message);
    }
    expect(await count()).toBe(start);
  });

  it('audits every link and unlink and writes an outbox event for each', async () => {
    const [e1] = idsOf(await s.list(tb.episodes, 'sort=No'));
    const [, , pilot] = idsOf(await s.list(tb.tags));
    await s.ok('POST', `/api/v2/tables/${tb.episodes}/links/${f.episodeTags}/records/${e1}`, [pilot]);
    await s.ok('DELETE', `/api/v2/tables/${tb.episodes}/links/${f.episodeTags}/records/${e1}`, [pilot]);
    const trail = await s.ok(
      'GET',
      `/api/v2/tables/${tb.episodes}/records/${e1}/audits?action=record.link,record.unlink&limit=2`,
    );
    expect(trail.list.map((e: { action: string; details: unknown }) => [e.action, e.details])).toEqual([
      [
        'record.unlink',
        { field: 'Tags', field_id: f.episodeTags, related_table_id: tb.tags, linked_ids: [pilot] },
      ],
      [
        'record.link',
        { field: 'Tags', field_id: f.episodeTags, related_table_id: tb.tags, linked_ids: [pilot] },
      ],
    ]);
    const db = t.store.context.db;
    const events = await db
      .selectFrom('tessera_events')
      .select(['type', 'record_ids', 'payload'])
      .where('table_id', '=', tb.episodes)
      .where('type', 'in', ['records.link', 'records.unlink'])
      .orderBy('seq', 'desc')
      .limit(2)
      .execute();
    expect(events.map((e) => [e.type, JSON.parse(e.record_ids)])).toEqual([
      ['records.unlink', [e1]],
      ['records.link', [e1]],
    ]);
    const payload = JSON.parse(events[0]!.payload);
    expect(payload.rows[0]).toMatchObject({ Id: e1, Title: 'E1' });
    expect(payload.details).toMatchObject({ field_id: f.episodeTags, linked_ids: [pilot] });
  });

  it('clears the links of deleted records', async () => {
    const [series] = await s.records(tb.series, [{ Title: 'Doomed', Rank: 9 }]);
    const [tag] = await s.records(tb.tags, [{ Name: 'doomed' }]);
    const [episode] = await s.records(tb.episodes, [{ Title: 'Orphan', No: 9, Series: series, Tags: [tag] }]);
    const [keep] = await s.records(tb.episodes, [{ Title: 'Keeps', No: 10, Tags: [tag] }]);
    await s.ok('DELETE', `/api/v2/tables/${tb.series}/records`, { Id: series });
    expect((await s.ok('GET', `/api/v2/tables/${tb.episodes}/records/${episode}`)).Series).toBeNull();
    await s.ok('DELETE', `/api/v2/tables/${tb.episodes}/records`, { Id: episode });
    expect((await s.ok('GET', `/api/v2/tables/${tb.tags}/records/${tag}`)).Episodes).toBe(1);
    await s.ok('DELETE', `/api/v2/tables/${tb.tags}/records`, { Id: tag });
    expect((await s.ok('GET', `/api/v2/tables/${tb.episodes}/records/${keep}`)).Tags).toBe(0);
    const junction = (await columnsOf(tb.episodes)).find((c) => c.id === f.episodeTags)!.meta
      .junction_table as string;
    const db = t.store.context.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    expect(await db.selectFrom(junction).select('tags_id').where('tags_id', '=', tag!).execute()).toEqual([]);
  });

  it('refuses bad link fields and computed fields in new tables', async () => {
    const add = (tableId: string, body: Record<string, unknown>) =>
      t.call('POST', `/api/v2/meta/tables/${tableId}/columns`, body);
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ title: 'L', uidt: 'Links', childId: tb.tags }, /relation type/],
      [{ title: 'L', uidt: 'Links', type: 'xx', childId: tb.tags }, /relation_type must be one of/],
      [{ title: 'L', uidt: 'Links', type: 'hm' }, /related table/],
      [{ title: 'L', uidt: 'Links', type: 'hm', childId: 'mnope' }, /related table 'mnope' not found/],
      [{ title: 'L', uidt: 'Links', type: 'hm', childId: tb.tags, parentId: tb.series }, /parentId/],
      [{ title: 'L', uidt: 'Links', type: 'hm', childId: tb.tags, rqd: true }, /cannot be required/],
    ];
    for (const [body, message] of cases) {
      const response = await add(tb.notes, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(response.body.msg).toMatch(message);
    }
    const other = await s.base('Elsewhere');
    const far = await s.newTable(other, 'Far');
    const crossBase = await add(tb.notes, { title: 'L', uidt: 'Links', type: 'hm', childId: far.id });
    expect(crossBase.status).toBe(422);
    expect(crossBase.body.msg).toMatch(/same base/);
    const inCreate = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Bad',
      columns: [{ title: 'L', uidt: 'Links', type: 'hm', childId: tb.tags }],
    });
    expect(inCreate.status).toBe(422);
    expect(inCreate.body.msg).toMatch(/added to an existing table/);
    const convert = await t.call('PATCH', `/api/v2/meta/columns/${f.seriesNotes}`, { uidt: 'Number' });
    expect(convert.status).toBe(422);
    expect(convert.body.msg).toMatch(/cannot be converted/);
    const toLink = await t.call('PATCH', `/api/v2/meta/columns/${f.seriesTitle}`, { uidt: 'Links' });
    expect(toLink.status).toBe(422);
    expect((await columnsOf(tb.notes)).map((c) => c.title)).toEqual([
      'Id',
      'Text',
      'CreatedAt',
      'UpdatedAt',
      'Series',
    ]);
  });

  it('renames link fields without touching their key columns or link meta', async () => {
    const renamed = await t.call('PATCH', `/api/v2/meta/columns/${f.noteSeries}`, {
      title: 'Show',
      meta: { related_table_id: tb.tags, color: 'red' },
    });
    expect(renamed.status).toBe(200);
    const field = (await columnsOf(tb.notes)).find((c) => c.id === f.noteSeries)!;
    expect(field).toMatchObject({ title: 'Show', column_name: 'series_id' });
    expect(field.meta).toMatchObject({ related_table_id: tb.series, color: 'red' });
    const [series] = idsOf(await s.list(tb.series, 'sort=Rank'));
    const [note] = await s.records(tb.notes, [{ Text: 'hello', Show: series }]);
    expect((await s.ok('GET', `/api/v2/tables/${tb.notes}/records/${note}`)).Show).toEqual({
      Id: series,
      Title: 'Breaking',
    });
  });

  it('drops a link field together with its inverse, key column and junction table', async () => {
    const junction = (await columnsOf(tb.episodes)).find((c) => c.id === f.episodeTags)!.meta
      .junction_table as string;
    const dropped = await t.call('DELETE', `/api/v2/meta/columns/${f.tagEpisodes}`);
    expect(dropped.status).toBe(200);
    expect((await columnsOf(tb.episodes)).some((c) => c.id === f.episodeTags)).toBe(false);
    expect((await columnsOf(tb.tags)).some((c) => c.id === f.tagEpisodes)).toBe(false);
    expect((await relations()).has(junction)).toBe(false);
    await s.ok('DELETE', `/api/v2/meta/columns/${f.seriesEpisodes}`);
    expect((await columnsOf(tb.episodes)).some((c) => c.id === f.episodeSeries)).toBe(false);
    expect((await relations()).has(`ix_${f.episodeSeries}`)).toBe(false);
    const db = t.store.context.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    await expect(db.selectFrom('episodes').select('series_id').execute()).rejects.toThrow();
    // Both tables still read and write.
    expect((await s.list(tb.episodes, 'fields=Title')).length).toBeGreaterThan(0);
    await s.records(tb.tags, [{ Name: 'after' }]);
    const trail = await s.ok('GET', `/api/v2/meta/bases/${baseId}/audits?action=field.delete&limit=10`);
    expect(trail.list.map((e: { target_id: string }) => e.target_id)).toEqual(
      expect.arrayContaining([f.tagEpisodes, f.episodeTags, f.seriesEpisodes, f.episodeSeries]),
    );
  });

  it('drops the links of a deleted table from the tables it linked to', async () => {
    await s.ok('DELETE', `/api/v2/meta/tables/${tb.scripts}`);
    expect((await columnsOf(tb.episodes)).some((c) => c.id === f.episodeScript)).toBe(false);
    expect((await relations()).has(`uq_${f.episodeScript}`)).toBe(false);
    expect((await s.list(tb.episodes, 'fields=Title')).length).toBeGreaterThan(0);
  });
});
