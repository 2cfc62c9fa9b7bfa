import { describe, expect, it } from 'vitest';
import { TesseraError } from '../../src/errors/tessera-error.ts';
import type { BoundFilterExpression, FilterRangeBound, FilterTest } from '../../src/filter/index.ts';
import { bindFilter, filterOperators, filterOperatorsByKind, parseFilter } from '../../src/filter/index.ts';
import { resolveTestField, testFields, testNow } from './filter-fixtures.ts';

function describeTest(test: FilterTest): string {
  const not = 'negated' in test && test.negated ? 'not ' : '';
  const json = (value: unknown) => JSON.stringify(value);
  const edge = (bound: FilterRangeBound | null, open: string, close: string): string =>
    bound === null ? '∞' : `${bound.inclusive ? close : open}${json(bound.value)}`;
  switch (test.type) {
    case 'null':
      return test.negated ? 'is not null' : 'is null';
    case 'compare':
      return `${test.op} ${json(test.value)}`;
    case 'range':
      return `${not}range ${edge(test.low, '(', '[')}..${edge(test.high, ')', ']').replace(/^(.)(.*)$/, '$2$1')}`;
    case 'in':
      return `${not}in ${json(test.values)}`;
    case 'like':
      return `${not}like ${json(test.pattern)}`;
    case 'blank':
      return `${not}blank ${json(test.emptyValues)}`;
    case 'options':
      return `${not}${test.mode} of ${json(test.options)}`;
  }
}

function bind(where: string): string {
  const bound: BoundFilterExpression = bindFilter(parseFilter(where), {
    resolve: resolveTestField,
    now: testNow,
  });
  const node = bound.terms[0]?.node;
  if (node?.kind !== 'condition') throw new Error('expected a condition');
  return describeTest(node.test);
}

function rejection(where: string): string {
  try {
    bindFilter(parseFilter(where), { resolve: resolveTestField, now: testNow });
  } catch (error) {
    expect(error).toBeInstanceOf(TesseraError);
    expect((error as TesseraError).code).toBe('ERR_INVALID_FILTER');
    expect((error as TesseraError).status).toBe(422);
    return (error as TesseraError).message;
  }
  throw new Error(`expected ${where} to be rejected`);
}

