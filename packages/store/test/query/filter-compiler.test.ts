import type { FieldTypeName, FilterField, FilterKind, StorageKind } from '@tessera/core';
import { bindFilter, combineFilters, TesseraError } from '@tessera/core';
import fc from 'fast-check';
import { type Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testDialects } from '../../../../test/support/test-databases.ts';
import type { Database } from '../../src/dialect/dialect-adapter.ts';
import { openDatabase } from '../../src/dialect/open-database.ts';
import { compileFilter } from '../../src/query/filter-compiler.ts';

function field(
  title: string,
  uidt: FieldTypeName,
  filterKind: FilterKind,
  storage: StorageKind,
  columnName: string,
): FilterField {
  return { id: `fld_${title.toLowerCase()}`, title, columnName, uidt, filterKind, storage };
}

/** One column per storage kind; Name's column has a quote and a space to prove identifiers are quoted. */
const fields = [
  field('Name', 'SingleLineText', 'text', 'text', 'na"me col'),
  field('Qty', 'Number', 'number', 'integer', 'qty'),
  field('Price', 'Decimal', 'number', 'real', 'price'),
  field('Done', 'Checkbox', 'boolean', 'boolean', 'done'),
  field('Due', 'Date', 'date', 'date', 'due'),
  field('At', 'DateTime', 'datetime', 'datetime', 'at'),
  field('Tm', 'Time', 'time', 'time', 'tm'),
  field('Status', 'SingleSelect', 'select', 'text', 'status'),
  field('Tags', 'MultiSelect', 'multiselect', 'text', 'tags'),
  field('Data', 'JSON', 'json', 'json', 'data'),
] as const;

const resolve = (ref: string): FilterField | undefined => fields.find((f) => f.title === ref || f.id === ref);
const now = new Date('2024-03-15T12:00:00Z');

type Row = readonly [
  string | null,
  number | null,
  number | null,
  boolean | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  unknown,
];

/** Rows 1…10, values in field order (canonical form). */
const rows: readonly Row[] = [
  ['Ann', 5, 1.5, true, '2024-03-15', '2024-03-15 08:00:00+00:00', '09:00:00', 'Open', 'a,b', 'hello'],
  ['ann', 10, 2.25, false, '2024-03-14', '2024-03-14 23:59:59+00:00', '17:30:00', 'Done', 'b', 5],
  ['Bob', null, null, null, null, null, null, null, null, null],
  ['', 0, 0, false, '2024-03-08', '2024-03-16 00:00:00+00:00', '00:00:00', '', 'c,ab', [1, 2]],
  ['50% off_x', -3, -0.5, true, '2024-02-15', '2024-02-15 12:00:00+00:00', '23:59:59', 'Open', 'a', true],
  ["O'Brien (x)", 7, 7, true, '2024-04-15', '2024-03-22 00:00:00+00:00', '12:00:00', 'Done', 'A', { k: 'v' }],
  ['ÄBC', 100, 99.99, false, '2023-03-15', '2023-03-15 00:00:00+00:00', '09:00:00', 'Open', 'a,b,c', ''],
  ['back\\slash', 1, 1, null, '2024-03-16', '2024-03-15 00:00:00+00:00', '09:30:00', 'Later', '', {}],
  [null, 2, 2.5, true, '2024-03-22', '2024-03-15 23:59:59+00:00', '10:00:00', 'Open', 'b,c', []],
  ['x,y', 3, 3, false, '2025-03-15', '2024-04-15 10:00:00+00:00', '08:00:00', 'Done', 'a,c', 'Hello World'],
];

const all = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const except = (...ids: number[]) => all.filter((id) => !ids.includes(id));

