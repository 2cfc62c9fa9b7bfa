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

const tokenJoiners: Readonly<Record<string, FilterJoiner>> = { and: 'and', or: 'or', not: 'not' };

interface Item {
  readonly text: string;
  readonly quoted: boolean;
}

/**
 * The tokenising `where` form, chosen when the string starts with `@` (NocoDB v3's default):
 *
 * - whitespace between tokens is ignored;
 * - a field or value may be quoted with `'…'` or `"…"`; inside quotes a backslash escapes the
 *   quote character or a backslash and is removed (NocoDB keeps it); before any other
 *   character it stays as written. `''` is the empty string;
 * - an unquoted value is the text up to the next `,` or `)`, trimmed; it may not contain
 *   quotes or parentheses. A lone unquoted `null` / `NULL` is the value null;
 * - several comma-separated values are re-joined with `,` (`(A,eq, x, y)` → `x,y`);
 * - joiners are exactly `~and`, `~or`, `~not`.
 *
 * Positions in error messages are 0-based offsets into the whole string, `@` included.
 */
export function parseTokenFilter(text: string): FilterExpression {
  checkFilterText(text);
  const end = text.length;
  let pos = 0;
  while (pos < end && isWhitespace(text[pos])) pos++;
  if (text[pos] !== '@')
    throw filterError(`Expected '@' at position ${pos} but found ${describeChar(text[pos])}.`);
  pos++;
  let conditions = 0;

  const skipSpace = (): void => {
    while (pos < end && isWhitespace(text[pos])) pos++;
  };

  const expect = (char: string, what: string): void => {
    skipSpace();
    if (text[pos] !== char) {
      throw filterError(
        `Expected '${char}' ${what} at position ${pos} but found ${describeChar(text[pos])}.`,
      );
    }
    pos++;
  };

  const readJoiner = (): FilterJoiner => {
    const start = pos;
    let cursor = pos + 1;
    while (isLetter(text[cursor])) cursor++;
    const written = text.slice(start, cursor);
    const word = written.slice(1);
    const joiner = Object.hasOwn(tokenJoiners, word) ? tokenJoiners[word] : undefined;
    if (joiner === undefined) {
      throw filterError(`Unknown logical operator '${written}' at position ${start}; use ~and, ~or or ~not.`);
    }
    pos = cursor;
    return joiner;
  };

  const readQuoted = (): string => {
    const quote = text[pos];
    const open = pos;
    pos++;
    let out = '';
    while (pos < end) {
      const char = text[pos];
      if (char === quote) {
        pos++;
        return out;
      }
      if (char === '\\' && (text[pos + 1] === quote || text[pos + 1] === '\\')) {
        out += text[pos + 1];
        pos += 2;
        continue;
      }
      out += char;
      pos++;
    }
    throw filterError(`Unterminated quoted text starting at position ${open}.`);
  };

  /** A field or value: quoted, or bare up to the next `,` or `)`. */
  const readItem = (what: string): Item => {
    skipSpace();
    const char = text[pos];
    if (char === "'" || char === '"') {
      const value = readQuoted();
      skipSpace();
      if (text[pos] !== ',' && text[pos] !== ')') {
        throw filterError(
          `Unexpected ${describeChar(text[pos])} at position ${pos} after a quoted ${what}; expected ',' or ')'.`,
        );
      }
      return { text: value, quoted: true };
    }
    const start = pos;
    while (pos < end && text[pos] !== ',' && text[pos] !== ')') {
      const inner = text[pos];
      if (inner === '(' || inner === "'" || inner === '"') {
        throw filterError(
          `Unexpected ${describeChar(inner)} at position ${pos} in an unquoted ${what}; quote the ${what} with '…'.`,
        );
      }
      pos++;
    }
    if (pos >= end) throw filterError(`Unexpected end of filter in a ${what} starting at position ${start}.`);
    return { text: text.slice(start, pos).trim(), quoted: false };
  };

  const parseCondition = (open: number): FilterCondition => {
    const fieldStart = pos;
    const field = readItem('field name');
    if (field.text === '') throw filterError(`Missing field name at position ${fieldStart}.`);
    expect(',', 'after the field name');
    skipSpace();
    const opStart = pos;
    while (isWordChar(text[pos])) pos++;
    if (pos === opStart) {
      throw filterError(
        `Expected an operator at position ${opStart} but found ${describeChar(text[opStart])}.`,
      );
    }
    const op = text.slice(opStart, pos);
    conditions++;
    checkConditionCount(conditions);
    skipSpace();
    if (text[pos] === ')') {
      pos++;
      return filterCondition(field.text, op, null);
    }
    if (text[pos] !== ',') {
      throw filterError(
        `Unexpected ${describeChar(text[pos])} at position ${pos} after operator '${op}'; expected ',' or ')'.`,
      );
    }
    const items: Item[] = [];
    do {
      pos++;
      items.push(readItem('value'));
    } while (text[pos] === ',');
    if (text[pos] !== ')') throw filterError(`Missing ')' to close the condition at position ${open}.`);
    pos++;
    const only = items.length === 1 ? items[0] : undefined;
    const value =
      only !== undefined && !only.quoted && (only.text === 'null' || only.text === 'NULL')
        ? null
        : items.map((item) => item.text).join(',');
    return filterCondition(field.text, op, value);
  };

  const parseExpression = (depth: number): FilterExpression => {
    const terms: FilterTerm[] = [];
    for (;;) {
      skipSpace();
      if (terms.length > 0) {
        if (pos >= end || text[pos] === ')') break;
        if (text[pos] !== '~') {
          throw filterError(
            `Unexpected ${describeChar(text[pos])} at position ${pos}; expected '~and', '~or' or '~not'.`,
          );
        }
      }
      const joiner: FilterJoiner = text[pos] === '~' ? readJoiner() : 'and';
      expect('(', joiner === 'and' && terms.length === 0 ? 'to open a condition' : 'after the joiner');
      const open = pos - 1;
      skipSpace();
      if (text[pos] === '(' || text[pos] === '~') {
        checkDepth(depth + 1, open);
        const inner = parseExpression(depth + 1);
        skipSpace();
        if (text[pos] !== ')')
          throw filterError(`Missing ')' to close the group opened at position ${open}.`);
        pos++;
        terms.push(filterTerm(joiner, filterGroup(inner)));
      } else {
        terms.push(filterTerm(joiner, parseCondition(open)));
      }
    }
    return filterExpression(terms);
  };

  const expression = parseExpression(0);
  skipSpace();
  if (pos < end) throw filterError(`Unexpected ${describeChar(text[pos])} at position ${pos}.`);
  return expression;
}