const bound: readonly [string, string][] = [
  // Text
  ['(Name,eq,Ann)', 'eq "Ann"'],
  ['(fld_name,eq,Ann)', 'eq "Ann"'],
  ['(Name,eq, Ann )', 'eq " Ann "'],
  ['(Name,eq,)', 'eq ""'],
  ['(Name,eq)', 'is null'],
  ['(Name,neq)', 'is not null'],
  ['(Name,neq,Ann)', 'neq "Ann"'],
  ['(Name,not,Ann)', 'neq "Ann"'],
  ['(Name,in,Ann, Bob ,)', 'in ["Ann","Bob",""]'],
  ['(Name,like,an)', 'like "%an%"'],
  ['(Name,like,50%_off\\)', 'like "%50\\\\%\\\\_off\\\\\\\\%"'],
  ['(Name,like,an%)', 'like "an%"'],
  ['(Name,like,%a_n\\)', 'like "%a_n\\\\\\\\"'],
  ['(Name,nlike,an)', 'not like "%an%"'],
  ['(Name,like,)', 'like "%%"'],
  ['(Name,blank)', 'blank [""]'],
  ['(Name,isblank)', 'blank [""]'],
  ['(Name,is,blank)', 'blank [""]'],
  ['(Name,notblank)', 'not blank [""]'],
  ['(Name,empty)', 'blank [""]'],
  ['(Name,notempty)', 'not blank [""]'],
  ['(Name,null)', 'is null'],
  ['(Name,notnull)', 'is not null'],
  ['(Name,is,null)', 'is null'],
  ['(Name,is,notnull)', 'is not null'],
  ['(Name,isnot,null)', 'is not null'],
  ['(Name,is,empty)', 'blank [""]'],
  ['(Name,isnot,empty)', 'not blank [""]'],
  ['(Name,is,notempty)', 'not blank [""]'],
  ['(Name,gb_eq,Ann)', 'eq "Ann"'],
  ['(Name,gb_null)', 'blank [""]'],
  ['(Name,eq,today)', 'eq "today"'],
  // Number
  ['(Qty,eq,5)', 'eq 5'],
  ['(Qty,eq, -5.5e1 )', 'eq -55'],
  ['(Qty,neq,5)', 'neq 5'],
  ['(Qty,gt,5)', 'gt 5'],
  ['(Qty,gte,5)', 'ge 5'],
  ['(Qty,lt,.5)', 'lt 0.5'],
  ['(Qty,le,5.)', 'le 5'],
  ['(Qty,in,1,2, 3)', 'in [1,2,3]'],
  ['(Qty,btw,1,5)', 'range [1..5]'],
  ['(Qty,nbtw,1,5)', 'not range [1..5]'],
  ['(Qty,blank)', 'blank []'],
  ['(Qty,notblank)', 'not blank []'],
  ['(Qty,empty)', 'blank []'],
  ['(Price,eq,1.25)', 'eq 1.25'],
  ['(Qty,eq)', 'is null'],
  // Checkbox: NULL is unchecked.
  ['(Done,checked)', 'eq true'],
  ['(Done,notchecked)', 'neq true'],
  ['(Done,eq,true)', 'eq true'],
  ['(Done,eq,1)', 'eq true'],
  ['(Done,eq,false)', 'neq true'],
  ['(Done,neq,true)', 'neq true'],
  ['(Done,neq,false)', 'eq true'],
  ['(Done,is,true)', 'eq true'],
  ['(Done,is,false)', 'neq true'],
  ['(Done,isnot,true)', 'neq true'],
  ['(Done,isnot,false)', 'eq true'],
  ['(Done,blank)', 'blank []'],
  ['(Done,notnull)', 'is not null'],
  // Date (today = 2024-03-15)
  ['(Due,eq,today)', 'eq "2024-03-15"'],
  ['(Due,eq,TODAY)', 'eq "2024-03-15"'],
  ['(Due,eq,tomorrow)', 'eq "2024-03-16"'],
  ['(Due,eq,yesterday)', 'eq "2024-03-14"'],
  ['(Due,eq,oneWeekAgo)', 'eq "2024-03-08"'],
  ['(Due,eq,oneWeekFromNow)', 'eq "2024-03-22"'],
  ['(Due,eq,oneMonthAgo)', 'eq "2024-02-15"'],
  ['(Due,eq,oneMonthFromNow)', 'eq "2024-04-15"'],
  ['(Due,eq,daysAgo,20)', 'eq "2024-02-24"'],
  ['(Due,eq,daysFromNow,20)', 'eq "2024-04-04"'],
  ['(Due,eq,exactDate,2024-01-31)', 'eq "2024-01-31"'],
  ['(Due,eq,2024-01-31)', 'eq "2024-01-31"'],
  ['(Due,neq,today)', 'neq "2024-03-15"'],
  ['(Due,gt,today)', 'gt "2024-03-15"'],
  ['(Due,ge,today)', 'ge "2024-03-15"'],
  ['(Due,lt,daysAgo,7)', 'lt "2024-03-08"'],
  ['(Due,le,today)', 'le "2024-03-15"'],
  ['(Due,eq,null)', 'is null'],
  ['(Due,neq,null)', 'is not null'],
  ['(Due,eq)', 'is null'],
  ['(Due,btw,2024-01-01,2024-01-31)', 'range [2024-01-01..2024-01-31]'.replace(/(\d{4}-\d\d-\d\d)/g, '"$1"')],
  ['(Due,isWithin,pastWeek)', 'range ["2024-03-08".."2024-03-15"]'],
  ['(Due,isWithin,pastMonth)', 'range ["2024-02-15".."2024-03-15"]'],
  ['(Due,isWithin,pastYear)', 'range ["2023-03-15".."2024-03-15"]'],
  ['(Due,isWithin,nextWeek)', 'range ["2024-03-15".."2024-03-22"]'],
  ['(Due,isWithin,nextMonth)', 'range ["2024-03-15".."2024-04-15"]'],
  ['(Due,isWithin,nextYear)', 'range ["2024-03-15".."2025-03-15"]'],
  ['(Due,isWithin,pastNumberOfDays,3)', 'range ["2024-03-12".."2024-03-15"]'],
  ['(Due,isWithin,nextNumberOfDays,3)', 'range ["2024-03-15".."2024-03-18"]'],
  ['(Due,blank)', 'blank []'],
  // DateTime: a day is [midnight, next midnight) UTC.
  ['(At,eq,today)', 'range ["2024-03-15 00:00:00+00:00".."2024-03-16 00:00:00+00:00")'],
  ['(At,neq,today)', 'not range ["2024-03-15 00:00:00+00:00".."2024-03-16 00:00:00+00:00")'],
  ['(At,gt,today)', 'ge "2024-03-16 00:00:00+00:00"'],
  ['(At,ge,today)', 'ge "2024-03-15 00:00:00+00:00"'],
  ['(At,lt,today)', 'lt "2024-03-15 00:00:00+00:00"'],
  ['(At,le,today)', 'lt "2024-03-16 00:00:00+00:00"'],
  ['(Created,isWithin,pastWeek)', 'range ["2024-03-08 00:00:00+00:00".."2024-03-16 00:00:00+00:00")'],
  ['(At,btw,2024-01-01,2024-01-31)', 'range ["2024-01-01 00:00:00+00:00".."2024-02-01 00:00:00+00:00")'],
  ['(At,nbtw,2024-01-01,2024-01-31)', 'not range ["2024-01-01 00:00:00+00:00".."2024-02-01 00:00:00+00:00")'],
  // Time
  ['(Tm,eq,9:30)', 'eq "09:30:00"'],
  ['(Tm,gt,09:30:15)', 'gt "09:30:15"'],
  ['(Tm,btw,09:00,17:00)', 'range ["09:00:00".."17:00:00"]'],
  ['(Tm,in,09:00,10:00)', 'in ["09:00:00","10:00:00"]'],
  // SingleSelect
  ['(Status,eq,Open)', 'eq "Open"'],
  ['(Status,anyof,Open, Done)', 'in ["Open","Done"]'],
  ['(Status,nanyof,Open)', 'not in ["Open"]'],
  ['(Status,in,Open)', 'in ["Open"]'],
  ['(Status,like,op)', 'like "%op%"'],
  ['(Status,blank)', 'blank [""]'],
  // MultiSelect
  ['(Tags,anyof,a, b)', 'any of ["a","b"]'],
  ['(Tags,allof,a,b,)', 'all of ["a","b"]'],
  ['(Tags,nanyof,a)', 'not any of ["a"]'],
  ['(Tags,nallof,a,b)', 'not all of ["a","b"]'],
  ['(Tags,eq,a, b)', 'eq "a,b"'],
  ['(Tags,like,a_)', 'like "%a\\\\_%"'],
  ['(Tags,blank)', 'blank [""]'],
  // JSON
  ['(Data,eq,5)', 'eq 5'],
  ['(Data,eq,hello)', 'eq "hello"'],
  ['(Data,eq,"hello")', 'eq "hello"'],
  ['(Data,eq,[1,"a"])', 'eq [1,"a"]'],
  ['(Data,eq,true)', 'eq true'],
  ['(Data,eq,null)', 'is null'],
  ['(Data,neq,5)', 'neq 5'],
  ['(Data,eq,)', 'blank ["",{},[]]'],
  ['(Data,neq,)', 'not blank ["",{},[]]'],
  ['(Data,like,abc)', 'like "%abc%"'],
  ['(Data,blank)', 'blank ["",{},[]]'],
];

