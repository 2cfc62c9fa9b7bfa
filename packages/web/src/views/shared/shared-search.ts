// The search box of a shared view looks in one text field: the display field when it holds
// text, else the first text field shown. The term becomes a `like` filter in the `@` form.
import type { Field, FieldType } from '../../api/types.ts';

const searchable = new Set<FieldType>([
  'SingleLineText',
  'LongText',
  'Email',
  'URL',
  'PhoneNumber',
  'SingleSelect',
]);

export function searchFieldOf(columns: readonly Field[]): Field | undefined {
  const display = columns.find((c) => c.pv);
  if (display && searchable.has(display.uidt)) return display;
  return columns.find((c) => searchable.has(c.uidt));
}

const quoted = (text: string) => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/** `@(field,like,'term')`, or undefined for an empty term. */
export function searchWhere(field: Field | undefined, term: string): string | undefined {
  const trimmed = term.trim();
  if (!field || !trimmed) return undefined;
  return `@(${quoted(field.title)},like,${quoted(trimmed)})`;
}
