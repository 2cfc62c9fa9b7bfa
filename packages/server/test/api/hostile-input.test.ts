// Property tests: hostile strings anywhere a client can put one (titles, physical names,
// record values, query parameters, ids in paths) never produce a 5xx, always produce a
// well-formed error body, and never reach a canary table or Tessera's meta tables.
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { type TestDialect, testDialects } from '../../../../test/support/test-databases.ts';

const metaTables = [
  'tessera_api_tokens',
  'tessera_audit_log',
  'tessera_auto_numbers',
  'tessera_base_members',
  'tessera_bases',
  'tessera_comments',
  'tessera_event_sequences',
  'tessera_events',
  'tessera_fields',
  'tessera_hook_attempts',
  'tessera_hook_cursors',
  'tessera_hook_deliveries',
  'tessera_hooks',
  'tessera_invitations',
  'tessera_migrations',
  'tessera_password_resets',
  'tessera_record_positions',
  'tessera_refresh_tokens',
  'tessera_signin_failures',
  'tessera_tables',
  'tessera_table_stats',
  'tessera_users',
  'tessera_view_fields',
  'tessera_view_filters',
  'tessera_view_shares',
  'tessera_view_sorts',
  'tessera_views',
];

/** Pieces that have broken SQL builders, URL parsers, JSON codecs or filter grammars before. */
const hostilePieces = [
  "'",
  "''",
  '"',
  '`',
  '\\',
  '\\\\',
  '%',
  '_',
  '%_%',
  ';',
  '--',
  '/*',
  '*/',
  '(',
  ')',
  ',',
  '~',
  '~and',
  '~or',
  '~not',
  '(Name,eq,x)',
  '(Name,like,%a%)~or(Score,gt,1)',
  '\0',
  '\x01',
  '\x07',
  '\x1b[31m',
  '\x7f',
  '\b',
  '\n',
  '\r\n',
  '\t',
  ' ',
  '\u00a0',
  '\u2028',
  '\u202e',
  '\u200b',
  '\ufeff',
  '\ud800',
  '\udfff',
  '😀',
  '👨‍👩‍👧',
  'é',
  'e\u0301',
  'ß',
  'İ',
  'Ω',
  '中文',
  'العربية',
  '%FF',
  '%C0%AF',
  '%00',
  '%E2%82',
  '%%',
  '%2F',
  '$1',
  '$$',
  '?',
  ':name',
  '@x',
  '#',
  '&',
  '=',
  '+',
  '*',
  '/',
  '..',
  '../',
  '{',
  '}',
  '[',
  ']',
  '{"a":1}',
  '[1,2]',
  'null',
  'undefined',
  'true',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '9007199254740993',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'SELECT',
  'select * from tessera_tables',
  "'; DROP TABLE tessera_tables; --",
  '"; DROP TABLE tessera_fields; --',
  "') OR 1=1 --",
  'UNION SELECT',
  'DELETE FROM',
  'tessera_tables',
  'tessera_bases',
  'tessera_fields',
  'tessera_migrations',
  'tessera_views',
  'sqlite_master',
  'sqlite_sequence',
  'pg_catalog',
  'information_schema',
  'public',
  'id',
  'Id',
  'created_at',
  'CreatedAt',
  'nc_order',
  'rowid',
  'oid',
  'ctid',
];

/** Hostile strings: random unicode, assembled hostile pieces, long strings, and `extra` names. */
function hostileString(extra: readonly string[] = []): fc.Arbitrary<string> {
  const piece = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...hostilePieces, ...extra) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
  );
  return fc.oneof(
    { weight: 5, arbitrary: fc.array(piece, { minLength: 1, maxLength: 8 }).map((parts) => parts.join('')) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 2, arbitrary: fc.constantFrom(...hostilePieces, ...extra) },
    { weight: 1, arbitrary: fc.constant('') },
    {
      weight: 1,
      arbitrary: fc
        .tuple(piece, fc.integer({ min: 300, max: 5000 }))
        .map(([p, n]) => (p || 'x').repeat(Math.ceil(n / Math.max(1, (p || 'x').length)))),
    },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1000, maxLength: 3000 }) },
  );
}

