import { describe, expect, it } from 'vitest';
import { TesseraError } from '../../src/errors/tessera-error.ts';
import {
  MAX_FILTER_CONDITIONS,
  MAX_FILTER_DEPTH,
  MAX_FILTER_LENGTH,
  parseFilter,
  parseLegacyFilter,
} from '../../src/filter/index.ts';
import { renderFilter } from './render-filter.ts';

const parsed: readonly [string, string][] = [
  ['(A,eq,1)', 'A eq "1"'],
  ['(Done,checked)', 'Done checked'],
  ['(Name,eq,)', 'Name eq ""'],
  ['  (A,eq,1)  ', 'A eq "1"'],
  ['(A,eq, padded )', 'A eq " padded "'],
  ['(First Name,eq,Ann)', 'First Name eq "Ann"'],
  ['(Price (USD),gt,5)', 'Price (USD) gt "5"'],
  ['(A,eq,1)~and(B,eq,2)', 'A eq "1" AND B eq "2"'],
  ['(A,eq,1)~or(B,eq,2)~and(C,eq,3)', 'A eq "1" OR B eq "2" AND C eq "3"'],
  ['(A,eq,1)~not(B,eq,2)', 'A eq "1" AND NOT B eq "2"'],
  ['(A,eq,1)~andnot(B,eq,2)', 'A eq "1" AND NOT B eq "2"'],
  ['(A,eq,1)~AND(B,eq,2)', 'A eq "1" AND B eq "2"'],
  ['~not(A,eq,1)', 'NOT A eq "1"'],
  ['~or(A,eq,1)', 'A eq "1"'],
  ['~and(A,eq,1)', 'A eq "1"'],
  ['(A,eq,1)~and((B,eq,2)~or(C,eq,3))', 'A eq "1" AND (B eq "2" OR C eq "3")'],
  ['((A,eq,1)~or(B,eq,2))~and(C,eq,3)', '(A eq "1" OR B eq "2") AND C eq "3"'],
  ['(~not(A,eq,1)~or(B,eq,2))', '(NOT A eq "1" OR B eq "2")'],
  ['~not((A,eq,1)~or(B,eq,2))', 'NOT (A eq "1" OR B eq "2")'],
  ['(((A,eq,1)))', '((A eq "1"))'],
  // Values keep commas and parentheses.
  ['(Tags,in,a,b,c)', 'Tags in "a,b,c"'],
  ['(Due,eq,exactDate,2024-01-31)', 'Due eq "exactDate,2024-01-31"'],
  ['(Name,eq,f(x))', 'Name eq "f(x)"'],
  ['(Name,eq,f(x))~and(B,eq,2)', 'Name eq "f(x)" AND B eq "2"'],
  ['((Name,eq,f(x))~or(B,eq,2))', '(Name eq "f(x)" OR B eq "2")'],
  ['(Name,eq,:))', 'Name eq ":)"'],
  ['(Name,eq,:))~or(B,eq,2)', 'Name eq ":)" OR B eq "2"'],
  ['(Name,eq,a)b)', 'Name eq "a)b"'],
  ['(Name,eq,x~and(y))', 'Name eq "x~and(y)"'],
  // Like NocoDB, a missing joiner leaves one condition whose value runs to the last ')'.
  ['(A,eq,1)(B,eq,2)', 'A eq "1)(B,eq,2"'],
  ['(Name,like,%50\\%%)', 'Name like "%50\\\\%%"'],
  ['(Name,eq,it\'s "quoted")', 'Name eq "it\'s \\"quoted\\""'],
  ['(Name,eq,héllo ✓ 日本)', 'Name eq "héllo ✓ 日本"'],
  // Operators: case, aliases, NocoDB rewrites.
  ['(A,EQ,1)', 'A eq "1"'],
  ['(A,not,1)', 'A neq "1"'],
  ['(A,gte,1)~and(A,lte,2)', 'A ge "1" AND A le "2"'],
  ['(A,isblank)~or(A,is_blank)', 'A blank OR A blank'],
  ['(A,isnotblank)~or(A,is_not_blank)~or(A,is_notblank)', 'A notblank OR A notblank OR A notblank'],
  ['(A,is,blank)~or(A,is,notblank)', 'A blank OR A notblank'],
  ['(A,isnot,blank)~or(A,isnot,notblank)', 'A notblank OR A blank'],
  ['(A,is,null)', 'A is "null"'],
  ['(Due,isWithin,pastWeek)', 'Due iswithin "pastWeek"'],
  ['(A,gb_eq,1)~and(B,gb_null)', 'A gb_eq "1" AND B gb_null'],
];