const rejected: readonly [string, string][] = [
  ['(Nope,eq,1)', "Column alias 'Nope' not found."],
  ['(name,eq,1)', "Column alias 'name' not found."],
  ['(Name,gt,a)', "Operator 'gt' is not supported for SingleLineText field 'Name'."],
  ['(Name,btw,a,b)', "Operator 'btw' is not supported for SingleLineText field 'Name'."],
  ['(Name,checked)', "Operator 'checked' is not supported for SingleLineText field 'Name'."],
  ['(Name,anyof,a)', "Operator 'anyof' is not supported for SingleLineText field 'Name'."],
  ['(Name,isWithin,pastWeek)', "Operator 'iswithin' is not supported for SingleLineText field 'Name'."],
  ['(Name,is,true)', "Operator 'is,true' is not supported for SingleLineText field 'Name'."],
  [
    '(Name,is,maybe)',
    "Operator 'is' takes null, notnull, empty, notempty, blank, notblank, true or false; got 'maybe' (field 'Name').",
  ],
  ['(Name,is)', "Operator 'is' needs a value (field 'Name', operator 'is')."],
  ['(Name,like)', "Operator 'like' needs a value (field 'Name', operator 'like')."],
  ['(Price,gt,abc)', "Value 'abc' is not a number (field 'Price')."],
  ['(Price,gt,)', "Value '' is not a number (field 'Price')."],
  ['(Price,gt)', "Operator 'gt' needs a value (field 'Price', operator 'gt')."],
  ['(Price,eq,1e999)', "Value '1e999' is not a number (field 'Price')."],
  ['(Price,eq,0x10)', "Value '0x10' is not a number (field 'Price')."],
  ['(Price,in,1,x)', "Value 'x' is not a number (field 'Price')."],
  ['(Price,btw,1)', "Operator 'btw' needs two values 'low,high' (field 'Price'); got '1'."],
  ['(Price,btw,1,2,3)', "Operator 'btw' needs two values 'low,high' (field 'Price'); got '1,2,3'."],
  ['(Price,like,1)', "Operator 'like' is not supported for Decimal field 'Price'."],
  ['(Price,eq,today)', "Value 'today' is not a number (field 'Price')."],
  ['(Done,gt,1)', "Operator 'gt' is not supported for Checkbox field 'Done'."],
  ['(Done,eq,maybe)', "Value 'maybe' is not true or false (field 'Done')."],
  [
    '(Due,eq,fortnight)',
    "'fortnight' is not a date sub-operator (field 'Due', operator 'eq'); use e.g. today, daysAgo,7 or exactDate,2024-01-31.",
  ],
  ['(Due,eq,)', "Missing date sub-operator (field 'Due', operator 'eq')."],
  [
    '(Due,eq,pastWeek)',
    "Sub-operator 'pastWeek' can only be used with isWithin (field 'Due', operator 'eq').",
  ],
  [
    '(Due,isWithin,today)',
    "Sub-operator 'today' cannot be used with isWithin (field 'Due', operator 'iswithin'); use pastWeek, pastMonth, pastYear, nextWeek, nextMonth, nextYear, pastNumberOfDays or nextNumberOfDays.",
  ],
  [
    '(Due,isWithin,2024-01-01)',
    "Sub-operator 'exactDate' cannot be used with isWithin (field 'Due', operator 'iswithin'); use pastWeek, pastMonth, pastYear, nextWeek, nextMonth, nextYear, pastNumberOfDays or nextNumberOfDays.",
  ],
  [
    '(Due,eq,daysAgo)',
    "Sub-operator 'daysAgo' needs a whole number of days between 0 and 100000 (field 'Due', operator 'eq'); got nothing.",
  ],
  [
    '(Due,eq,daysAgo,-1)',
    "Sub-operator 'daysAgo' needs a whole number of days between 0 and 100000 (field 'Due', operator 'eq'); got '-1'.",
  ],
  [
    '(Due,eq,daysAgo,1.5)',
    "Sub-operator 'daysAgo' needs a whole number of days between 0 and 100000 (field 'Due', operator 'eq'); got '1.5'.",
  ],
  [
    '(Due,eq,exactDate,2024-02-30)',
    "Sub-operator 'exactDate' needs a date YYYY-MM-DD (field 'Due', operator 'eq'); got '2024-02-30'.",
  ],
  [
    '(Due,eq,exactDate)',
    "Sub-operator 'exactDate' needs a date YYYY-MM-DD (field 'Due', operator 'eq'); got nothing.",
  ],
  ['(Due,eq,today,5)', "Sub-operator 'today' takes no value (field 'Due', operator 'eq'); got '5'."],
  [
    '(Due,eq,2024-1-5)',
    "'2024-1-5' is not a date sub-operator (field 'Due', operator 'eq'); use e.g. today, daysAgo,7 or exactDate,2024-01-31.",
  ],
  ['(Due,gt,null)', "Operator 'gt' cannot compare with null (field 'Due')."],
  ['(Due,like,2024)', "Operator 'like' is not supported for Date field 'Due'."],
  ['(Due,in,2024-01-01)', "Operator 'in' is not supported for Date field 'Due'."],
  [
    '(Due,btw,2024-01-01,soon)',
    "Operator 'btw' needs two dates YYYY-MM-DD (field 'Due'); got '2024-01-01,soon'.",
  ],
  ['(At,eq,exactDate,9999-12-31)', 'The date is out of range (years 0001 to 9999).'],
  ['(Tm,eq,25:00)', "Value '25:00' is not a time HH:mm[:ss] (field 'Tm')."],
  ['(Tm,like,9)', "Operator 'like' is not supported for Time field 'Tm'."],
  ['(Status,allof,a)', "Operator 'allof' is not supported for SingleSelect field 'Status'."],
  ['(Tags,anyof,)', "Operator 'anyof' needs at least one option (field 'Tags', operator 'anyof')."],
  ['(Tags,anyof, , )', "Operator 'anyof' needs at least one option (field 'Tags', operator 'anyof')."],
  ['(Tags,in,a)', "Operator 'in' is not supported for MultiSelect field 'Tags'."],
  ['(Data,gt,1)', "Operator 'gt' is not supported for JSON field 'Data'."],
  [
    '(Data,eq,{"a":1})',
    "Operator 'eq' on JSON field 'Data' compares strings, numbers, booleans and arrays of them; use like to search in objects.",
  ],
  [
    '(Data,eq,[{"a":1}])',
    "Operator 'eq' on JSON field 'Data' compares strings, numbers, booleans and arrays of them; use like to search in objects.",
  ],
  [
    `(Qty,in,${Array.from({ length: 1001 }, () => '1').join(',')})`,
    'A filter list has more than 1000 items.',
  ],
];

