// A cell value as plain display text, per field type and the API's value formats
// (docs/field-types.md, docs/links.md). Used for cells, cards and TSV copy, so it never
// returns markup.
import type { AttachmentValue, Field } from '../api/types.ts';
import { metaFlag, metaNumber, metaText } from './field-kinds.ts';
import { formatDate, formatDateTime, formatDuration, formatTime } from './format-date.ts';
import { formatNumber, plainNumber } from './format-number.ts';
import { selectedTitles } from './select-colors.ts';

type Item = Record<string, unknown>;

const isObject = (value: unknown): value is Item =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The label of a linked record (`{Id, <display field>: …}`): its display value, else `#Id`. */
export function linkLabel(record: unknown): string {
  if (!isObject(record)) return record === null || record === undefined ? '' : String(record);
  for (const [key, value] of Object.entries(record))
    if (key !== 'Id' && key !== 'id' && value !== null && value !== undefined && value !== '')
      return typeof value === 'object' ? describeItem(value) : String(value);
  const id = record.Id ?? record.id;
  return id === undefined ? '' : `#${String(id)}`;
}

/** A user as `{id, email, display_name}`: the name, else the e-mail. */
export function userLabel(user: unknown): string {
  if (!isObject(user)) return typeof user === 'string' ? user : '';
  const name = user.display_name;
  if (typeof name === 'string' && name.trim()) return name;
  return typeof user.email === 'string' ? user.email : typeof user.id === 'string' ? user.id : '';
}

/** Users of a User field (a list) or of CreatedBy / LastModifiedBy (one object). */
export function usersOf(value: unknown): Item[] {
  if (Array.isArray(value)) return value.filter(isObject);
  return isObject(value) ? [value] : [];
}

/** The attachments of a cell (a list; JSON text as some clients send it). */
export function attachmentsOf(value: unknown): AttachmentValue[] {
  let list = value;
  if (typeof list === 'string' && list.trim().startsWith('[')) {
    try {
      list = JSON.parse(list);
    } catch {
      return [];
    }
  }
  return Array.isArray(list) ? (list.filter(isObject) as unknown as AttachmentValue[]) : [];
}

/** Linked records of a link cell: `{Id, …}` objects (forms and v3 hold lists; v2 one object). */
export function linkedRecordsOf(value: unknown): Item[] {
  if (Array.isArray(value)) return value.map((item) => (isObject(item) ? item : { Id: item }));
  return isObject(value) ? [value] : [];
}

/** Any value of unknown type (lookup items, rollups, formulas): readable text. */
export function describeItem(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return plainNumber(value);
  if (typeof value === 'boolean') return value ? '✓' : '';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(describeItem).filter(Boolean).join(', ');
  if (isObject(value)) {
    if ('mimetype' in value && typeof value.title === 'string') return value.title;
    if ('email' in value || 'display_name' in value) return userLabel(value);
    if ('Id' in value || 'id' in value) return linkLabel(value);
  }
  return JSON.stringify(value);
}

/** A number of linked records, as a v2 `Links` cell holds it. */
export function linkCountText(count: number): string {
  if (!count) return '';
  return `${count} ${count === 1 ? 'record' : 'records'}`;
}

function dateTimeDisplay(field: Field) {
  return {
    dateFormat: metaText(field, 'date_format', 'YYYY-MM-DD'),
    timeFormat: metaText(field, 'time_format', 'HH:mm'),
    twelveHour: metaFlag(field, 'is12hrFormat'),
  };
}

function formatFormula(field: Field, value: unknown): string {
  const resultType = field.meta?.result_type;
  if (typeof value === 'string' && resultType === 'datetime') return formatDateTime(value);
  if (typeof value === 'string' && resultType === 'date') return formatDate(value);
  return describeItem(value);
}

/** The display text of `value` in `field`; empty text for empty values. */
export function formatValue(field: Field, value: unknown): string {
  if (value === null || value === undefined) return '';
  switch (field.uidt) {
    case 'Number':
    case 'Decimal':
    case 'Currency':
    case 'Percent':
      return typeof value === 'number' ? formatNumber(field, value) : String(value);
    case 'Duration':
      return typeof value === 'number'
        ? formatDuration(value, metaNumber(field, 'duration', 0))
        : String(value);
    case 'Checkbox':
      return value === true ? '✓' : '';
    case 'MultiSelect':
      return selectedTitles(value).join(', ');
    case 'Date':
      return typeof value === 'string' ? formatDate(value, metaText(field, 'date_format', 'YYYY-MM-DD')) : '';
    case 'DateTime':
    case 'CreatedTime':
    case 'LastModifiedTime':
      return typeof value === 'string' ? formatDateTime(value, dateTimeDisplay(field)) : '';
    case 'Time':
      return typeof value === 'string' ? formatTime(value, metaFlag(field, 'is12hrFormat')) : '';
    case 'Links':
      if (typeof value === 'number') return linkCountText(value);
      return linkedRecordsOf(value).map(linkLabel).join(', ');
    case 'LinkToAnotherRecord':
      return linkedRecordsOf(value).map(linkLabel).join(', ');
    case 'User':
    case 'CreatedBy':
    case 'LastModifiedBy':
      return usersOf(value).map(userLabel).join(', ');
    case 'Attachment':
      return attachmentsOf(value)
        .map((file) => file.title)
        .join(', ');
    case 'JSON':
      return JSON.stringify(value);
    case 'Formula':
      return formatFormula(field, value);
    case 'Lookup':
    case 'Rollup':
      return describeItem(value);
    default:
      return typeof value === 'object' ? describeItem(value) : String(value);
  }
}
