// What each field type is: its label and group in the type picker, whether people can write
// it, and where a link field points. One place the field components ask instead of testing
// `uidt` strings everywhere.
import type { Field, FieldType } from '../api/types.ts';

export type FieldGroup =
  | 'basic'
  | 'numbers'
  | 'dates'
  | 'choice'
  | 'relations'
  | 'computed'
  | 'files'
  | 'people';

export interface FieldTypeInfo {
  readonly uidt: FieldType;
  readonly label: string;
  readonly group: FieldGroup;
  readonly description: string;
}

export const fieldGroups: readonly { readonly id: FieldGroup; readonly label: string }[] = [
  { id: 'basic', label: 'Basic' },
  { id: 'numbers', label: 'Numbers' },
  { id: 'dates', label: 'Dates and times' },
  { id: 'choice', label: 'Choice' },
  { id: 'relations', label: 'Relations' },
  { id: 'computed', label: 'Computed' },
  { id: 'files', label: 'Files' },
  { id: 'people', label: 'People' },
];

/** Every type a field can be added as (ID is the table's own key and is never added). */
export const fieldTypeCatalog: readonly FieldTypeInfo[] = [
  { uidt: 'SingleLineText', label: 'Single line text', group: 'basic', description: 'A short line of text' },
  { uidt: 'LongText', label: 'Long text', group: 'basic', description: 'Paragraphs with line breaks' },
  { uidt: 'Email', label: 'Email', group: 'basic', description: 'An e-mail address' },
  { uidt: 'URL', label: 'URL', group: 'basic', description: 'A web link' },
  { uidt: 'PhoneNumber', label: 'Phone number', group: 'basic', description: 'A telephone number' },
  { uidt: 'JSON', label: 'JSON', group: 'basic', description: 'Any JSON value' },
  { uidt: 'Number', label: 'Number', group: 'numbers', description: 'A whole number' },
  { uidt: 'Decimal', label: 'Decimal', group: 'numbers', description: 'A number with decimals' },
  { uidt: 'Currency', label: 'Currency', group: 'numbers', description: 'An amount of money' },
  { uidt: 'Percent', label: 'Percent', group: 'numbers', description: 'A percentage' },
  { uidt: 'Rating', label: 'Rating', group: 'numbers', description: 'Stars from 0 to a maximum' },
  { uidt: 'Duration', label: 'Duration', group: 'numbers', description: 'A length of time (h:mm:ss)' },
  { uidt: 'Date', label: 'Date', group: 'dates', description: 'A calendar day' },
  { uidt: 'DateTime', label: 'Date and time', group: 'dates', description: 'An instant (stored in UTC)' },
  { uidt: 'Time', label: 'Time', group: 'dates', description: 'A time of day' },
  { uidt: 'CreatedTime', label: 'Created time', group: 'dates', description: 'When the record was created' },
  {
    uidt: 'LastModifiedTime',
    label: 'Last modified time',
    group: 'dates',
    description: 'When the record last changed',
  },
  { uidt: 'Checkbox', label: 'Checkbox', group: 'choice', description: 'Yes or no' },
  { uidt: 'SingleSelect', label: 'Single select', group: 'choice', description: 'One option from a list' },
  { uidt: 'MultiSelect', label: 'Multiple select', group: 'choice', description: 'Any options from a list' },
  { uidt: 'Links', label: 'Links', group: 'relations', description: 'Many records of another table' },
  {
    uidt: 'LinkToAnotherRecord',
    label: 'Link to one record',
    group: 'relations',
    description: 'At most one record of another table',
  },
  { uidt: 'Lookup', label: 'Lookup', group: 'relations', description: 'A field of the linked records' },
  { uidt: 'Rollup', label: 'Rollup', group: 'relations', description: 'A sum, count… over linked records' },
  { uidt: 'Formula', label: 'Formula', group: 'computed', description: 'Computed from other fields' },
  {
    uidt: 'AutoNumber',
    label: 'Auto number',
    group: 'computed',
    description: '1, 2, 3… for each new record',
  },
  { uidt: 'Attachment', label: 'Attachment', group: 'files', description: 'Files and images' },
  { uidt: 'User', label: 'User', group: 'people', description: 'Members of the base' },
  { uidt: 'CreatedBy', label: 'Created by', group: 'people', description: 'Who created the record' },
  { uidt: 'LastModifiedBy', label: 'Last modified by', group: 'people', description: 'Who last changed it' },
];

const infoByType = new Map<FieldType, FieldTypeInfo>(fieldTypeCatalog.map((info) => [info.uidt, info]));

