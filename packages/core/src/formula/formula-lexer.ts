import { formulaError } from './formula-error.ts';

export type FormulaTokenKind = 'number' | 'text' | 'field' | 'word' | 'op' | '(' | ')' | ',' | 'end';

export interface FormulaToken {
  readonly kind: FormulaTokenKind;
  /** Source text of the token (for `op`, the canonical operator: `<>` → `!=`, `==` → `=`). */
  readonly text: string;
  /** Decoded value: the number, the unescaped text, or the field name inside braces. */
  readonly value: string | number;
  readonly start: number;
  readonly end: number;
}

const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/y;
const NUMBER_TAIL = /[\p{L}\p{N}_.]+/uy;
const WORD = /[\p{L}_][\p{L}\p{N}_]*/uy;
const SPACE = /\s/u;

/** Longest first, so `<=` wins over `<`. */
const operators: readonly (readonly [string, string])[] = [
  ['&&', '&&'],
  ['||', '||'],
  ['!=', '!='],
  ['<>', '!='],
  ['<=', '<='],
  ['>=', '>='],
  ['==', '='],
  ['=', '='],
  ['<', '<'],
  ['>', '>'],
  ['+', '+'],
  ['-', '-'],
  ['*', '*'],
  ['/', '/'],
  ['&', '&'],
  ['!', '!'],
];

const escapes: Readonly<Record<string, string>> = { n: '\n', t: '\t', r: '\r' };

/** A character for an error message: itself, or `U+XXXX` when not printable. */
export function describeFormulaChar(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${char}'`;
}

/**
 * Splits formula text into tokens. Strings are `"…"` or `'…'` with backslash escapes (`\"`,
 * `\'`, `\\`, `\n`, `\t`; any other escaped character stands for itself). Field references are
 * `{…}`, where `\}` and `\\` escape (a backslash before anything else is kept). Whitespace (newlines included) separates tokens.
 */
export function tokenizeFormula(text: string): FormulaToken[] {
  const tokens: FormulaToken[] = [];
  let pos = 0;
  while (pos < text.length) {
    const char = text[pos]!;
    if (SPACE.test(char)) {
      pos++;
      continue;
    }
    const start = pos;
    if (char === '"' || char === "'") {
      const [value, next] = readQuoted(text, pos, char, 'string');
      tokens.push({ kind: 'text', text: text.slice(start, next), value, start, end: next });
      pos = next;
      continue;
    }
    if (char === '{') {
      const [raw, next] = readQuoted(text, pos, '}', 'field reference');
      const value = raw.trim();
      if (value === '') formulaError('Empty field reference {}', start);
      tokens.push({ kind: 'field', text: text.slice(start, next), value, start, end: next });
      pos = next;
      continue;
    }
    if (char === '}') formulaError("Unexpected '}' without a matching '{'", start);
    if (char === '(' || char === ')' || char === ',') {
      tokens.push({ kind: char, text: char, value: char, start, end: pos + 1 });
      pos++;
      continue;
    }
    NUMBER.lastIndex = pos;
    const number = NUMBER.exec(text);
    if (number) {
      NUMBER_TAIL.lastIndex = pos + number[0].length;
      const tail = NUMBER_TAIL.exec(text);
      if (tail) {
        const written = text.slice(pos, pos + number[0].length + tail[0].length);
        formulaError(`Invalid number '${written}'`, start);
      }
      const value = Number(number[0]);
      if (!Number.isFinite(value)) formulaError(`Number '${number[0]}' is too large`, start);
      pos += number[0].length;
      tokens.push({ kind: 'number', text: number[0], value, start, end: pos });
      continue;
    }
    WORD.lastIndex = pos;
    const word = WORD.exec(text);
    if (word) {
      pos += word[0].length;
      tokens.push({ kind: 'word', text: word[0], value: word[0], start, end: pos });
      continue;
    }
    const operator = operators.find(([written]) => text.startsWith(written, pos));
    if (operator) {
      pos += operator[0].length;
      tokens.push({ kind: 'op', text: operator[1], value: operator[1], start, end: pos });
      continue;
    }
    formulaError(`Unexpected character ${describeFormulaChar(char)}`, start);
  }
  tokens.push({ kind: 'end', text: '', value: '', start: text.length, end: text.length });
  return tokens;
}

/** Reads from an opening quote (or `{`) to `close`; returns the unescaped content and the offset after it. */
function readQuoted(text: string, open: number, close: string, what: string): [string, number] {
  let pos = open + 1;
  let out = '';
  while (pos < text.length) {
    const char = text[pos]!;
    if (char === close) return [out, pos + 1];
    if (char === '\\' && pos + 1 < text.length) {
      const next = text[pos + 1]!;
      if (what === 'string') out += escapes[next] ?? next;
      else if (next === close || next === '\\') out += next;
      else {
        out += char;
        pos++;
        continue;
      }
      pos += 2;
      continue;
    }
    out += char;
    pos++;
  }
  return formulaError(`Unterminated ${what} starting`, open);
}
