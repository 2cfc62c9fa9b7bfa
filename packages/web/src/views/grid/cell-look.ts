// How a value looks in a canvas cell (text, coloured chips, stars, file thumbnails), and
// the text a copy puts on the clipboard: the value as the API writes it, so a paste into a
// spreadsheet, or back into the grid, keeps it. Display text comes from the fields' own
// formatting (fields/format-value.ts).
import type { AttachmentValue, Field } from '../../api/types.ts';
import {
  attachmentsOf,
  describeItem,
  formatValue,
  linkCountText,
  linkedRecordsOf,
  linkLabel,
  userLabel,
  usersOf,
} from '../../fields/format-value.ts';
import { optionColor, selectedTitles } from '../../fields/select-colors.ts';

export interface Chip {
  readonly text: string;
  /** Background colour; the neutral chip colour when absent. */
  readonly color?: string | undefined;
}

export interface FileThumb {
  readonly title: string;
  /** An image to draw; files without one show as a chip. */
  readonly image?: string | undefined;
}

export type CellLook =
  | { readonly type: 'text'; readonly text: string; readonly align?: 'left' | 'right' }
  | { readonly type: 'chips'; readonly chips: readonly Chip[] }
  | { readonly type: 'stars'; readonly value: number; readonly max: number; readonly color: string }
  | { readonly type: 'files'; readonly files: readonly FileThumb[] };

const chipsOf = (texts: readonly string[]): Chip[] => texts.filter(Boolean).map((text) => ({ text }));

function attachmentImage(file: AttachmentValue): string | undefined {
  if (!file.mimetype?.startsWith('image/')) return undefined;
  const thumbs = file.thumbnails;
  const thumb = thumbs?.tiny ?? thumbs?.small ?? thumbs?.card_cover;
  return thumb?.signedUrl ?? thumb?.url ?? file.signedUrl ?? file.url;
}

const numericTypes = new Set([
  'Number',
  'Decimal',
  'Currency',
  'Percent',
  'Duration',
  'AutoNumber',
  'ID',
  'Rollup',
]);

export function alignOf(field: Field): 'left' | 'right' {
  return numericTypes.has(field.uidt) ? 'right' : 'left';
}

function firstLine(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : `${text.slice(0, end)} …`;
}

export function lookOf(field: Field, value: unknown): CellLook {
  switch (field.uidt) {
    case 'SingleSelect':
    case 'MultiSelect':
      return {
        type: 'chips',
        chips: selectedTitles(value).map((text) => ({ text, color: optionColor(field, text) })),
      };
    case 'User':
    case 'CreatedBy':
    case 'LastModifiedBy':
      return { type: 'chips', chips: chipsOf(usersOf(value).map(userLabel)) };
    case 'LinkToAnotherRecord':
      return { type: 'chips', chips: chipsOf(linkedRecordsOf(value).map(linkLabel)) };
    case 'Links':
      return {
        type: 'chips',
        chips: chipsOf(
          typeof value === 'number' ? [linkCountText(value)] : linkedRecordsOf(value).map(linkLabel),
        ),
      };
    case 'Lookup':
      return { type: 'chips', chips: chipsOf((Array.isArray(value) ? value : [value]).map(describeItem)) };
    case 'Rating': {
      const max = Number(field.meta?.max ?? 5) || 5;
      const color = typeof field.meta?.color === 'string' ? field.meta.color : '#fcb401';
      return { type: 'stars', value: Number(value ?? 0) || 0, max, color };
    }
    case 'Attachment':
      return {
        type: 'files',
        files: attachmentsOf(value).map((file) => ({
          title: file.title || 'file',
          image: attachmentImage(file),
        })),
      };
    case 'LongText':
      return { type: 'text', text: firstLine(formatValue(field, value)) };
    default:
      return { type: 'text', text: formatValue(field, value), align: alignOf(field) };
  }
}

/** The clipboard text of a value: what the API takes back, flattened to one line of text. */
export function copyTextOf(field: Field, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (field.uidt) {
    case 'User':
    case 'CreatedBy':
    case 'LastModifiedBy':
      return usersOf(value)
        .map((user) => String(user.email ?? user.id ?? ''))
        .join(',');
    case 'Links':
    case 'LinkToAnotherRecord':
      return typeof value === 'number' ? String(value) : linkedRecordsOf(value).map(linkLabel).join(', ');
    case 'Lookup':
      return describeItem(value);
    case 'Attachment':
      return attachmentsOf(value)
        .map((file) => file.url ?? file.signedUrl ?? file.title)
        .join(', ');
    default:
      return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }
}