export function fieldTypeInfo(uidt: FieldType): FieldTypeInfo {
  return (
    infoByType.get(uidt) ?? { uidt, label: uidt === 'ID' ? 'ID' : uidt, group: 'basic', description: '' }
  );
}

/** Values kept by the server: never written by people. */
const serverKeptTypes: ReadonlySet<FieldType> = new Set([
  'ID',
  'CreatedTime',
  'LastModifiedTime',
  'CreatedBy',
  'LastModifiedBy',
  'AutoNumber',
]);
/** Values computed from other fields or tables. */
const derivedTypes: ReadonlySet<FieldType> = new Set(['Formula', 'Lookup', 'Rollup']);
/** Types that live on links between tables: never converted to or from another type. */
const linkedTypes: ReadonlySet<FieldType> = new Set(['Links', 'LinkToAnotherRecord', 'Lookup', 'Rollup']);

export function isServerKeptType(uidt: FieldType): boolean {
  return serverKeptTypes.has(uidt);
}

/** The value is computed or kept by the server (formula, lookup, created time, …). */
export function isComputed(field: Pick<Field, 'uidt' | 'readonly' | 'pk'>): boolean {
  return field.pk || field.readonly || serverKeptTypes.has(field.uidt) || derivedTypes.has(field.uidt);
}

/** People may write the field's values. */
export function isEditable(field: Pick<Field, 'uidt' | 'readonly' | 'pk'>): boolean {
  return !isComputed(field);
}

export function isLinkField(field: Pick<Field, 'uidt'>): boolean {
  return field.uidt === 'Links' || field.uidt === 'LinkToAnotherRecord';
}

/** A field may take a default value (`cdf`). */
export function takesDefault(uidt: FieldType): boolean {
  return isPlainType(uidt) && uidt !== 'User' && uidt !== 'Attachment';
}

/**
 * The type holds values people write into its own column: it may be required and converted
 * (links, lookups, rollups, formulas and server-kept types may not).
 */
export function isPlainType(uidt: FieldType): boolean {
  return !serverKeptTypes.has(uidt) && !derivedTypes.has(uidt) && !linkedTypes.has(uidt);
}

/** Types an existing field may be converted to: none for links, computed or system fields. */
export function conversionTargets(field: Field): FieldType[] {
  if (field.system || field.pk || linkedTypes.has(field.uidt) || field.uidt === 'Formula')
    return [field.uidt];
  return fieldTypeCatalog.map((info) => info.uidt).filter((uidt) => uidt === field.uidt || isPlainType(uidt));
}

export type RelationType = 'hm' | 'bt' | 'mm' | 'oo';

export interface LinkTarget {
  /** The table linked to. */
  readonly tableId: string;
  readonly relationType: RelationType;
  /** The field holds many records (has-many, many-to-many) rather than at most one. */
  readonly many: boolean;
}

function text(source: Record<string, unknown> | null | undefined, key: string): string | undefined {
  const value = source?.[key];
  return typeof value === 'string' && value ? value : undefined;
}

/** Where a link field points (colOptions NocoDB-style, else its meta; docs/links.md). */
export function linkTargetOf(field: Field): LinkTarget | undefined {
  if (!isLinkField(field)) return undefined;
  const tableId = text(field.colOptions, 'fk_related_model_id') ?? text(field.meta, 'related_table_id');
  if (!tableId) return undefined;
  const declared = text(field.colOptions, 'type') ?? text(field.meta, 'relation_type');
  const relationType: RelationType =
    declared === 'hm' || declared === 'bt' || declared === 'mm' || declared === 'oo'
      ? declared
      : field.uidt === 'Links'
        ? 'mm'
        : 'bt';
  return { tableId, relationType, many: field.uidt === 'Links' };
}

/** The base a field belongs to (the server sends `base_id` with every field). */
export function baseIdOf(field: Field): string | undefined {
  const value = (field as Field & { base_id?: unknown }).base_id;
  return typeof value === 'string' ? value : undefined;
}

/** The numeric meta key of a field, or its default. */
export function metaNumber(field: Pick<Field, 'meta'>, key: string, fallback: number): number {
  const value = field.meta?.[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback;
}

export function metaText(field: Pick<Field, 'meta'>, key: string, fallback: string): string {
  const value = field.meta?.[key];
  return typeof value === 'string' && value ? value : fallback;
}

export function metaFlag(field: Pick<Field, 'meta'>, key: string): boolean {
  return field.meta?.[key] === true;
}