/** Any JSON-ish value a client might send for a field, hostile strings included. */
function hostileValue(extra: readonly string[] = []): fc.Arbitrary<unknown> {
  const s = hostileString(extra);
  return fc.oneof(
    { weight: 6, arbitrary: s },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.integer(),
        fc.double(),
        fc.constantFrom(Number.MAX_SAFE_INTEGER + 2, -0, 1e308, -1e308, 5e-324),
      ),
    },
    { weight: 1, arbitrary: fc.constantFrom(null, true, false) },
    { weight: 1, arbitrary: fc.array(s, { maxLength: 4 }) },
    { weight: 1, arbitrary: fc.dictionary(s, s, { maxKeys: 4 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
}

/** Percent-encodes only what would make the URL unparseable; `%`, quotes and the rest go raw. */
function rawish(text: string): string {
  return [...text.toWellFormed()]
    .map((ch) => (/[\x21-\x7e]/.test(ch) && !'#?/'.includes(ch) ? ch : encodeURIComponent(ch)))
    .join('');
}

/** `encodeURIComponent`, which throws on lone surrogates: those travel as U+FFFD, as a browser sends them. */
function encoded(text: string): string {
  return encodeURIComponent(text.toWellFormed());
}

function describeRequest(method: string, url: string, body?: unknown): string {
  const text = `${method} ${url}${body === undefined ? '' : ` ${JSON.stringify(body)}`}`;
  return text.length > 600 ? `${text.slice(0, 600)}… (${text.length} chars)` : text;
}

const numRuns = Number(process.env.TESSERA_HOSTILE_RUNS ?? 0) || undefined;
const runs = (n: number) => ({ numRuns: numRuns ?? n, endOnFailure: false });

describe.each(testDialects)('hostile input on %s', (dialect: TestDialect) => {
  let t: TestApp;
  let canary: {
    baseId: string;
    tableId: string;
    tableName: string;
    records: unknown;
    count: number;
    columns: unknown;
    bases: number;
  };
  let workBaseId: string;
  let workTableId: string;
  let workRowId: number;

  /** Sends a request; throws (failing the property) on a 5xx or a malformed error body. */
  async function send(method: string, url: string, body?: unknown) {
    let response: Awaited<ReturnType<TestApp['call']>>;
    try {
      response = await t.call(method, url, body);
    } catch (error) {
      throw new Error(`${describeRequest(method, url, body)} threw ${String(error)}`);
    }
    const { status, body: reply } = response;
    if (status >= 500)
      throw new Error(`${describeRequest(method, url, body)} → ${status} ${JSON.stringify(reply)}`);
    if (
      status >= 400 &&
      (typeof reply !== 'object' ||
        reply === null ||
        typeof reply.error !== 'string' ||
        typeof reply.msg !== 'string')
    )
      throw new Error(
        `${describeRequest(method, url, body)} → ${status} malformed error ${JSON.stringify(reply)}`,
      );
    return response;
  }

  /** Physical names a user table must never get: Tessera's own, and (SQLite) the database's reserved ones. */
  const reservedTableName = dialect === 'sqlite' ? /^(tessera_|sqlite_)/ : /^tessera_/;

  const db = () => t.store.context.db as unknown as Kysely<unknown>;

  async function physicalTables(): Promise<string[]> {
    const result =
      dialect === 'sqlite'
        ? await sql<{ name: string }>`
            select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db())
        : await sql<{ name: string }>`
            select table_name as name from information_schema.tables
            where table_schema = current_schema()`.execute(db());
    return result.rows.map((r) => r.name).sort();
  }

  async function canarySnapshot() {
    const records = await t.call('GET', `/api/v2/tables/${canary.tableId}/records?sort=Id&limit=100`);
    const table = await t.call('GET', `/api/v2/meta/tables/${canary.tableId}`);
    const physical = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
      canary.tableName,
    )}`.execute(db());
    const bases = await t.call('GET', '/api/v2/meta/bases');
    return {
      status: [records.status, table.status],
      records: records.body.list,
      count: Number(physical.rows[0]?.n),
      columns: table.body.columns?.map((c: { title: string; column_name: string; uidt: string }) => [
        c.title,
        c.column_name,
        c.uidt,
      ]),
      title: table.body.title,
      canaryBase: bases.body.list.some((b: { id: string }) => b.id === canary.baseId),
    };
  }

  /** The canary is unchanged, the meta tables exist, and every user table is one the meta knows. */
  async function expectNothingLeaked(): Promise<void> {
    const now = await canarySnapshot();
    expect(now.status).toEqual([200, 200]);
    expect(now.records).toEqual(canary.records);
    expect(now.count).toBe(canary.count);
    expect(now.columns).toEqual(canary.columns);
    expect(now.title).toBe('Canary');
    expect(now.canaryBase).toBe(true);
    const tables = await physicalTables();
    expect(tables).toEqual(expect.arrayContaining(metaTables));
    const known = await sql<{ table_name: string }>`select table_name from tessera_tables`.execute(db());
    const userTables = tables.filter((name) => !metaTables.includes(name)).sort();
    expect(userTables).toEqual(known.rows.map((r) => r.table_name).sort());
    for (const name of userTables) expect(name).toMatch(/^[a-z][a-z0-9_]*$/);
  }

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const base = await t.call('POST', '/api/v2/meta/bases', { title: 'Canary' });
    expect(base.status).toBe(200);
    const table = await t.call('POST', `/api/v2/meta/bases/${base.body.id}/tables`, {
      title: 'Canary',
      columns: [
        { title: 'Name', uidt: 'SingleLineText' },
        { title: 'Score', uidt: 'Number' },
        { title: 'Data', uidt: 'JSON' },
        { title: 'Due', uidt: 'Date' },
      ],
    });
    expect(table.status).toBe(200);
    const rows = await t.call('POST', `/api/v2/tables/${table.body.id}/records`, [
      { Name: 'first', Score: 1, Data: { a: 1 }, Due: '2026-01-01' },
      { Name: 'it\'s "quoted" \\ %_', Score: -2, Data: ['x'], Due: null },
      { Name: null, Score: null, Data: null, Due: '1999-12-31' },
    ]);
    expect(rows.status).toBe(200);
    canary = {
      baseId: base.body.id,
      tableId: table.body.id,
      tableName: table.body.table_name,
      records: null,
      count: 0,
      columns: null,
      bases: 0,
    };
    const snapshot = await canarySnapshot();
    expect(snapshot.records).toHaveLength(3);
    canary = { ...canary, records: snapshot.records, count: snapshot.count, columns: snapshot.columns };

    const work = await t.call('POST', '/api/v2/meta/bases', { title: 'Work' });
    workBaseId = work.body.id;
    const workTable = await t.call('POST', `/api/v2/meta/bases/${workBaseId}/tables`, {
      title: 'Work',
      columns: [
        { title: 'Text', uidt: 'SingleLineText' },
        { title: 'Long', uidt: 'LongText' },
        { title: 'Num', uidt: 'Number' },
        { title: 'Dec', uidt: 'Decimal' },
        { title: 'Day', uidt: 'Date' },
        { title: 'When', uidt: 'DateTime' },
        { title: 'Data', uidt: 'JSON' },
        { title: 'Done', uidt: 'Checkbox' },
        { title: 'Pick', uidt: 'SingleSelect', colOptions: { options: [{ title: 'a' }, { title: "b'c" }] } },
        { title: 'Tags', uidt: 'MultiSelect', colOptions: { options: [{ title: 'x' }, { title: 'y z' }] } },
      ],
    });
    expect(workTable.status, JSON.stringify(workTable.body)).toBe(200);
    workTableId = workTable.body.id;
    const row = await t.call('POST', `/api/v2/tables/${workTableId}/records`, { Text: 'seed' });
    workRowId = row.body.Id;
    await expectNothingLeaked();
  });
  afterAll(async () => t?.close());

  const extras = () => [canary.tableName, 'Canary', 'canary', 'Name', 'Score', 'Text', 'Data'];

  it('base titles', async () => {
    await fc.assert(
      fc.asyncProperty(hostileString(extras()), hostileString(extras()), async (title, other) => {
        const created = await send('POST', '/api/v2/meta/bases', { title, description: other, color: other });
        if (created.status !== 200) return;
        const id = created.body.id as string;
        const read = await send('GET', `/api/v2/meta/bases/${id}`);
        expect(read.status).toBe(200);
        await send('PATCH', `/api/v2/meta/bases/${id}`, { title: other });
        await send('PATCH', `/api/v1/db/meta/projects/${id}`, { title, meta: other });
        expect((await send('DELETE', `/api/v2/meta/bases/${id}`)).status).toBe(200);
      }),
      runs(60),
    );
    await expectNothingLeaked();
  });

  it('table titles and table_name', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString(extras()),
        fc.option(hostileString(extras()), { nil: undefined }),
        hostileString(extras()),
        async (title, tableName, renamed) => {
          const created = await send('POST', `/api/v2/meta/bases/${workBaseId}/tables`, {
            title,
            table_name: tableName,
            columns: [{ title: 'Name', uidt: 'SingleLineText' }],
          });
          if (created.status !== 200) return;
          const id = created.body.id as string;
          expect(created.body.table_name).toMatch(/^[a-z][a-z0-9_]*$/);
          expect(created.body.table_name).not.toBe(canary.tableName);
          expect(created.body.table_name).not.toMatch(reservedTableName);
          await send('POST', `/api/v2/tables/${id}/records`, { Name: title });
          await send('PATCH', `/api/v2/meta/tables/${id}`, { title: renamed, table_name: renamed });
          await send('PATCH', `/api/v2/meta/tables/${id}`, { table_name: title });
          const after = await send('GET', `/api/v2/meta/tables/${id}`);
          expect(after.body.table_name).not.toBe(canary.tableName);
          expect(after.body.table_name).not.toMatch(reservedTableName);
          expect((await send('DELETE', `/api/v2/meta/tables/${id}`)).status).toBe(200);
        },
      ),
      runs(40),
    );
    await expectNothingLeaked();
  });

  it('field titles and column_name', async () => {
    const uidts = fc.constantFrom('SingleLineText', 'Number', 'JSON', 'Date', 'SingleSelect', 'Checkbox');
    await fc.assert(
      fc.asyncProperty(
        hostileString(extras()),
        fc.option(hostileString(extras()), { nil: undefined }),
        hostileString(extras()),
        uidts,
        hostileString(extras()),
        async (title, columnName, renamed, uidt, option) => {
          const before = await send('GET', `/api/v2/meta/tables/${workTableId}`);
          const known = new Set((before.body.columns as { id: string }[]).map((c) => c.id));
          const added = await send('POST', `/api/v2/meta/tables/${workTableId}/columns`, {
            title,
            column_name: columnName,
            uidt,
            dtxp: option,
            colOptions: uidt === 'SingleSelect' ? { options: [{ title: option }] } : undefined,
          });
          if (added.status !== 200) return;
          const field = (added.body.columns as { id: string; title: string; column_name: string }[]).find(
            (c) => !known.has(c.id),
          );
          expect(field).toBeDefined();
          expect(field!.column_name).toMatch(/^[a-z][a-z0-9_]*$/);
          await send('POST', `/api/v2/tables/${workTableId}/records`, { [title]: option });
          await send('GET', `/api/v2/tables/${workTableId}/records?fields=${encoded(title)}`);
          await send('PATCH', `/api/v2/meta/columns/${field!.id}`, { title: renamed, column_name: renamed });
          await send('PATCH', `/api/v2/meta/columns/${field!.id}`, { uidt: 'SingleLineText' });
          expect((await send('DELETE', `/api/v2/meta/columns/${field!.id}`)).status).toBe(200);
        },
      ),
      runs(40),
    );
    await expectNothingLeaked();
  });

  it('tables created with many hostile field titles at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString(extras()),
        fc.array(fc.tuple(hostileString(extras()), fc.constantFrom('SingleLineText', 'Number', 'JSON')), {
          minLength: 1,
          maxLength: 5,
        }),
        async (title, fields) => {
          const created = await send('POST', `/api/v2/meta/bases/${workBaseId}/tables`, {
            title,
            columns: fields.map(([name, uidt]) => ({ title: name, column_name: name, uidt })),
          });
          if (created.status !== 200) return;
          const columns = created.body.columns as { column_name: string }[];
          expect(new Set(columns.map((c) => c.column_name)).size).toBe(columns.length);
          expect((await send('DELETE', `/api/v2/meta/tables/${created.body.id}`)).status).toBe(200);
        },
      ),
      runs(30),
    );
    await expectNothingLeaked();
  });

  it('record values of every field type', async () => {
    const fields = fc.constantFrom(
      'Text',
      'Long',
      'Num',
      'Dec',
      'Day',
      'When',
      'Data',
      'Done',
      'Pick',
      'Tags',
    );
    await fc.assert(
      fc.asyncProperty(fields, hostileValue(extras()), fc.boolean(), async (field, value, typecast) => {
        const query = typecast ? '?typecast=true' : '';
        const created = await send('POST', `/api/v2/tables/${workTableId}/records${query}`, {
          [field]: value,
        });
        if (created.status === 200) {
          const id = created.body.Id as number;
          const read = await send('GET', `/api/v2/tables/${workTableId}/records/${id}`);
          expect(read.status).toBe(200);
          // Text goes in and comes out unchanged.
          if ((field === 'Text' || field === 'Long') && typeof value === 'string' && value !== '')
            expect(read.body[field]).toBe(value.toWellFormed());
          await send('DELETE', `/api/v2/tables/${workTableId}/records`, { Id: id });
        }
        await send('PATCH', `/api/v2/tables/${workTableId}/records${query}`, {
          Id: workRowId,
          [field]: value,
        });
        await send('POST', `/api/v3/data/${workBaseId}/${workTableId}/records`, {
          fields: { [field]: value },
        });
        await send('POST', `/api/v2/tables/${workTableId}/records`, [{ Text: 'ok' }, { [field]: value }]);
      }),
      runs(100),
    );
    await expectNothingLeaked();
  });

  it('hostile JSON keys and bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(hostileString(extras()), hostileValue(), { minKeys: 1, maxKeys: 4 }),
        fc.constantFrom(
          () => `/api/v2/tables/${workTableId}/records`,
          () => `/api/v2/meta/bases/${workBaseId}/tables`,
          () => `/api/v2/meta/tables/${workTableId}/columns`,
          () => '/api/v2/meta/bases',
        ),
        async (body, url) => {
          await send('POST', url(), body);
          await send('PATCH', `/api/v2/tables/${workTableId}/records`, { ...body, Id: workRowId });
          await send('POST', `/api/v2/tables/${workTableId}/records`, JSON.stringify(body).slice(0, -1));
        },
      ),
      runs(60),
    );
    // Anything the property created in the work base is fine; the canary must be untouched.
    await expectNothingLeaked();
  });

  it('where, sort, fields and paging parameters', async () => {
    const fieldRef = fc.constantFrom('Text', 'Num', 'Day', 'Data', 'Pick', 'Tags', 'Done', 'Id', 'When');
    const op = fc.constantFrom(
      'eq',
      'neq',
      'like',
      'nlike',
      'gt',
      'lt',
      'gte',
      'le',
      'in',
      'btw',
      'blank',
      'notblank',
      'allof',
      'anyof',
      'isWithin',
      'checked',
      'nope',
    );
    const whereArb = fc.oneof(
      hostileString(extras()),
      fc
        .tuple(fc.oneof(fieldRef, hostileString(extras())), op, hostileString(extras()))
        .map(([f, o, v]) => `(${f},${o},${v})`),
      fc
        .tuple(fieldRef, op, hostileString(extras()), fc.constantFrom('~and', '~or', '~not', ''), fieldRef)
        .map(([f, o, v, join, g]) => `(${f},${o},exactDate,${v})${join}(${g},eq,${v})`),
    );
    await fc.assert(
      fc.asyncProperty(
        whereArb,
        hostileString(extras()),
        hostileString(extras()),
        fc.oneof(hostileString(), fc.integer().map(String)),
        fc.boolean(),
        async (where, sort, fields, paging, raw) => {
          const enc = raw ? rawish : encoded;
          const base = `/api/v2/tables/${workTableId}/records`;
          await send('GET', `${base}?where=${enc(where)}`);
          await send('GET', `${base}?where=${enc(where)}&sort=${enc(sort)}&fields=${enc(fields)}`);
          await send('GET', `${base}?sort=${enc(sort)}`);
          await send('GET', `${base}?fields=${enc(fields)}`);
          await send('GET', `${base}/count?where=${enc(where)}`);
          await send('GET', `${base}?limit=${enc(paging)}&offset=${enc(paging)}&page=${enc(paging)}`);
          await send('GET', `${base}?pks=${enc(fields)}&viewId=${enc(sort)}&shuffle=${enc(paging)}`);
          await send('GET', `${base}?w=${enc(where)}&s=${enc(sort)}&f=${enc(fields)}&where=${enc(sort)}`);
          await send(
            'GET',
            `/api/v3/data/${workBaseId}/${workTableId}/records?where=${enc(where)}&sort=${enc(sort)}&fields=${enc(fields)}&pageSize=${enc(paging)}`,
          );
          await send(
            'GET',
            `/api/v3/data/${workBaseId}/${workTableId}/records?sort=${enc(JSON.stringify([{ field: fields, direction: sort }]))}`,
          );
          await send('GET', `/api/v3/data/${workBaseId}/${workTableId}/count?where=${enc(where)}`);
          await send('GET', `/api/v2/tables/${canary.tableId}/records?where=${enc(where)}&sort=${enc(sort)}`);
        },
      ),
      runs(80),
    );
    await expectNothingLeaked();
  });

  it('record ids and other ids in paths and bodies', async () => {
    const idArb = fc.oneof(
      hostileString(extras()),
      fc.constantFrom('0', '-1', '1.5', '1e3', '0x10', ' 1', '1 ', '01', '9007199254740993', '1;DROP'),
      fc.integer().map(String),
    );
    await fc.assert(
      fc.asyncProperty(idArb, fc.boolean(), async (id, raw) => {
        const enc = raw ? rawish : encoded;
        const p = enc(id);
        await send('GET', `/api/v2/tables/${workTableId}/records/${p}`);
        await send('GET', `/api/v2/tables/${workTableId}/records/${p}?fields=Text`);
        await send('GET', `/api/v3/data/${workBaseId}/${workTableId}/records/${p}`);
        await send('PATCH', `/api/v2/tables/${workTableId}/records`, { Id: id, Text: 'patched' });
        await send('DELETE', `/api/v2/tables/${workTableId}/records`, { Id: id });
        await send('DELETE', `/api/v2/tables/${workTableId}/records`, [{ Id: id }, { Id: workRowId + 1e6 }]);
        await send('PATCH', `/api/v3/data/${workBaseId}/${workTableId}/records`, {
          id,
          fields: { Text: 'x' },
        });
        await send('DELETE', `/api/v3/data/${workBaseId}/${workTableId}/records`, { id });
        await send('GET', `/api/v2/tables/${p}/records`);
        await send('GET', `/api/v2/tables/${p}/records/${p}`);
        await send('POST', `/api/v2/tables/${p}/records`, { Text: 'x' });
        await send('GET', `/api/v3/data/${p}/${p}/records`);
        await send('GET', `/api/v2/meta/bases/${p}`);
        await send('GET', `/api/v2/meta/bases/${p}/tables`);
        await send('POST', `/api/v2/meta/bases/${p}/tables`, { title: 'x' });
        await send('GET', `/api/v2/meta/tables/${p}`);
        await send('PATCH', `/api/v2/meta/tables/${p}`, { title: 'x' });
        await send('GET', `/api/v2/meta/columns/${p}`);
        await send('POST', `/api/v2/meta/tables/${p}/columns`, { title: 'x', uidt: 'Number' });
        await send('GET', `/api/v2/meta/views/${p}/filters`);
        await send('GET', `/api/v2/meta/filters/${p}`);
        await send('GET', `/api/v2/meta/sorts/${p}`);
        await send('GET', `/api/v2/meta/tables/${p}/views`);
        await send('GET', `/api/v3/meta/bases/${p}/tables/${p}`);
        await send('GET', `/api/v2/tables/${workTableId}/records?viewId=${p}`);
      }),
      runs(60),
    );
    await expectNothingLeaked();
  });

  // Regression tests for the bugs the properties found; each names the request that broke
  // (a 500, or an error body without `error`/`msg`).
  const isError = (reply: { error?: unknown; msg?: unknown }) =>
    typeof reply?.error === 'string' && typeof reply?.msg === 'string';

  it('[bug] a NUL character in a title, a value or an id is a 4xx, not a 500 (PostgreSQL 22021/22P05)', async () => {
    const replies = [
      await t.call('POST', '/api/v2/meta/bases', { title: 'a\u0000b' }),
      await t.call('POST', `/api/v2/tables/${workTableId}/records`, { Text: 'a\u0000b' }),
      await t.call('POST', `/api/v2/tables/${workTableId}/records`, { Data: { k: '\u0000' } }),
      await t.call('GET', '/api/v2/meta/bases/%00'),
      await t.call('GET', `/api/v2/tables/${workTableId}/records?viewId=%00`),
    ];
    for (const reply of replies) {
      expect(reply.status).toBeGreaterThanOrEqual(400);
      expect(reply.status).toBeLessThan(500);
      expect(isError(reply.body)).toBe(true);
    }
  });

  it('[bug] a table title or table_name that maps to sqlite_* is a 4xx or renamed, not a 500 (SQLite)', async () => {
    const created = await t.call('POST', `/api/v2/meta/bases/${workBaseId}/tables`, {
      title: 'sqlite_sequence',
    });
    expect(created.status).toBeLessThan(500);
    const other = await t.call('POST', `/api/v2/meta/bases/${workBaseId}/tables`, {
      title: 'Fine',
      columns: [{ title: 'A', uidt: 'SingleLineText' }],
    });
    const renamed = await t.call('PATCH', `/api/v2/meta/tables/${other.body.id}`, {
      table_name: 'sqlite_stat1',
    });
    expect(renamed.status).toBeLessThan(500);
  });

  it('[bug] a field named like a system column (rowid, oid / ctid, xmin) is a 4xx or renamed, not a 500', async () => {
    const table = await t.call('POST', `/api/v2/meta/bases/${workBaseId}/tables`, {
      title: 'System names',
      columns: [{ title: 'A', uidt: 'SingleLineText' }],
    });
    const statuses: number[] = [];
    for (const title of ['rowid', 'oid', '_rowid_', 'ctid', 'xmin', 'tableoid'])
      statuses.push(
        (await t.call('POST', `/api/v2/meta/tables/${table.body.id}/columns`, { title, uidt: 'Number' }))
          .status,
      );
    statuses.push(
      (
        await t.call('POST', `/api/v2/meta/bases/${workBaseId}/tables`, {
          title: 'System names 2',
          columns: [{ title: 'ctid', uidt: 'JSON' }],
        })
      ).status,
    );
    const columnA = (table.body.columns as { id: string; title: string }[]).find((c) => c.title === 'A')!;
    for (const name of ['rowid', 'ctid'])
      statuses.push(
        (await t.call('PATCH', `/api/v2/meta/columns/${columnA.id}`, { title: name, column_name: name }))
          .status,
      );
    for (const status of statuses) expect(status).toBeLessThan(500);
  });

  it('[bug] a JSON value holding a lone UTF-16 surrogate is stored or refused with a 4xx, not a 500 (PostgreSQL 22P02)', async () => {
    for (const [query, record] of [
      ['', { Data: { k: '\ud800' } }],
      ['', { Data: { '\udfff': 1 } }],
      ['', { Data: '"\\ud800"' }],
      ['?typecast=true', { Data: "\ud800'" }],
    ] as const) {
      const reply = await t.call('POST', `/api/v2/tables/${workTableId}/records${query}`, record);
      expect(reply.status).toBeLessThan(500);
    }
  });

  it('[bug] v3 list with sort=null or sort=[null] is a 4xx, not a 500 (TypeError in v3Sort)', async () => {
    for (const sort of ['null', '%5Bnull%5D']) {
      const listed = await t.call('GET', `/api/v3/data/${workBaseId}/${workTableId}/records?sort=${sort}`);
      expect(listed.status).toBeLessThan(500);
    }
  });

  it('[bug] a malformed or over-long path parameter answers with the {error, msg} body', async () => {
    const badUrl = await t.call('GET', `/api/v2/tables/${workTableId}/records/%`);
    expect(badUrl.status).toBe(400);
    expect(isError(badUrl.body)).toBe(true);
    const tooLong = await t.call('GET', `/api/v2/tables/${workTableId}/records/${'1'.repeat(600)}`);
    expect(tooLong.status).toBeLessThan(500);
    expect(isError(tooLong.body)).toBe(true);
  });

  it('leaves the canary table and the meta tables intact', async () => {
    await expectNothingLeaked();
    const rows = await t.call('GET', `/api/v2/tables/${canary.tableId}/records?sort=Id`);
    expect(rows.body.list.map((r: { Name: string | null }) => r.Name)).toEqual([
      'first',
      'it\'s "quoted" \\ %_',
      null,
    ]);
  });
});
