import type { FilterExpression } from './filter-ast.ts';
import { filterError } from './filter-error.ts';
import { MAX_FILTER_LENGTH } from './filter-limits.ts';
import {
  countFilterConditions,
  filterDepth,
  filterExpression,
  filterGroup,
  filterTerm,
} from './filter-nodes.ts';
import { checkConditionCount, checkDepth } from './filter-text-checks.ts';
import { parseLegacyFilter } from './legacy-filter-parser.ts';
import { parseTokenFilter } from './token-filter-parser.ts';

/**
 * Parses one `where` string: the tokenising form when it starts with `@` (after leading
 * whitespace), otherwise NocoDB's legacy form. Throws ERR_INVALID_FILTER (422).
 */
export function parseFilter(text: string): FilterExpression {
  return text.trimStart().startsWith('@') ? parseTokenFilter(text) : parseLegacyFilter(text);
}

/**
 * Parses the `where` parameters of one request and ANDs them together. Blank strings are
 * skipped; null when nothing is left. The limits apply to all parameters together (total
 * length, total conditions); each parameter that has an OR at its top level becomes a group.
 */
export function combineFilters(
  wheres: string | readonly string[] | undefined | null,
): FilterExpression | null {
  const list = wheres === undefined || wheres === null ? [] : typeof wheres === 'string' ? [wheres] : wheres;
  const texts = list.filter((text) => text.trim() !== '');
  const total = texts.reduce((sum, text) => sum + text.length, 0);
  if (total > MAX_FILTER_LENGTH) {
    throw filterError(`The filter is too long (${total} characters; the limit is ${MAX_FILTER_LENGTH}).`);
  }
  const parsed = texts.map(parseFilter);
  if (parsed.length === 0) return null;
  if (parsed.length === 1) return parsed[0] ?? null;
  const terms = parsed.flatMap((expression) =>
    expression.terms.every((term, index) => index === 0 || term.joiner !== 'or')
      ? expression.terms
      : [filterTerm('and', filterGroup(expression))],
  );
  const combined = filterExpression(terms);
  checkConditionCount(countFilterConditions(combined));
  checkDepth(filterDepth(combined), 0);
  return combined;
}