const cases: readonly [string, readonly number[]][] = [
  // Text: = is case-sensitive, like is case-insensitive, neq / nlike / NOT include NULL.
  ['(Name,eq,Ann)', [1]],
  ['(fld_name,eq,ann)', [2]],
  ['(Name,neq,Ann)', except(1)],
  ['~not(Name,eq,Ann)', except(1)],
  ['(Name,like,ann)', [1, 2]],
  ['(Name,nlike,ann)', except(1, 2)],
  ['(Name,like,50%)', [5]],
  ['(Name,like,%_)', except(4, 9)],
  ['(Name,like,%)', except(9)],
  ['(Name,like,o_)', []],
  ['(Name,like,off_x)', [5]],
  ['(Name,like,\\)', [8]],
  ['(Name,like,(x))', [6]],
  ["(Name,eq,O'Brien (x))", [6]],
  ['(Name,eq,x,y)', [10]],
  ['(Name,in,Ann,Bob)', [1, 3]],
  ['(Name,blank)', [4, 9]],
  ['(Name,notblank)', except(4, 9)],
  ['(Name,null)', [9]],
  ['(Name,eq)', [9]],
  ['(Name,eq,)', [4]],
  // Numbers compare numerically; fractions against integer columns work.
  ['(Qty,gt,5)', [2, 6, 7]],
  ['(Qty,ge,5)', [1, 2, 6, 7]],
  ['(Qty,lt,1.5)', [4, 5, 8]],
  ['(Qty,eq,1.0)', [8]],
  ['(Qty,eq,1.5)', []],
  ['(Qty,neq,5)', except(1)],
  ['(Qty,in,1,2,3)', [8, 9, 10]],
  ['(Qty,in,1.5,2)', [9]],
  ['(Qty,btw,2,7)', [1, 6, 9, 10]],
  ['(Qty,nbtw,2,7)', [2, 3, 4, 5, 7, 8]],
  ['(Qty,blank)', [3]],
  ['(Qty,gt,99999999999999999999)', []],
  ['(Price,gt,2.25)', [6, 7, 9, 10]],
  ['(Price,le,0)', [4, 5]],
  ['(Price,eq,7)', [6]],
  // Checkbox: NULL is unchecked.
  ['(Done,checked)', [1, 5, 6, 9]],
  ['(Done,notchecked)', [2, 3, 4, 7, 8, 10]],
  ['(Done,eq,false)', [2, 3, 4, 7, 8, 10]],
  ['(Done,is,true)', [1, 5, 6, 9]],
  ['(Done,blank)', [3, 8]],
  // Date (today 2024-03-15)
  ['(Due,eq,today)', [1]],
  ['(Due,eq,yesterday)', [2]],
  ['(Due,eq,tomorrow)', [8]],
  ['(Due,lt,today)', [2, 4, 5, 7]],
  ['(Due,le,today)', [1, 2, 4, 5, 7]],
  ['(Due,gt,today)', [6, 8, 9, 10]],
  ['(Due,neq,today)', except(1)],
  ['(Due,eq,oneWeekAgo)', [4]],
  ['(Due,eq,oneWeekFromNow)', [9]],
  ['(Due,eq,oneMonthAgo)', [5]],
  ['(Due,eq,oneMonthFromNow)', [6]],
  ['(Due,eq,daysAgo,366)', [7]],
  ['(Due,eq,exactDate,2025-03-15)', [10]],
  ['(Due,eq,2025-03-15)', [10]],
  ['(Due,isWithin,pastWeek)', [1, 2, 4]],
  ['(Due,isWithin,pastMonth)', [1, 2, 4, 5]],
  ['(Due,isWithin,pastYear)', [1, 2, 4, 5, 7]],
  ['(Due,isWithin,nextWeek)', [1, 8, 9]],
  ['(Due,isWithin,nextMonth)', [1, 6, 8, 9]],
  ['(Due,isWithin,nextYear)', [1, 6, 8, 9, 10]],
  ['(Due,isWithin,pastNumberOfDays,1)', [1, 2]],
  ['(Due,btw,2024-03-01,2024-03-31)', [1, 2, 4, 8, 9]],
  ['(Due,blank)', [3]],
  ['(Due,eq,null)', [3]],
  // DateTime: a day is [midnight, next midnight) UTC.
  ['(At,eq,today)', [1, 8, 9]],
  ['(At,neq,today)', [2, 3, 4, 5, 6, 7, 10]],
  ['(At,gt,today)', [4, 6, 10]],
  ['(At,ge,today)', [1, 4, 6, 8, 9, 10]],
  ['(At,lt,today)', [2, 5, 7]],
  ['(At,le,today)', [1, 2, 5, 7, 8, 9]],
  ['(At,isWithin,pastWeek)', [1, 2, 8, 9]],
  ['(At,isWithin,nextWeek)', [1, 4, 6, 8, 9]],
  ['(At,eq,oneMonthAgo)', [5]],
  ['(At,btw,2024-03-15,2024-03-16)', [1, 4, 8, 9]],
  // Time
  ['(Tm,eq,9:00)', [1, 7]],
  ['(Tm,gt,09:30)', [2, 5, 6, 9]],
  ['(Tm,btw,09:00,10:00)', [1, 7, 8, 9]],
  ['(Tm,lt,1:00)', [4]],
  ['(Tm,in,08:00,12:00)', [6, 10]],
  // SingleSelect
  ['(Status,eq,Open)', [1, 5, 7, 9]],
  ['(Status,anyof,Done,Later)', [2, 6, 8, 10]],
  ['(Status,nanyof,Open)', [2, 3, 4, 6, 8, 10]],
  ['(Status,blank)', [3, 4]],
  ['(Status,like,o)', [1, 2, 5, 6, 7, 9, 10]],
  // MultiSelect: whole options, case-sensitive.
  ['(Tags,anyof,a)', [1, 5, 7, 10]],
  ['(Tags,anyof,A)', [6]],
  ['(Tags,anyof,ab)', [4]],
  ['(Tags,anyof,a,ab)', [1, 4, 5, 7, 10]],
  ['(Tags,allof,a,b)', [1, 7]],
  ['(Tags,allof,b,a)', [1, 7]],
  ['(Tags,nanyof,a)', [2, 3, 4, 6, 8, 9]],
  ['(Tags,nallof,a,b)', [2, 3, 4, 5, 6, 8, 9, 10]],
  ['(Tags,anyof,%)', []],
  ['(Tags,anyof,_)', []],
  ['(Tags,blank)', [3, 8]],
  ['(Tags,eq,a,b)', [1]],
  // JSON: equality compares JSON values; blank is NULL, "", {} or [].
  ['(Data,eq,hello)', [1]],
  ['(Data,eq,"hello")', [1]],
  ['(Data,eq,5)', [2]],
  ['(Data,eq,5.0)', [2]],
  ['(Data,eq,[1,2])', [4]],
  ['(Data,eq,true)', [5]],
  ['(Data,neq,5)', except(2)],
  ['(Data,blank)', [3, 7, 8, 9]],
  ['(Data,notblank)', [1, 2, 4, 5, 6, 10]],
  ['(Data,eq,)', [3, 7, 8, 9]],
  ['(Data,like,hello)', [1, 10]],
  ['(Data,like,v)', [6]],
  // Precedence: AND / AND NOT bind tighter than OR; groups as written; NOT is a complement.
  ['(Qty,gt,5)~or(Done,checked)~and(Status,eq,Open)', [1, 2, 5, 6, 7, 9]],
  ['((Qty,gt,5)~or(Done,checked))~and(Status,eq,Open)', [1, 5, 7, 9]],
  ['(Status,eq,Open)~not(Done,checked)', [7]],
  ['(Done,checked)~or(Status,eq,Open)~not(Qty,gt,1)', [1, 5, 6, 9]],
  ['~not(Qty,gt,5)', [1, 3, 4, 5, 8, 9, 10]],
  ['~not((Qty,gt,5)~or(Qty,blank))', [1, 4, 5, 8, 9, 10]],
  ["@('Name',eq,'x,y')~or(fld_qty,eq,7)", [6, 10]],
];

