import { filterError } from './filter-error.ts';
import { MAX_FILTER_CONDITIONS, MAX_FILTER_DEPTH, MAX_FILTER_LENGTH } from './filter-limits.ts';

/** Checks shared by both parsers before scanning: length limit, no NUL characters. */
export function checkFilterText(text: string): void {
  if (text.length > MAX_FILTER_LENGTH) {
    throw filterError(
      `The filter is too long (${text.length} characters; the limit is ${MAX_FILTER_LENGTH}).`,
    );
  }
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw filterError(`The filter contains a NUL character at position ${nul}.`);
}

export function checkConditionCount(count: number): void {
  if (count > MAX_FILTER_CONDITIONS) {
    throw filterError(`The filter has more than ${MAX_FILTER_CONDITIONS} conditions.`);
  }
}

export function checkDepth(depth: number, position: number): void {
  if (depth > MAX_FILTER_DEPTH) {
    throw filterError(
      `The filter nests groups more than ${MAX_FILTER_DEPTH} levels deep (position ${position}).`,
    );
  }
}

export function isWhitespace(char: string | undefined): boolean {
  return char === ' ' || char === '\t' || char === '\n' || char === '\r' || char === '\f' || char === '\v';
}

export function isWordChar(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95
  );
}

export function isLetter(char: string | undefined): boolean {
  if (char === undefined) return false;
  const code = char.charCodeAt(0);
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
