import { describe, expect, it } from 'vitest';
import { TesseraError } from '../../src/errors/tessera-error.ts';
import { parseFilter, parseTokenFilter } from '../../src/filter/index.ts';
import { renderFilter } from './render-filter.ts';

const parsed: readonly [string, string][] = [
  ['@(A,eq,1)', 'A eq "1"'],
  ['  @ ( A , eq , 1 ) ', 'A eq "1"'],
  ['@(First Name,eq,Ann Lee)', 'First Name eq "Ann Lee"'],
  ["@('First Name',eq,'Ann')", 'First Name eq "Ann"'],
  ['@("a,b",eq,"x,y")', 'a,b eq "x,y"'],
  ["@(A,eq,'')", 'A eq ""'],
  ['@(A,eq,"")', 'A eq ""'],
  ['@(A,eq,)', 'A eq ""'],
  ['@(A,eq)', 'A eq'],
  ['@(A,eq,null)', 'A eq'],
  ['@(A,eq,NULL)', 'A eq'],
  ["@(A,eq,'null')", 'A eq "null"'],
  ['@(A,eq,Null)', 'A eq "Null"'],
  ['@(A,eq, x, y)', 'A eq "x,y"'],
  ["@(A,in,'a,b', c ,'d')", 'A in "a,b,c,d"'],
  ['@(A,eq,null,x)', 'A eq "null,x"'],
  ["@(A,eq,'it\\'s')", 'A eq "it\'s"'],
  ['@(A,eq,"say \\"hi\\"")', 'A eq "say \\"hi\\""'],
  ["@(A,eq,'back\\\\slash')", 'A eq "back\\\\slash"'],
  ["@(A,eq,'keep\\n')", 'A eq "keep\\\\n"'],
  ["@(A,eq,'(~and)')", 'A eq "(~and)"'],
  ['@(A,eq,x~y)', 'A eq "x~y"'],
  ['@(A,eq,1) ~and (B,eq,2) ~or (C,eq,3)', 'A eq "1" AND B eq "2" OR C eq "3"'],
  ['@(A,eq,1)~not(B,eq,2)', 'A eq "1" AND NOT B eq "2"'],
  ['@~not(A,eq,1)', 'NOT A eq "1"'],
  ['@(A,eq,1)~and( (B,eq,2) ~or (C,eq,3) )', 'A eq "1" AND (B eq "2" OR C eq "3")'],
  ['@( ~not (A,eq,1) )', '(NOT A eq "1")'],
  ['@(A,is,blank)', 'A blank'],
  ['@(A,IsNotBlank)', 'A notblank'],
  ['@(Due,isWithin,pastNumberOfDays,14)', 'Due iswithin "pastNumberOfDays,14"'],
];

const rejected: readonly [string, string][] = [
  ['@', "Expected '(' to open a condition at position 1 but found end of filter."],
  ['@(A,eq,1)~AND(B,eq,2)', "Unknown logical operator '~AND' at position 9; use ~and, ~or or ~not."],
  ['@(A,eq,1)~andnot(B,eq,2)', "Unknown logical operator '~andnot' at position 9; use ~and, ~or or ~not."],
  ['@(A,eq,1)(B,eq,2)', "Unexpected '(' at position 9; expected '~and', '~or' or '~not'."],
  ['@(A,eq,1))', "Unexpected ')' at position 9."],
  ["@(A,eq,'open)", 'Unterminated quoted text starting at position 7.'],
  ["@(A,eq,'x' y)", "Unexpected 'y' at position 11 after a quoted value; expected ',' or ')'."],
  ['@(A,eq,f(x))', "Unexpected '(' at position 8 in an unquoted value; quote the value with '…'."],
  ["@(A,eq,it's)", "Unexpected ''' at position 9 in an unquoted value; quote the value with '…'."],
  ['@(A,eq,1', 'Unexpected end of filter in a value starting at position 7.'],
  ['@(,eq,1)', 'Missing field name at position 2.'],
  ["@('',eq,1)", 'Missing field name at position 2.'],
  ['@(A eq 1)', "Expected ',' after the field name at position 8 but found ')'."],
  ['@(A', 'Unexpected end of filter in a field name starting at position 2.'],
  ['@(A,,1)', "Expected an operator at position 4 but found ','."],
  ['@(A,eq 1)', "Unexpected '1' at position 7 after operator 'eq'; expected ',' or ')'."],
  ['@(A,nope,1)', 'nope is not supported.'],
  ['@((A,eq,1)', "Missing ')' to close the group opened at position 1."],
];

describe('parseTokenFilter', () => {
  it.each(parsed)('parses %s', (text, expected) => {
    expect(renderFilter(parseTokenFilter(text))).toBe(expected);
    expect(renderFilter(parseFilter(text))).toBe(expected);
  });

  it.each(rejected)('rejects %j', (text, message) => {
    let caught: unknown;
    try {
      parseFilter(text);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(TesseraError);
    expect((caught as TesseraError).code).toBe('ERR_INVALID_FILTER');
    expect((caught as TesseraError).message).toBe(message);
  });
});
