import type { FilterCondition, FilterExpression, FilterJoiner, FilterTerm } from './filter-ast.ts';
import { describeChar, filterError } from './filter-error.ts';
import { filterExpression, filterGroup, filterTerm } from './filter-nodes.ts';
import { filterCondition } from './filter-operators.ts';
import {
  checkConditionCount,
  checkDepth,
  checkFilterText,
  isLetter,
  isWhitespace,
  isWordChar,
} from './filter-text-checks.ts';

/** Joiner words of the legacy form (matched case-insensitively); `andnot` is AND NOT like `not`. */
const legacyJoiners: Readonly<Record<string, FilterJoiner>> = {
  and: 'and',
  or: 'or',
  not: 'not',
  andnot: 'not',
};
/** Longest word scanned as a possible joiner after `~`. */
const longestJoinerWord = 20;

/**
 * NocoDB's legacy `where` form (the v1/v2 default): `(field,op)` / `(field,op,value)` terms,
 * joined by `~and(`, `~or(`, `~not(`, grouped by nested parentheses.
 *
 * - The field is the text up to the first comma; the operator is word characters.
 * - The value is everything up to the condition's closing parenthesis and may contain commas
 *   and parentheses. The closing parenthesis is the first `)` after which the text can go on
 *   legally (only as many `)` as there are open groups, then a joiner or the end), preferring
 *   one that leaves the value's own parentheses balanced. No quoting exists: values the scanner
 *   cannot delimit need the `@` form (see token-filter-parser.ts).
 * - `(f,op)` has value null, `(f,op,)` the empty string. Whitespace around the whole string is
 *   ignored; inside, every character counts.
 * - Positions in error messages are 0-based offsets into the string.
 */
export function parseLegacyFilter(text: string): FilterExpression {
  checkFilterText(text);
  let end = text.length;
  let pos = 0;
  while (pos < end && isWhitespace(text[pos])) pos++;
  while (end > pos && isWhitespace(text[end - 1])) end--;
  if (pos === end) throw filterError('The filter is empty.');
  let conditions = 0;

  const at = (index: number): string | undefined => (index < end ? text[index] : undefined);

  /**
   * Length of a joiner-shaped `~word(` at `index` (up to and excluding the `(`), or 0. Unknown
   * words count too, so `(A,eq,1)~xor(B,eq,2)` is reported as an unknown joiner rather than
   * read as one long value.
   */
  const joinerLengthAt = (index: number): number => {
    if (at(index) !== '~') return 0;
    let cursor = index + 1;
    while (isLetter(at(cursor)) && cursor - index <= longestJoinerWord) cursor++;
    return cursor > index + 1 && at(cursor) === '(' ? cursor - index : 0;
  };

  const readJoiner = (): FilterJoiner => {
    const start = pos;
    let cursor = pos + 1;
    while (isLetter(at(cursor))) cursor++;
    const written = text.slice(start, cursor);
    const word = written.slice(1).toLowerCase();
    if (word === 'ornot') {
      throw filterError(`'${written}' at position ${start} is not supported; write ~or(~not(…)) instead.`);
    }
    const joiner = Object.hasOwn(legacyJoiners, word) ? legacyJoiners[word] : undefined;
    if (joiner === undefined) {
      throw filterError(`Unknown logical operator '${written}' at position ${start}; use ~and, ~or or ~not.`);
    }
    if (at(cursor) !== '(') {
      throw filterError(
        `Expected '(' after '${written}' at position ${cursor} but found ${describeChar(at(cursor))}.`,
      );
    }
    pos = cursor;
    return joiner;
  };

  /** After the `)` at `index`: may the text go on like this with `depth` groups open? */
  const isLegalEnd = (index: number, depth: number): boolean => {
    let cursor = index + 1;
    let closing = 0;
    while (at(cursor) === ')') {
      closing++;
      cursor++;
      if (closing > depth) return false;
    }
    if (cursor >= end) return closing === depth;
    return joinerLengthAt(cursor) > 0;
  };

  const parseCondition = (depth: number): FilterCondition => {
    const open = pos;
    let cursor = pos + 1;
    const fieldStart = cursor;
    while (cursor < end && text[cursor] !== ',' && joinerLengthAt(cursor) === 0) cursor++;
    if (at(cursor) !== ',') {
      throw filterError(`Missing ',' after the field name of the condition at position ${open}.`);
    }
    const field = text.slice(fieldStart, cursor);
    if (field === '') throw filterError(`Missing field name at position ${fieldStart}.`);
    cursor++;
    const opStart = cursor;
    while (isWordChar(at(cursor))) cursor++;
    if (cursor === opStart) {
      throw filterError(
        `Expected an operator at position ${opStart} but found ${describeChar(at(opStart))}.`,
      );
    }
    const op = text.slice(opStart, cursor);
    conditions++;
    checkConditionCount(conditions);
    if (at(cursor) === ')') {
      pos = cursor + 1;
      return filterCondition(field, op, null);
    }
    if (at(cursor) !== ',') {
      throw filterError(
        `Unexpected ${describeChar(at(cursor))} at position ${cursor} after operator '${op}'; expected ',' or ')'.`,
      );
    }
    const valueStart = cursor + 1;
    let chosen = -1;
    let firstLegal = -1;
    let firstClose = -1;
    let balance = 0;
    let wentNegative = false;
    for (let index = valueStart; index < end; index++) {
      const char = text[index];
      if (char === '(') {
        balance++;
      } else if (char === ')') {
        if (firstClose < 0) firstClose = index;
        if (isLegalEnd(index, depth)) {
          if (balance === 0 && !wentNegative) {
            chosen = index;
            break;
          }
          if (firstLegal < 0) firstLegal = index;
        }
        balance--;
        if (balance < 0) wentNegative = true;
        if (wentNegative && firstLegal >= 0) break;
      }
    }
    if (chosen < 0) chosen = firstLegal >= 0 ? firstLegal : firstClose;
    if (chosen < 0) throw filterError(`Missing ')' to close the condition at position ${open}.`);
    pos = chosen + 1;
    return filterCondition(field, op, text.slice(valueStart, chosen));
  };

  const parseExpression = (depth: number): FilterExpression => {
    const terms: FilterTerm[] = [];
    for (;;) {
      if (terms.length > 0) {
        if (pos >= end || text[pos] === ')') break;
        if (text[pos] !== '~') {
          throw filterError(
            `Unexpected ${describeChar(text[pos])} at position ${pos}; expected '~and(', '~or(' or '~not('.`,
          );
        }
      }
      const joiner: FilterJoiner = at(pos) === '~' ? readJoiner() : 'and';
      if (at(pos) !== '(') {
        throw filterError(`Expected '(' at position ${pos} but found ${describeChar(at(pos))}.`);
      }
      const next = at(pos + 1);
      if (next === '(' || next === '~') {
        const open = pos;
        checkDepth(depth + 1, open);
        pos++;
        const inner = parseExpression(depth + 1);
        if (at(pos) !== ')') throw filterError(`Missing ')' to close the group opened at position ${open}.`);
        pos++;
        terms.push(filterTerm(joiner, filterGroup(inner)));
      } else {
        terms.push(filterTerm(joiner, parseCondition(depth)));
      }
    }
    return filterExpression(terms);
  };

  const expression = parseExpression(0);
  if (pos < end) throw filterError(`Unexpected ')' at position ${pos}.`);
  return expression;
}
