import type { FieldDefinition, FieldInputContext } from '../field-type.ts';
import { describeValue, invalid } from './values.ts';

/** Longest select option title accepted. */
export const MAX_OPTION_TITLE_LENGTH = 255;

/** Colours new select options get in turn (light tints that keep dark text readable). */
export const selectOptionPalette: readonly string[] = Object.freeze([
  '#cfe2ff',
  '#d3f3fb',
  '#cdf2e3',
  '#ffd9f2',
  '#ffdade',
  '#ffe3d1',
  '#fff0bf',
  '#d9f5cc',
  '#e8ddff',
  '#e9e9e9',
]);

/** Palette colour for the option at `index` (0-based), cycling through the palette. */
export function defaultOptionColor(index: number): string {
  const size = selectOptionPalette.length;
  const slot = Number.isFinite(index) ? ((Math.trunc(index) % size) + size) % size : 0;
  return selectOptionPalette[slot] ?? '#e9e9e9';
}

/**
 * Checks a select option title (as stored: callers trim first) and returns it; throws
 * InvalidFieldValue when it is empty, padded, too long, contains a comma (MultiSelect stores
 * titles comma-joined) or a line break.
 */
export function validateSelectOptionTitle(title: unknown): string {
  if (typeof title !== 'string') return invalid(`Option title must be text, got ${describeValue(title)}`);
  if (title.trim() === '') return invalid('Option title must not be empty');
  if (title !== title.trim())
    invalid(`Option title ${describeValue(title)} must not start or end with spaces`);
  if (title.includes(',')) invalid(`Option title ${describeValue(title)} must not contain a comma`);
  if (/[\r\n]/.test(title)) invalid(`Option title ${describeValue(title)} must not contain a line break`);
  if (title.length > MAX_OPTION_TITLE_LENGTH)
    invalid(`Option title is longer than ${MAX_OPTION_TITLE_LENGTH} characters`);
  return title;
}

/** A select input item as a trimmed title: strings and finite numbers; with typecast booleans too. */
export function selectItemText(item: unknown, typecast: boolean): string {
  if (typeof item === 'string') return item.trim();
  if (typeof item === 'number' && Number.isFinite(item)) return String(item);
  if (typeof item === 'boolean' && typecast) return String(item);
  return invalid(`Expected an option title, got ${describeValue(item)}`);
}

/**
 * Checks titles (trimmed, non-empty, no duplicates) against the field's options, exact and
 * case-sensitive. Unknown titles are an error naming them all, or with typecast are
 * validated and handed to `context.addOption` once each.
 */
export function resolveSelectTitles(
  titles: readonly string[],
  field: FieldDefinition,
  context: FieldInputContext,
): void {
  const known = new Set(field.options.map((option) => option.title));
  const unknown = titles.filter((title) => !known.has(title));
  if (unknown.length === 0) return;
  if (!context.typecast) {
    const list = unknown.map((title) => `'${title}'`).join(', ');
    invalid(`Invalid option${unknown.length > 1 ? 's' : ''} ${list} for field '${field.title}'`);
  }
  for (const title of unknown) context.addOption(validateSelectOptionTitle(title));
}