describe.each(testDialects)('compileFilter on %s', (dialect) => {
  let database: Database;
  let db: Kysely<unknown>;
  let drop: () => Promise<void>;

  const select = async (where: string | readonly string[]): Promise<number[]> => {
    const expression = combineFilters(where);
    if (!expression) throw new Error('empty filter');
    const condition = compileFilter(bindFilter(expression, { resolve, now }), database.dialect);
    const result = await sql<{ id: number }>`select id from t where ${condition} order by id`.execute(db);
    return result.rows.map((row) => Number(row.id));
  };

  beforeAll(async () => {
    const created = await createTestDatabase(dialect);
    drop = created.drop;
    if (created.config.kind === 'postgres') {
      const schema = created.config.schema.replaceAll('"', '""');
      const admin = openDatabase(created.config);
      await sql.raw(`create schema if not exists "${schema}"`).execute(admin.db);
      await admin.close();
    }
    database = openDatabase(created.config);
    db = database.db;
    const adapter = database.dialect;
    const columns = fields.map((f) => sql`${sql.id(f.columnName)} ${sql.raw(adapter.columnType(f.storage))}`);
    await sql`create table t (id ${sql.raw(adapter.autoIncrementPrimaryKey())}, ${sql.join(columns)})`.execute(
      db,
    );
    for (const row of rows) {
      const values = fields.map((f, index) => sql.val(adapter.encodeValue(f.storage, row[index])));
      await sql`insert into t (${sql.join(fields.map((f) => sql.id(f.columnName)))}) values (${sql.join(values)})`.execute(
        db,
      );
    }
  });

  afterAll(async () => {
    await database?.close();
    await drop?.();
  });

  it.each(cases)('%s', async (where, ids) => {
    expect(await select(where)).toEqual(ids);
  });

  it('ANDs several where parameters', async () => {
    expect(await select(['(Qty,gt,1)', '(Done,checked)~or(Status,eq,Done)'])).toEqual([1, 2, 6, 9, 10]);
  });

  it('keeps values out of the SQL text', async () => {
    const condition = compileFilter(
      bindFilter(combineFilters("(Name,eq,x'); drop table t; --)~or(Tags,anyof,a'b)") ?? fail(), {
        resolve,
        now,
      }),
      database.dialect,
    );
    const compiled = condition.compile(db);
    expect(compiled.sql).not.toContain('drop table');
    expect(compiled.parameters).toContain("x'); drop table t; --");
    expect(await select("(Name,eq,x'); drop table t; --)")).toEqual([]);
    expect(await select("(Name,like,%'; delete from t; --%)")).toEqual([]);
    expect(await select('@(Name,eq,"\'); drop table t; --")')).toEqual([]);
    const count = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
    expect(Number(count.rows[0]?.n)).toBe(10);
  });

  it('runs hostile operands without database errors', async () => {
    const hostile = fc.string({
      unit: fc.constantFrom(
        "'",
        '"',
        '\\',
        '%',
        '_',
        ';',
        '-',
        '(',
        ')',
        ',',
        '$',
        '?',
        ':',
        'a',
        'é',
        '😀',
        ' ',
      ),
      minLength: 1,
      maxLength: 10,
    });
    await fc.assert(
      fc.asyncProperty(hostile, async (value) => {
        for (const op of ['eq', 'neq', 'like', 'nlike', 'in']) {
          const ids = await select(`@(Name,${op},'${value.replace(/[\\']/g, '\\$&')}')`);
          expect(ids.every((id) => all.includes(id))).toBe(true);
        }
        // A value of only commas and spaces names no option: 422, never a database error.
        const tagged = await select(`@(Tags,anyof,'${value.replace(/[\\']/g, '\\$&')}')`).catch(
          (error: unknown) => {
            if (error instanceof TesseraError && error.code === 'ERR_INVALID_FILTER') return [];
            throw error;
          },
        );
        expect(tagged.every((id) => all.includes(id))).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

function fail(): never {
  throw new Error('unexpected empty filter');
}
