import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TesseraError } from '../../src/errors/tessera-error.ts';
import type { FilterField } from '../../src/filter/index.ts';
import { bindFilter, combineFilters, parseFilter, printFilter } from '../../src/filter/index.ts';

const units = [
  '(',
  ')',
  ',',
  '~',
  "'",
  '"',
  '\\',
  '@',
  '%',
  '_',
  ' ',
  '\u0000',
  '\n',
  ';',
  '-',
  '*',
  'é',
  '😀',
  '\ud800',
];
const words = fc.constantFrom(
  '~and(',
  '~or(',
  '~not(',
  '~ornot(',
  'eq',
  'like',
  'in',
  'btw',
  'isWithin',
  'null',
  'today',
  'exactDate',
  "'); drop table t; --",
  'select * from pg_user',
  '1=1',
  'Name',
  'Tags',
);
const hostile = fc
  .array(fc.oneof(fc.constantFrom(...units), words, fc.string({ maxLength: 3 })), { maxLength: 30 })
  .map((parts) => parts.join(''));

/** Every name resolves to a field of a kind chosen from the name's length, so binding is exercised for all kinds. */
const kinds = [
  ['SingleLineText', 'text', 'text'],
  ['Number', 'number', 'integer'],
  ['Decimal', 'number', 'real'],
  ['Checkbox', 'boolean', 'boolean'],
  ['Date', 'date', 'date'],
  ['DateTime', 'datetime', 'datetime'],
  ['Time', 'time', 'time'],
  ['SingleSelect', 'select', 'text'],
  ['MultiSelect', 'multiselect', 'text'],
  ['JSON', 'json', 'json'],
] as const;
const resolve = (ref: string): FilterField | undefined => {
  if (ref.startsWith('unknown')) return undefined;
  const [uidt, filterKind, storage] = kinds[ref.length % kinds.length] ?? kinds[0];
  return { id: ref, title: ref, columnName: 'c', uidt, filterKind, storage };
};

function onlyFilterErrors(run: () => void): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof TesseraError) || error.code !== 'ERR_INVALID_FILTER' || error.status !== 422) {
      throw error;
    }
    expect(error.message.length).toBeGreaterThan(0);
  }
}

const now = new Date('2024-03-15T12:00:00Z');

describe('hostile input', () => {
  it('whole where strings: parse and bind throw nothing but ERR_INVALID_FILTER', () => {
    fc.assert(
      fc.property(hostile, fc.boolean(), (text, token) => {
        onlyFilterErrors(() => {
          const expression = parseFilter(token ? `@${text}` : text);
          bindFilter(expression, { resolve, now });
          expect(filterExpressionsRoundTrip(printFilter(expression))).toBe(true);
        });
      }),
      { numRuns: 3000 },
    );
  });

  it('hostile fields, operators and values inside well-formed conditions', () => {
    fc.assert(
      fc.property(
        hostile,
        hostile,
        fc.oneof(fc.constantFrom('eq', 'like', 'in', 'btw', 'is', 'iswithin', 'anyof', 'gt'), hostile),
        (field, value, op) => {
          for (const text of [
            `(${field},${op},${value})`,
            `@(${field},${op},${value})`,
            `(A,eq,1)~or(${field},${op},${value})`,
          ]) {
            onlyFilterErrors(() => {
              const expression = combineFilters([text, '(Name,blank)']);
              if (expression) bindFilter(expression, { resolve, now });
            });
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});

function filterExpressionsRoundTrip(printed: string): boolean {
  return parseFilter(printed).kind === 'expression';
}