const rejected: readonly [string, string][] = [
  ['', 'The filter is empty.'],
  ['   ', 'The filter is empty.'],
  ['A,eq,1', "Expected '(' at position 0 but found 'A'."],
  ['(A,eq,1)x', "Unexpected 'x' at position 8; expected '~and(', '~or(' or '~not('."],
  ['(A,blank))', "Unexpected ')' at position 9."],
  ['(A,eq,1)~xor(B,eq,2)', "Unknown logical operator '~xor' at position 8; use ~and, ~or or ~not."],
  ['(A,eq,1)~ornot(B,eq,2)', "'~ornot' at position 8 is not supported; write ~or(~not(…)) instead."],
  ['(A,eq,1)~and', "Expected '(' after '~and' at position 12 but found end of filter."],
  ['(A)', "Missing ',' after the field name of the condition at position 0."],
  ['(Done)~and(A,eq,1)', "Missing ',' after the field name of the condition at position 0."],
  ['(,eq,1)', 'Missing field name at position 1.'],
  ['(A,,1)', "Expected an operator at position 3 but found ','."],
  ['(A,>,1)', "Expected an operator at position 3 but found '>'."],
  ['(A,eq', "Unexpected end of filter at position 5 after operator 'eq'; expected ',' or ')'."],
  ['(A,eq;1)', "Unexpected ';' at position 5 after operator 'eq'; expected ',' or ')'."],
  ['(A,eq,1', "Missing ')' to close the condition at position 0."],
  ['((A,eq,1)', "Missing ')' to close the group opened at position 0."],
  ['(A,foo,1)', 'foo is not supported.'],
  ['(A,Contains,1)', 'Contains is not supported.'],
  ['(A,eq,a\u0000b)', 'The filter contains a NUL character at position 7.'],
];

describe('parseLegacyFilter', () => {
  it.each(parsed)('parses %s', (text, expected) => {
    expect(renderFilter(parseLegacyFilter(text))).toBe(expected);
    expect(renderFilter(parseFilter(text))).toBe(expected);
  });

  it.each(rejected)('rejects %j', (text, message) => {
    expect(() => parseLegacyFilter(text)).toThrow(message);
    try {
      parseLegacyFilter(text);
    } catch (error) {
      expect(error).toBeInstanceOf(TesseraError);
      expect((error as TesseraError).code).toBe('ERR_INVALID_FILTER');
      expect((error as TesseraError).status).toBe(422);
    }
  });

  it('produces frozen trees', () => {
    const tree = parseLegacyFilter('(A,eq,1)~or((B,eq,2))');
    expect(Object.isFrozen(tree)).toBe(true);
    expect(Object.isFrozen(tree.terms)).toBe(true);
    expect(Object.isFrozen(tree.terms[0])).toBe(true);
    expect(Object.isFrozen(tree.terms[0]?.node)).toBe(true);
  });
});

describe('filter limits', () => {
  it('accepts a filter of exactly the maximum length and rejects one character more', () => {
    const prefix = '(A,eq,';
    const fill = 'x'.repeat(MAX_FILTER_LENGTH - prefix.length - 1);
    expect(() => parseFilter(`${prefix}${fill})`)).not.toThrow();
    expect(() => parseFilter(`${prefix}${fill}x)`)).toThrow(
      `The filter is too long (${MAX_FILTER_LENGTH + 1} characters; the limit is ${MAX_FILTER_LENGTH}).`,
    );
  });

  it('limits the number of conditions', () => {
    const many = (count: number) => Array.from({ length: count }, () => '(A,eq,1)').join('~and');
    expect(parseFilter(many(MAX_FILTER_CONDITIONS)).terms).toHaveLength(MAX_FILTER_CONDITIONS);
    expect(() => parseFilter(many(MAX_FILTER_CONDITIONS + 1))).toThrow(
      `The filter has more than ${MAX_FILTER_CONDITIONS} conditions.`,
    );
    expect(() => parseFilter(`@${many(MAX_FILTER_CONDITIONS + 1)}`)).toThrow('more than');
  });

  it('limits group nesting', () => {
    const nested = (depth: number) => `${'('.repeat(depth)}(A,eq,1)${')'.repeat(depth)}`;
    expect(() => parseFilter(nested(MAX_FILTER_DEPTH))).not.toThrow();
    expect(() => parseFilter(nested(MAX_FILTER_DEPTH + 1))).toThrow(
      `The filter nests groups more than ${MAX_FILTER_DEPTH} levels deep (position ${MAX_FILTER_DEPTH}).`,
    );
    expect(() => parseFilter(`@${nested(MAX_FILTER_DEPTH + 1)}`)).toThrow('levels deep');
  });

  it('stays fast on pathological input', () => {
    const started = performance.now();
    for (const text of [
      `(A,eq,${')'.repeat(9000)}`,
      `${'('.repeat(9000)}`,
      `(A,eq,${'~and('.repeat(1900)})`,
      `(A,eq,${'()'.repeat(4900)})`,
      `@(A,eq,'${'\\'.repeat(9000)}')`,
    ]) {
      try {
        parseFilter(text);
      } catch (error) {
        expect(error).toBeInstanceOf(TesseraError);
      }
    }
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
