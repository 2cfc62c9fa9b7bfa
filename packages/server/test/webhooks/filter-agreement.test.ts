// The webhook condition evaluator (core/filter/filter-evaluator.ts) and the SQL filter compiler
// (store/query/filter-compiler.ts) must agree: every operator is run both ways on the same
// records — in SQL through the records API's `where`, in JavaScript on the records as the API
// returns them (the shape outbox rows have) — and must select the same records.
import {
  bindFilter,
  combineFilters,
  evaluateFilter,
  filterFieldResolver,
  recordValueReader,
} from '@tessera/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';

const rows: Record<string, unknown>[] = [
  {
    Title: 'Alpha',
    Qty: 1,
    Price: 1.5,
    Done: true,
    Stage: 'a',
    Tags: 'x,y',
    Due: '2024-01-05',
    At: '2024-01-05 10:00:00+00:00',
    Slot: '09:30:00',
    Meta: { k: 'alpha' },
    Mail: 'a@example.com',
  },
  {
    Title: 'alpha beta',
    Qty: -3,
    Price: 2.25,
    Done: false,
    Stage: 'b',
    Tags: 'y',
    Due: '2024-02-01',
    At: '2024-01-05 23:59:59+00:00',
    Slot: '12:00:00',
    Meta: [1, 2],
    Mail: null,
  },
  {
    Title: 'ALPHA',
    Qty: 0,
    Price: null,
    Done: null,
    Stage: null,
    Tags: 'x,y,z',
    Due: null,
    At: '2024-01-06 00:00:00+00:00',
    Slot: null,
    Meta: '"alpha"',
    Mail: 'b@example.com',
  },
  {
    Title: '',
    Qty: null,
    Price: 0,
    Done: true,
    Stage: 'c',
    Tags: null,
    Due: '2023-12-31',
    At: null,
    Slot: '23:59:59',
    Meta: 5,
    Mail: '',
  },
  {
    Title: null,
    Qty: 10,
    Price: -1.5,
    Done: false,
    Stage: 'a',
    Tags: 'z',
    Due: '2024-01-05',
    At: '2023-12-31 12:00:00+00:00',
    Slot: '00:00:00',
    Meta: null,
    Mail: 'c@example.com',
  },
  {
    Title: '10% off_sale',
    Qty: 7,
    Price: 99.99,
    Done: true,
    Stage: 'b',
    Tags: 'x',
    Due: '2024-03-01',
    At: '2024-03-01 08:15:00+00:00',
    Slot: '18:45:00',
    Meta: [],
    Mail: 'd@example.com',
  },
  {
    Title: 'back\\slash',
    Qty: 2,
    Price: 1.5,
    Done: false,
    Stage: 'c',
    Tags: 'y,z',
    Due: '2024-01-04',
    At: '2024-01-04 23:00:00+00:00',
    Slot: '09:30:00',
    Meta: {},
    Mail: null,
  },
  {
    Title: 'Beta',
    Qty: 3,
    Price: 3,
    Done: null,
    Stage: 'a',
    Tags: 'x,z',
    Due: '2024-01-06',
    At: '2024-01-05 00:00:00+00:00',
    Slot: '10:15:00',
    Meta: true,
    Mail: 'e@example.com',
  },
];

/** One `where` per operator and kind of field, plus joins, NOT and groups. */
const wheres = [
  '(Title,eq,Alpha)',
  '(Title,neq,Alpha)',
  '(Title,like,alpha)',
  '(Title,nlike,alpha)',
  '(Title,like,alpha%)',
  '(Title,like,%a)',
  '(Title,like,0%o)',
  '(Title,like,f_s)',
  '(Title,like,\\)',
  '(Title,in,Alpha,Beta)',
  '(Title,blank)',
  '(Title,notblank)',
  '(Title,null)',
  '(Title,notnull)',
  '(Title,is,empty)',
  '(Title,isnot,null)',
  '(Qty,eq,0)',
  '(Qty,neq,0)',
  '(Qty,gt,1)',
  '(Qty,ge,1)',
  '(Qty,lt,2.5)',
  '(Qty,le,-3)',
  '(Qty,btw,0,7)',
  '(Qty,nbtw,0,7)',
  '(Qty,in,1,2,3)',
  '(Qty,blank)',
  '(Qty,notblank)',
  '(Price,eq,1.5)',
  '(Price,gt,1.5)',
  '(Price,le,0)',
  '(Price,btw,-2,2.25)',
  '(Price,neq,1.5)',
  '(Done,checked)',
  '(Done,notchecked)',
  '(Done,eq,true)',
  '(Done,eq,false)',
  '(Done,neq,true)',
  '(Done,is,true)',
  '(Done,null)',
  '(Stage,eq,a)',
  '(Stage,neq,a)',
  '(Stage,anyof,a,b)',
  '(Stage,nanyof,a,b)',
  '(Stage,in,b,c)',
  '(Stage,like,B)',
  '(Stage,blank)',
  '(Tags,anyof,x)',
  '(Tags,anyof,x,z)',
  '(Tags,allof,x,y)',
  '(Tags,nanyof,z)',
  '(Tags,nallof,x,y)',
  '(Tags,eq,x,y)',
  '(Tags,like,y)',
  '(Tags,blank)',
  '(Due,eq,exactDate,2024-01-05)',
  '(Due,neq,exactDate,2024-01-05)',
  '(Due,gt,exactDate,2024-01-05)',
  '(Due,lt,exactDate,2024-01-05)',
  '(Due,ge,2024-01-05)',
  '(Due,le,2024-01-05)',
  '(Due,btw,2024-01-01,2024-01-31)',
  '(Due,isWithin,pastNumberOfDays,100000)',
  '(Due,blank)',
  '(Due,lt,today)',
  '(At,eq,exactDate,2024-01-05)',
  '(At,neq,exactDate,2024-01-05)',
  '(At,gt,exactDate,2024-01-05)',
  '(At,ge,exactDate,2024-01-05)',
  '(At,lt,exactDate,2024-01-05)',
  '(At,le,exactDate,2024-01-05)',
  '(At,btw,2024-01-01,2024-01-05)',
  '(At,notblank)',
  '(Slot,eq,09:30)',
  '(Slot,gt,12:00)',
  '(Slot,le,10:15:00)',
  '(Slot,in,09:30,23:59:59)',
  '(Slot,btw,09:00,12:00)',
  '(Meta,eq,5)',
  '(Meta,eq,alpha)',
  '(Meta,eq,[1,2])',
  '(Meta,eq,true)',
  '(Meta,neq,5)',
  '(Meta,like,alpha)',
  '(Meta,blank)',
  '(Meta,notblank)',
  '(Meta,empty)',
  '(Mail,like,example)',
  '(Mail,eq,a@example.com)',
  '(Mail,blank)',
  '(Qty,gt,1)~or(Title,like,alpha)~and(Done,checked)',
  '(Qty,gt,1)~and(Title,like,alpha)~or(Done,checked)',
  '~not(Qty,gt,1)',
  '(Stage,eq,a)~not(Qty,gt,5)',
  '((Qty,gt,1)~or(Price,lt,0))~and(Stage,neq,c)',
  '@((Qty,gt,1) ~or (Done,eq,true)) ~and (Title,notblank)',
  '@(Title,like,"alpha")~not(Qty,eq,0)',
];

