// Text from the clipboard (a spreadsheet range, or the grid's own copy) as values the API
// takes for each field type, and the value a cleared cell gets. Pastes are sent with
// `typecast=true`, so the server finishes the job: new select options, "$1,234", date formats.
import type { Field, FieldType } from '../../api/types.ts';
import { isLinkField } from '../../fields/field-kinds.ts';
import { selectedTitles } from '../../fields/select-colors.ts';

export type Parsed = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

const skip: Parsed = { ok: false };
const ok = (value: unknown): Parsed => ({ ok: true, value });

const trueWords = new Set(['true', '1', 'x', '✓', '✔', 'yes', 'y', 'checked', 'on']);
const falseWords = new Set(['false', '0', '', 'no', 'n', 'unchecked', 'off', '✗']);

const numberTypes: ReadonlySet<FieldType> = new Set<FieldType>([
  'Number',
  'Decimal',
  'Currency',
  'Percent',
  'Rating',
  'Duration',
]);
const wholeTypes: ReadonlySet<FieldType> = new Set<FieldType>(['Number', 'Rating']);

/** "1,234.50", "$12", "50 %" → a number; undefined when the text is not one. */
export function numberFromText(text: string): number | undefined {
  const cleaned = text
    .trim()
    .replace(/^[^\d.+-]+|[^\d.]+$/g, '')
    .replace(/,(?=\d{3}(\D|$))/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return undefined;
  const number = Number(cleaned);
  return Number.isFinite(number) ? number : undefined;
}

export function valueFromText(field: Field, raw: string): Parsed {
  const text = raw.trim();
  if (field.uidt === 'SingleLineText' || field.uidt === 'LongText') return ok(raw);
  if (isLinkField(field)) return skip;
  if (field.uidt === 'Checkbox') {
    const word = text.toLowerCase();
    if (trueWords.has(word)) return ok(true);
    return falseWords.has(word) ? ok(false) : skip;
  }
  if (text === '') return ok(null);
  if (numberTypes.has(field.uidt)) {
    if (field.uidt === 'Duration' && text.includes(':')) return ok(text);
    const number = numberFromText(text);
    if (number === undefined) return ok(text);
    return ok(wholeTypes.has(field.uidt) ? Math.round(number) : number);
  }
  if (field.uidt === 'MultiSelect') return ok(selectedTitles(text).join(','));
  if (field.uidt === 'Attachment') return /^https?:\/\//i.test(text) ? ok(text) : skip;
  return ok(text);
}

/** The value a cleared cell gets (Delete / Backspace); skip for links (their values are counts). */
export function clearedValue(field: Field): Parsed {
  if (isLinkField(field)) return skip;
  return ok(field.uidt === 'Checkbox' ? false : null);
}
