import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TesseraError } from '../../src/errors/tessera-error.ts';
import type { FilterExpression, FilterJoiner, FilterNode, FilterTerm } from '../../src/filter/index.ts';
import {
  combineFilters,
  filterCondition,
  filterExpression,
  filterExpressionsEqual,
  filterGroup,
  filterOperators,
  filterTerm,
  MAX_FILTER_LENGTH,
  parseFilter,
  printFilter,
  printQuotedFilter,
} from '../../src/filter/index.ts';
import { renderFilter } from './render-filter.ts';

/** Characters that stress both forms: delimiters, quotes, escapes, joiner text, whitespace, unicode. */
const hostileChars = [
  '(',
  ')',
  ',',
  '~',
  "'",
  '"',
  '\\',
  '%',
  '_',
  ' ',
  '\t',
  '\n',
  '@',
  ';',
  '-',
  'a',
  'n',
  'd',
  'o',
  'r',
  't',
  'A',
  '1',
  'é',
  '日',
  '😀',
  '\u200b',
];
const hostileText = fc.string({ unit: fc.constantFrom(...hostileChars), maxLength: 12 });
const joinerText = fc.constantFrom('~and(', '~or(', '~not(', ')~and(', '((', '(~', "'", "\\'", 'null');
const valueText = fc.oneof(
  hostileText,
  fc.string({ maxLength: 8 }).filter((text) => !text.includes('\u0000')),
  fc.tuple(hostileText, joinerText, hostileText).map((parts) => parts.join('')),
  fc.constantFrom('', 'null', 'NULL', ' null ', 'blank', '1', 'a,b'),
);
const fieldText = valueText.filter((text) => text !== '' && text.trim() !== '');

const conditionArb = fc
  .tuple(fieldText, fc.constantFrom(...filterOperators), fc.option(valueText, { nil: null }))
  .map(([field, op, value]) => filterCondition(field, op, value));

const { expression: expressionArb } = fc.letrec<{ expression: FilterExpression; node: FilterNode }>(
  (tie) => ({
    node: fc.oneof(
      { maxDepth: 3, depthIdentifier: 'filter' },
      conditionArb,
      tie('expression').map((inner) => filterGroup(inner)),
    ),
    expression: fc
      .array(fc.tuple(fc.constantFrom<FilterJoiner>('and', 'or', 'not'), tie('node')), {
        minLength: 1,
        maxLength: 4,
      })
      .map((terms) =>
        filterExpression(
          terms.map(
            ([joiner, node], index): FilterTerm =>
              filterTerm(index === 0 && joiner === 'or' ? 'and' : joiner, node),
          ),
        ),
      ),
  }),
);

describe('printFilter', () => {
  it.each([
    ['(A,eq,1)~and((B,eq,2)~or(C,eq,3))', '(A,eq,1)~and((B,eq,2)~or(C,eq,3))'],
    ['~not(A,checked)~or(B,is,blank)', '~not(A,checked)~or(B,blank)'],
    ['(A,gte,1)', '(A,ge,1)'],
    ['@(A,eq,null)', '(A,eq)'],
    ["@(' A',eq,'x')", '( A,eq,x)'],
    ["@(A,eq,'f(x')", '(A,eq,f(x)'],
    ["@(A,eq,'1)~or(B,eq,2')", "@('A',eq,'1)~or(B,eq,2')"],
    ["@('~x',eq,1)", "@('~x',eq,'1')"],
    ["@('(x',eq,1)", "@('(x',eq,'1')"],
    ["@(A,eq,' x ')~and((B,eq,'x)')~or(C,eq,1))", "@('A',eq,' x ')~and(('B',eq,'x)')~or('C',eq,'1'))"],
    ["@('a,b',eq,1)", "@('a,b',eq,'1')"],
    ["@(A,eq,'it\\'s \\\\ (ok')", "(A,eq,it's \\ (ok)"],
    ['(Name,eq,f(x))', '(Name,eq,f(x))'],
  ])('prints %s as %s', (text, printed) => {
    const parsed = parseFilter(text);
    expect(printFilter(parsed)).toBe(printed);
    expect(filterExpressionsEqual(parseFilter(printed), parsed)).toBe(true);
  });

  it('round-trips random trees: print → parse gives an equal tree', () => {
    fc.assert(
      fc.property(expressionArb, (expression) => {
        const printed = printFilter(expression);
        const reparsed = parseFilter(printed);
        expect(renderFilter(reparsed)).toBe(renderFilter(expression));
        expect(filterExpressionsEqual(reparsed, expression)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips random trees through the fully quoted form too', () => {
    fc.assert(
      fc.property(expressionArb, (expression) => {
        expect(filterExpressionsEqual(parseFilter(printQuotedFilter(expression)), expression)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('prints in the legacy form when it reads back unchanged', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,10}$/),
        fc.stringMatching(/^[A-Za-z0-9 .:-]{0,10}$/),
        (field, value) => {
          expect(printFilter(parseFilter(`(${field},eq,${value})`))).toBe(`(${field},eq,${value})`);
        },
      ),
    );
  });
});

describe('combineFilters', () => {
  it('ANDs several where parameters, skipping blank ones', () => {
    expect(combineFilters([])).toBeNull();
    expect(combineFilters(undefined)).toBeNull();
    expect(combineFilters(['', '  '])).toBeNull();
    const one = combineFilters('(A,eq,1)');
    expect(one && renderFilter(one)).toBe('A eq "1"');
    const flat = combineFilters(['(A,eq,1)~not(B,eq,2)', '', '@~not(C,eq,3)']);
    expect(flat && renderFilter(flat)).toBe('A eq "1" AND NOT B eq "2" AND NOT C eq "3"');
    const grouped = combineFilters(['(A,eq,1)~or(B,eq,2)', '(C,eq,3)']);
    expect(grouped && renderFilter(grouped)).toBe('(A eq "1" OR B eq "2") AND C eq "3"');
  });

  it('applies the limits to all parameters together', () => {
    const half = `(A,eq,${'x'.repeat(MAX_FILTER_LENGTH / 2)})`;
    expect(() => combineFilters([half, half])).toThrow(TesseraError);
    const hundred = Array.from({ length: 101 }, () => '(A,eq,1)').join('~and');
    expect(() => combineFilters(hundred)).not.toThrow();
    expect(() => combineFilters([hundred, hundred])).toThrow('more than 200 conditions');
  });
});