describe.each(testDialects)('JS condition evaluator and SQL filter compiler agree on %s', (dialect) => {
  let t: TestApp;
  let tableId: string;
  let all: Record<string, unknown>[];

  beforeAll(async () => {
    t = await createTestApp(dialect);
    const base = (await t.call('POST', '/api/v2/meta/bases', { title: 'Agreement' })).body;
    const table = await t.call('POST', `/api/v2/meta/bases/${base.id}/tables`, {
      title: 'Everything',
      columns: [
        { title: 'Title', uidt: 'SingleLineText' },
        { title: 'Qty', uidt: 'Number' },
        { title: 'Price', uidt: 'Decimal' },
        { title: 'Done', uidt: 'Checkbox' },
        {
          title: 'Stage',
          uidt: 'SingleSelect',
          colOptions: { options: ['a', 'b', 'c'].map((title) => ({ title })) },
        },
        {
          title: 'Tags',
          uidt: 'MultiSelect',
          colOptions: { options: ['x', 'y', 'z'].map((title) => ({ title })) },
        },
        { title: 'Due', uidt: 'Date' },
        { title: 'At', uidt: 'DateTime' },
        { title: 'Slot', uidt: 'Time' },
        { title: 'Meta', uidt: 'JSON' },
        { title: 'Mail', uidt: 'Email' },
      ],
    });
    expect(table.status, JSON.stringify(table.body)).toBe(200);
    tableId = table.body.id;
    const inserted = await t.call('POST', `/api/v2/tables/${tableId}/records`, rows);
    expect(inserted.status, JSON.stringify(inserted.body)).toBe(200);
    all = (await t.call('GET', `/api/v2/tables/${tableId}/records?limit=100&sort=Id`)).body.list;
    expect(all).toHaveLength(rows.length);
  });
  afterAll(async () => t?.close());

  it('select the same records for every operator', async () => {
    const table = await t.store.tables.get(tableId);
    const disagreements: string[] = [];
    for (const where of wheres) {
      const sql = await t.call(
        'GET',
        `/api/v2/tables/${tableId}/records?limit=100&sort=Id&fields=Id&where=${encodeURIComponent(where)}`,
      );
      if (sql.status !== 200) {
        disagreements.push(`${where}: SQL answered ${sql.status} ${JSON.stringify(sql.body)}`);
        continue;
      }
      const expression = combineFilters(where);
      const bound = bindFilter(expression!, { resolve: filterFieldResolver(table), now: new Date() });
      const inJs = all.filter((record) => evaluateFilter(bound, recordValueReader(record))).map((r) => r.Id);
      const inSql = (sql.body.list as { Id: number }[]).map((r) => r.Id);
      if (JSON.stringify(inJs) !== JSON.stringify(inSql))
        disagreements.push(`${where}: SQL ${JSON.stringify(inSql)}, JS ${JSON.stringify(inJs)}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('covers a real choice for most operators (neither all nor none of the records)', async () => {
    const table = await t.store.tables.get(tableId);
    const trivial = wheres.filter((where) => {
      const bound = bindFilter(combineFilters(where)!, {
        resolve: filterFieldResolver(table),
        now: new Date(),
      });
      const count = all.filter((record) => evaluateFilter(bound, recordValueReader(record))).length;
      return count === 0 || count === all.length;
    });
    expect(trivial.length).toBeLessThanOrEqual(3);
  });
});
