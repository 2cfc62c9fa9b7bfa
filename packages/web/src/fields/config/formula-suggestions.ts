// What the formula editor offers while typing: field names after `{` (or as a word) and
// function names (docs/formulas.md), and the text that picking one inserts.
import type { Field } from '../../api/types.ts';

export const formulaFunctions: readonly string[] = [
  'ABS',
  'AND',
  'AVG',
  'BLANK',
  'CEILING',
  'CONCAT',
  'DATE',
  'DATEADD',
  'DATESTR',
  'DATETIME_DIFF',
  'DAY',
  'EXP',
  'FALSE',
  'FLOOR',
  'HOUR',
  'IF',
  'INT',
  'ISBLANK',
  'ISNOTBLANK',
  'LEFT',
  'LEN',
  'LOG',
  'LOWER',
  'MAX',
  'MID',
  'MIN',
  'MINUTE',
  'MOD',
  'MONTH',
  'NOT',
  'NOW',
  'OR',
  'POWER',
  'REPT',
  'RIGHT',
  'ROUND',
  'ROUNDDOWN',
  'ROUNDUP',
  'SEARCH',
  'SECOND',
  'SQRT',
  'SUBSTITUTE',
  'SUM',
  'SWITCH',
  'TODAY',
  'TRIM',
  'TRUE',
  'UPPER',
  'VALUE',
  'WEEKDAY',
  'YEAR',
];

/** Types a formula cannot use (docs/formulas.md "Types and conversions"). */
const unusable = new Set(['JSON', 'Attachment', 'LinkToAnotherRecord']);

export function formulaFields(fields: readonly Field[], self: Field | undefined): Field[] {
  return fields.filter((f) => !unusable.has(f.uidt) && f.id !== self?.id);
}

export interface Suggestion {
  readonly label: string;
  readonly kind: 'field' | 'function';
  /** Text that replaces the typed part. */
  readonly insert: string;
}

export interface SuggestionContext {
  /** Where the typed part starts (it ends at the caret). */
  readonly start: number;
  readonly items: readonly Suggestion[];
}

const fieldRef = (title: string) => `{${title.replaceAll('\\', '\\\\').replaceAll('}', '\\}')}}`;

/** True when the caret is inside a quoted string literal (suggestions stay out of text). */
function insideString(before: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
  }
  return quote !== undefined;
}

export function suggestionsAt(
  text: string,
  caret: number,
  fields: readonly Field[],
): SuggestionContext | undefined {
  const before = text.slice(0, caret);
  if (insideString(before)) return undefined;
  const brace = /\{([^{}]*)$/.exec(before);
  if (brace) {
    const query = (brace[1] ?? '').toLowerCase();
    const items = fields
      .filter((f) => f.title.toLowerCase().includes(query))
      .slice(0, 8)
      .map((f) => ({ label: f.title, kind: 'field' as const, insert: fieldRef(f.title) }));
    return items.length ? { start: caret - (brace[1]?.length ?? 0) - 1, items } : undefined;
  }
  const word = /([A-Za-z_][A-Za-z0-9_]*)$/.exec(before)?.[1];
  if (!word) return undefined;
  const upper = word.toUpperCase();
  const lower = word.toLowerCase();
  const functions = formulaFunctions
    .filter((name) => name.startsWith(upper) && name !== upper)
    .map((name) => ({ label: `${name}()`, kind: 'function' as const, insert: `${name}(` }));
  const named = fields
    .filter((f) => f.title.toLowerCase().startsWith(lower))
    .map((f) => ({ label: f.title, kind: 'field' as const, insert: fieldRef(f.title) }));
  const items = [...named, ...functions].slice(0, 8);
  return items.length ? { start: caret - word.length, items } : undefined;
}
