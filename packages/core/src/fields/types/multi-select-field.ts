import type { FieldType } from '../field-type.ts';
import { createMetaNormaliser, deepFreeze } from '../shared/meta.ts';
import { resolveSelectTitles, selectItemText } from '../shared/select-options.ts';
import { describeValue, invalid, isBlank, nonCanonical } from '../shared/values.ts';

const defaultMeta = deepFreeze({});

/** Titles of a stored 'a,b' value, in order. */
export function splitMultiSelect(stored: string): string[] {
  return stored
    .split(',')
    .map((title) => title.trim())
    .filter((title) => title !== '');
}

/**
 * MultiSelect: stored as option titles joined with ',' (deduplicated, in the order given).
 * Input: a list of titles or comma-separated text (items are trimmed, blanks and nulls
 * skipped, list items are split on commas too). v2 answers the joined text, v3 a list.
 */
export const multiSelectField: FieldType = {
  name: 'MultiSelect',
  storage: 'text',
  filterKind: 'multiselect',
  serverManaged: false,
  defaultMeta,
  normaliseMeta: createMetaNormaliser(defaultMeta),
  parseInput(value, field, context) {
    if (isBlank(value)) return null;
    let items: unknown[];
    if (typeof value === 'string') items = [value];
    else if (Array.isArray(value)) items = value;
    else if (context.typecast && (typeof value === 'number' || typeof value === 'boolean')) items = [value];
    else
      return invalid(`Expected a list of option titles or comma-separated text, got ${describeValue(value)}`);
    const titles = new Set<string>();
    for (const item of items) {
      if (isBlank(item)) continue;
      for (const title of splitMultiSelect(selectItemText(item, context.typecast))) titles.add(title);
    }
    if (titles.size === 0) return null;
    const list = [...titles];
    resolveSelectTitles(list, field, context);
    return list.join(',');
  },
  toApiValue(canonical, _field, version) {
    if (canonical === null || canonical === undefined || canonical === '') return null;
    if (typeof canonical !== 'string') throw nonCanonical('MultiSelect', canonical);
    return version === 'v2' ? canonical : splitMultiSelect(canonical);
  },
};
