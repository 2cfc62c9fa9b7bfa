import { describe, expect, it } from 'vitest';
import {
  bindFilter,
  canonicalFilterValue,
  evaluateFilter,
  parseFilter,
  recordValueReader,
} from '../../src/filter/index.ts';
import { resolveTestField, testNow } from './filter-fixtures.ts';

/** Does `where` match the record (keyed by field title)? */
function matches(where: string, record: Record<string, unknown>): boolean {
  const bound = bindFilter(parseFilter(where), { resolve: resolveTestField, now: testNow });
  return evaluateFilter(bound, recordValueReader(record));
}

describe('evaluateFilter', () => {
  const cases: [string, Record<string, unknown>, boolean][] = [
    ['(Name,eq,Ada)', { Name: 'Ada' }, true],
    ['(Name,eq,Ada)', { Name: 'ada' }, false],
    ['(Name,neq,Ada)', { Name: null }, true],
    ['(Name,like,da)', { Name: 'ADA' }, true],
    ['(Name,like,a_a)', { Name: 'ada' }, false],
    ['(Name,like,a%)', { Name: 'Ada' }, true],
    ['(Name,like,%a)', { Name: 'Ad' }, false],
    ['(Name,like,10%)', { Name: '10 percent' }, true],
    ['(Name,like,10%)', { Name: 'a 10 b' }, false],
    ['(Name,like,0%o)', { Name: '10%off' }, true],
    ['(Name,like,0%o)', { Name: '10 off' }, false],
    ['(Name,nlike,x)', { Name: null }, true],
    ['(Name,in,Ada,Bob)', { Name: 'Bob' }, true],
    ['(Name,blank)', { Name: '' }, true],
    ['(Name,notblank)', { Name: '' }, false],
    ['(Qty,gt,2)', { Qty: 3 }, true],
    ['(Qty,gt,2)', { Qty: null }, false],
    ['(Qty,ge,2.5)', { Qty: 2 }, false],
    ['(Qty,btw,1,3)', { Qty: 3 }, true],
    ['(Qty,nbtw,1,3)', { Qty: null }, true],
    ['(Qty,eq,3)', { Qty: '3' }, true],
    ['(Done,checked)', { Done: true }, true],
    ['(Done,notchecked)', { Done: null }, true],
    ['(Done,eq,false)', { Done: 1 }, false],
    ['(Due,eq,exactDate,2024-03-01)', { Due: '2024-03-01' }, true],
    ['(Due,gt,today)', { Due: '2024-03-16' }, true],
    ['(Due,isWithin,pastWeek)', { Due: '2024-03-10' }, true],
    ['(At,eq,exactDate,2024-03-01)', { At: '2024-03-01 23:59:59+00:00' }, true],
    ['(At,eq,exactDate,2024-03-01)', { At: '2024-03-02T00:00:00Z' }, false],
    ['(At,le,exactDate,2024-03-01)', { At: '2024-03-01T22:00:00.000Z' }, true],
    ['(Tm,lt,09:30)', { Tm: '09:00:00' }, true],
    ['(Status,anyof,a,b)', { Status: 'b' }, true],
    ['(Status,nanyof,a,b)', { Status: null }, true],
    ['(Tags,allof,x,y)', { Tags: 'y,x,z' }, true],
    ['(Tags,allof,x,y)', { Tags: ['x', 'z'] }, false],
    ['(Tags,anyof,z)', { Tags: ['x', 'z'] }, true],
    ['(Tags,nallof,x)', { Tags: null }, true],
    ['(Data,eq,5)', { Data: 5 }, true],
    ['(Data,eq,[1,2])', { Data: [1, 2] }, true],
    ['(Data,eq,[1,2])', { Data: [2, 1] }, false],
    ['(Data,blank)', { Data: {} }, true],
    ['(Data,like,"k")', { Data: { k: 1 } }, true],
    ['(Qty,gt,1)~or(Name,eq,Ada)~and(Done,checked)', { Qty: 0, Name: 'Ada', Done: false }, false],
    ['(Qty,gt,1)~or(Name,eq,Ada)~and(Done,checked)', { Qty: 2, Name: 'Bob', Done: false }, true],
    ['~not(Qty,gt,1)', { Qty: null }, true],
    ['(Name,eq,Ada)~not(Qty,gt,1)', { Name: 'Ada', Qty: 5 }, false],
    ['((Qty,gt,1)~or(Qty,lt,-1))~and(Name,notblank)', { Qty: -2, Name: 'x' }, true],
  ];

  it.each(cases)('%s on %j → %s', (where, record, expected) => {
    expect(matches(where, record)).toBe(expected);
  });

  it('reads canonical values from API shapes and treats unreadable values as NULL', () => {
    expect(canonicalFilterValue('integer', '12')).toBe(12);
    expect(canonicalFilterValue('integer', 'twelve')).toBeNull();
    expect(canonicalFilterValue('boolean', 0)).toBe(false);
    expect(canonicalFilterValue('text', ['a', 'b'])).toBe('a,b');
    expect(canonicalFilterValue('datetime', '2024-03-01T10:00:00+02:00')).toBe('2024-03-01 08:00:00+00:00');
    expect(canonicalFilterValue('date', undefined)).toBeNull();
  });
});
