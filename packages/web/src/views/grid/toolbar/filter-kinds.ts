// Which filter semantics each field follows, as the server decides them
// (packages/core/src/fields: every type's `filterKind`; a Formula's follows its result type),
// and which fields the toolbar offers for filtering, grouping and searching.
import type { Field, FieldType } from '../../../api/types.ts';

export type FilterKind =
  | 'text'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'select'
  | 'multiselect'
  | 'json';

const kindByType: Readonly<Record<FieldType, FilterKind>> = {
  ID: 'number',
  SingleLineText: 'text',
  LongText: 'text',
  Number: 'number',
  Decimal: 'number',
  Currency: 'number',
  Percent: 'number',
  Rating: 'number',
  Checkbox: 'boolean',
  SingleSelect: 'select',
  MultiSelect: 'multiselect',
  Date: 'date',
  DateTime: 'datetime',
  Time: 'time',
  Duration: 'number',
  Email: 'text',
  URL: 'text',
  PhoneNumber: 'text',
  JSON: 'json',
  CreatedTime: 'datetime',
  LastModifiedTime: 'datetime',
  Links: 'number',
  LinkToAnotherRecord: 'number',
  Lookup: 'json',
  Rollup: 'number',
  Formula: 'text',
  Attachment: 'json',
  User: 'multiselect',
  CreatedBy: 'text',
  LastModifiedBy: 'text',
  AutoNumber: 'number',
};

const formulaKinds: Readonly<Record<string, FilterKind>> = {
  number: 'number',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

export function filterKindOf(field: Field): FilterKind {
  if (field.uidt === 'Formula') {
    const result = field.meta?.result_type;
    return (typeof result === 'string' && formulaKinds[result]) || 'text';
  }
  return kindByType[field.uidt] ?? 'text';
}

/**
 * Types the server cannot group by (computed fields and JSON documents: see the groupby route),
 * plus date-times, whose groups (exact instants) no filter could select, and the primary key.
 */
const ungroupable: ReadonlySet<FieldType> = new Set([
  'ID',
  'Attachment',
  'JSON',
  'Links',
  'LinkToAnotherRecord',
  'Lookup',
  'Rollup',
  'Formula',
  'DateTime',
  'CreatedTime',
  'LastModifiedTime',
]);

export function isGroupable(field: Field): boolean {
  return !ungroupable.has(field.uidt);
}

/** Fields the search box can look in: everything with text-like or numeric values. */
export function isSearchable(field: Field): boolean {
  const kind = filterKindOf(field);
  return kind !== 'boolean' && field.uidt !== 'Attachment' && field.uidt !== 'Links';
}

/** The option list of a select field, or an empty list. */
export function selectOptionsOf(field: Field) {
  return field.colOptions?.options ?? [];
}
