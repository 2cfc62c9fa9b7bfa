import {
  type FieldModel,
  findFieldByRef,
  isTesseraError,
  type TableModel,
  TesseraError,
} from '@tessera/core';
import { parseRecordBody } from '@tessera/store';
import type { SharedField } from './shared-view-fields.ts';

export const REQUIRED_MESSAGE = 'This field is required.';
export const NOT_ON_FORM_MESSAGE = 'This field is not on the form.';
export const NO_SUCH_FIELD_MESSAGE = 'There is no such field.';

/** Nothing given: no value, blank text or an empty list. Left out, so the field's default applies. */
function isEmpty(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  return Array.isArray(value) && value.length === 0;
}

/** Not an answer to a required question: empty, or an unticked box. */
function isUnanswered(field: FieldModel, value: unknown): boolean {
  return isEmpty(value) || (field.uidt === 'Checkbox' && value !== true);
}

/** A refusal's message for the field it concerns, without the field's name in front. */
function messageFor(error: TesseraError, field: FieldModel): string {
  const prefix = `Invalid value for field '${field.title}': `;
  return error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
}

/** 422 ERR_FORM_INVALID with one message per field, by field title (or by the key as sent). */
export function formInvalid(problems: Readonly<Record<string, string>>): TesseraError {
  const list = Object.entries(problems).map(([title, message]) => `${title}: ${message}`);
  const count = list.length === 1 ? 'a problem' : `${list.length} problems`;
  return new TesseraError('ERR_FORM_INVALID', `The form has ${count}: ${list.join('; ')}`, {
    fields: problems,
  });
}

/**
 * Checks a shared form's submission and gives the record to create, keyed by field title.
 * Every key must name a field on the form, required fields must be answered, and each value
 * must fit its field: each value is checked on its own by the record input parser (the one
 * record writes use), so every bad field is reported at once, not only the first.
 */
export function formRecord(
  table: TableModel,
  formFields: readonly SharedField[],
  body: unknown,
): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new TesseraError('ERR_INVALID_REQUEST_BODY', 'A form submission must be a JSON object');
  const onForm = new Map(formFields.map((shared) => [shared.field.id, shared]));
  const problems: Record<string, string> = {};
  const record: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const field = findFieldByRef(table, key);
    const shared = field ? onForm.get(field.id) : undefined;
    if (!field || !shared) {
      problems[key] = field ? NOT_ON_FORM_MESSAGE : NO_SUCH_FIELD_MESSAGE;
      continue;
    }
    if (shared.required && isUnanswered(field, value)) {
      problems[field.title] = REQUIRED_MESSAGE;
      continue;
    }
    if (isEmpty(value)) continue;
    try {
      parseRecordBody(table, { [field.title]: value }, -1, {
        typecast: false,
        allowPrimaryKey: false,
        addedOptions: new Map(),
      });
      record[field.title] = value;
    } catch (error) {
      if (!isTesseraError(error)) throw error;
      problems[field.title] = messageFor(error, field);
    }
  }
  for (const { field, required } of formFields)
    if (required && !(field.title in record) && !(field.title in problems))
      problems[field.title] = REQUIRED_MESSAGE;
  if (Object.keys(problems).length > 0) throw formInvalid(problems);
  return record;
}

/** A write's refusal that names one field (a unique clash, a missing linked record) as a form problem. */
export function asFormProblem(error: unknown): unknown {
  if (!isTesseraError(error)) return error;
  const field = error.details?.field;
  return typeof field === 'string' && error.status < 500 ? formInvalid({ [field]: error.message }) : error;
}
