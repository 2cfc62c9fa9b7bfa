/** The field types (NocoDB `uidt` names) Tessera supports today. */
export const fieldTypeNames = [
  'ID',
  'SingleLineText',
  'LongText',
  'Number',
  'Decimal',
  'Currency',
  'Percent',
  'Rating',
  'Checkbox',
  'SingleSelect',
  'MultiSelect',
  'Date',
  'DateTime',
  'Time',
  'Duration',
  'Email',
  'URL',
  'PhoneNumber',
  'JSON',
  'CreatedTime',
  'LastModifiedTime',
  'Links',
  'LinkToAnotherRecord',
  'Lookup',
  'Rollup',
  'Attachment',
  'User',
  'CreatedBy',
  'LastModifiedBy',
  'AutoNumber',
  'Formula',
] as const;

export type FieldTypeName = (typeof fieldTypeNames)[number];

/**
 * How a value is kept in the database, independent of dialect. Canonical JS values per kind:
 * text: string; integer: number (safe integer); real: number; boolean: boolean;
 * date: 'YYYY-MM-DD'; datetime: 'YYYY-MM-DD HH:mm:ss+00:00' (UTC); time: 'HH:mm:ss';
 * json: any JSON value. `null` is always allowed and means empty.
 */
export type StorageKind = 'text' | 'integer' | 'real' | 'boolean' | 'date' | 'datetime' | 'time' | 'json';

/** Which family of filter semantics a field follows. */
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
