import type { FieldTypeName } from './field-kinds.ts';
import type { FieldType } from './field-type.ts';
import { attachmentField } from './types/attachment-field.ts';
import { autoNumberField } from './types/auto-number-field.ts';
import { checkboxField } from './types/checkbox-field.ts';
import { createdByField } from './types/created-by-field.ts';
import { createdTimeField } from './types/created-time-field.ts';
import { currencyField } from './types/currency-field.ts';
import { dateField } from './types/date-field.ts';
import { dateTimeField } from './types/date-time-field.ts';
import { decimalField } from './types/decimal-field.ts';
import { durationField } from './types/duration-field.ts';
import { emailField } from './types/email-field.ts';
import { formulaField } from './types/formula-field.ts';
import { idField } from './types/id-field.ts';
import { jsonField } from './types/json-field.ts';
import { lastModifiedByField } from './types/last-modified-by-field.ts';
import { lastModifiedTimeField } from './types/last-modified-time-field.ts';
import { linkToAnotherRecordField } from './types/link-to-another-record-field.ts';
import { linksField } from './types/links-field.ts';
import { longTextField } from './types/long-text-field.ts';
import { lookupField } from './types/lookup-field.ts';
import { multiSelectField } from './types/multi-select-field.ts';
import { numberField } from './types/number-field.ts';
import { percentField } from './types/percent-field.ts';
import { phoneNumberField } from './types/phone-number-field.ts';
import { ratingField } from './types/rating-field.ts';
import { rollupField } from './types/rollup-field.ts';
import { singleLineTextField } from './types/single-line-text-field.ts';
import { singleSelectField } from './types/single-select-field.ts';
import { timeField } from './types/time-field.ts';
import { urlField } from './types/url-field.ts';
import { userField } from './types/user-field.ts';

/** Every supported field type by its NocoDB `uidt` name. */
export const fieldTypes: Readonly<Record<FieldTypeName, FieldType>> = Object.freeze({
  ID: idField,
  SingleLineText: singleLineTextField,
  LongText: longTextField,
  Number: numberField,
  Decimal: decimalField,
  Currency: currencyField,
  Percent: percentField,
  Rating: ratingField,
  Checkbox: checkboxField,
  SingleSelect: singleSelectField,
  MultiSelect: multiSelectField,
  Date: dateField,
  DateTime: dateTimeField,
  Time: timeField,
  Duration: durationField,
  Email: emailField,
  URL: urlField,
  PhoneNumber: phoneNumberField,
  JSON: jsonField,
  CreatedTime: createdTimeField,
  LastModifiedTime: lastModifiedTimeField,
  Links: linksField,
  LinkToAnotherRecord: linkToAnotherRecordField,
  Lookup: lookupField,
  Rollup: rollupField,
  Attachment: attachmentField,
  User: userField,
  CreatedBy: createdByField,
  LastModifiedBy: lastModifiedByField,
  AutoNumber: autoNumberField,
  Formula: formulaField,
});

/** True for a supported `uidt` (exact case). */
export function isFieldTypeName(value: unknown): value is FieldTypeName {
  return typeof value === 'string' && Object.hasOwn(fieldTypes, value);
}

/** The type for a `uidt`; throws TypeError for a name that is not one (a caller bug: check with isFieldTypeName). */
export function getFieldType(name: FieldTypeName): FieldType {
  if (!isFieldTypeName(name)) throw new TypeError(`Unknown field type '${String(name)}'`);
  return fieldTypes[name];
}
