import { filterError } from './filter-error.ts';
import { MAX_FILTER_LIST_ITEMS } from './filter-limits.ts';

/** Operand parsing shared by the binder: numbers, times, booleans, lists, LIKE patterns, JSON. */

const numberPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Decimal number text (surrounding whitespace ignored) → finite number, or null. */
export function parseFilterNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!numberPattern.test(trimmed)) return null;
  const value = Number(trimmed);
  return Number.isFinite(value) ? value : null;
}

const timePattern = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** `H:mm`, `HH:mm` or `HH:mm:ss` → canonical `HH:mm:ss`, or null. */
export function parseFilterTime(text: string): string | null {
  const match = timePattern.exec(text.trim());
  if (!match) return null;
  const [hours, minutes, seconds] = [Number(match[1]), Number(match[2]), Number(match[3] ?? '0')];
  if (hours > 23 || minutes > 59 || seconds > 59) return null;
  return [hours, minutes, seconds].map((part) => String(part).padStart(2, '0')).join(':');
}

/** `true`/`false`/`1`/`0`/`checked`/`unchecked` (any case) → boolean, or null. */
export function parseFilterBoolean(text: string): boolean | null {
  const word = text.trim().toLowerCase();
  if (word === 'true' || word === '1' || word === 'checked') return true;
  if (word === 'false' || word === '0' || word === 'unchecked') return false;
  return null;
}

/** Comma list → trimmed items (empty items kept unless `dropEmpty`), at most MAX_FILTER_LIST_ITEMS. */
export function splitFilterList(text: string, dropEmpty: boolean): string[] {
  const items = text.split(',').map((item) => item.trim());
  const kept = dropEmpty ? items.filter((item) => item !== '') : items;
  if (kept.length > MAX_FILTER_LIST_ITEMS) {
    throw filterError(`A filter list has more than ${MAX_FILTER_LIST_ITEMS} items.`);
  }
  return kept;
}

/** Escapes LIKE's wildcards and its escape character (`\`) so the text matches literally. */
export function escapeLikeText(text: string): string {
  return text.replace(/[\\%_]/g, (char) => `\\${char}`);
}

/**
 * A `like` operand → LIKE pattern (escape character `\`):
 * - without a leading or trailing `%`, the value is a literal substring: `%`, `_` and `\`
 *   inside are escaped and the whole is wrapped as `%value%`;
 * - with a leading or trailing `%`, the value is the caller's pattern: `%` and `_` stay
 *   wildcards, a backslash is a literal backslash.
 */
export function likePattern(value: string): string {
  if (value.startsWith('%') || value.endsWith('%')) return value.replace(/\\/g, '\\\\');
  return `%${escapeLikeText(value)}%`;
}

/**
 * A JSON field's operand → the JSON value it compares with: the text parsed as JSON when it is
 * valid JSON (`5`, `true`, `"x"`, `[1,2]`), otherwise the text itself as a JSON string.
 */
export function parseFilterJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** True when a JSON value is or holds an object (whose key order databases keep differently). */
export function jsonHoldsObject(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(jsonHoldsObject);
  return value !== null && typeof value === 'object';
}

export function invalidValue(message: string): never {
  throw filterError(message);
}