describe('bindFilter', () => {
  it.each(bound)('%s → %s', (where, expected) => {
    expect(bind(where)).toBe(expected);
  });

  it.each(rejected)('rejects %s', (where, message) => {
    expect(rejection(where)).toBe(message);
  });

  it('covers every operator for every kind: accepted ones bind, others are rejected naming op and field', () => {
    const sample: Record<string, string> = {
      text: 'x',
      number: '1',
      boolean: 'true',
      date: 'today',
      datetime: 'today',
      time: '10:00',
      select: 'a',
      multiselect: 'a',
      json: '1',
    };
    for (const field of testFields) {
      const allowed = filterOperatorsByKind[field.filterKind];
      for (const op of filterOperators) {
        let value: string = sample[field.filterKind] ?? 'x';
        if (op === 'btw' || op === 'nbtw')
          value =
            field.filterKind === 'date' || field.filterKind === 'datetime'
              ? '2024-01-01,2024-02-01'
              : `${value},${value}`;
        if (op === 'iswithin') value = 'pastWeek';
        if (op === 'is' || op === 'isnot') value = 'null';
        const where = `@('${field.title}',${op},'${value}')`;
        if (allowed.has(op)) {
          expect(
            () => bindFilter(parseFilter(where), { resolve: resolveTestField, now: testNow }),
            where,
          ).not.toThrow();
        } else {
          expect(rejection(where), where).toBe(
            `Operator '${op}' is not supported for ${field.uidt} field '${field.title}'.`,
          );
        }
      }
    }
  });

  it('binds nested trees, keeps joiners and freezes the result', () => {
    const tree = bindFilter(parseFilter('~not(Qty,gt,1)~or((Name,eq,a)~and(Done,checked))'), {
      resolve: resolveTestField,
      now: testNow,
    });
    expect(tree.terms.map((term) => term.joiner)).toEqual(['not', 'or']);
    const group = tree.terms[1]?.node;
    expect(group?.kind).toBe('group');
    expect(Object.isFrozen(tree)).toBe(true);
    const first = tree.terms[0]?.node;
    expect(first?.kind === 'condition' && Object.isFrozen(first.test)).toBe(true);
    expect(first?.kind === 'condition' && first.field.columnName).toBe('c_qty');
  });

  it('resolves months at month ends and leap days', () => {
    const at = (iso: string, where: string) =>
      bindFilter(parseFilter(where), { resolve: resolveTestField, now: new Date(iso) }).terms[0]?.node;
    const value = (node: ReturnType<typeof at>) =>
      node?.kind === 'condition' && node.test.type === 'compare' ? node.test.value : null;
    expect(value(at('2024-03-31T23:59:59Z', '(Due,eq,oneMonthAgo)'))).toBe('2024-02-29');
    expect(value(at('2023-03-31T00:00:00Z', '(Due,eq,oneMonthAgo)'))).toBe('2023-02-28');
    expect(value(at('2024-01-31T00:00:00Z', '(Due,eq,oneMonthFromNow)'))).toBe('2024-02-29');
    expect(value(at('2024-12-31T00:00:00Z', '(Due,eq,tomorrow)'))).toBe('2025-01-01');
  });

  it('accepts only UTC', () => {
    expect(() =>
      bindFilter(parseFilter('(Due,eq,today)'), { resolve: resolveTestField, now: testNow, timezone: 'UTC' }),
    ).not.toThrow();
  });
});
