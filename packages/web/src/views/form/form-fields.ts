// What a form is made of: which fields may be on one, each field's form settings (label,
// help text, required), and how filled-in values are checked and sent.
import type { Field, ViewColumn } from '../../api/types.ts';

/** One field as a form asks for it. */
export interface FormFieldSpec {
  readonly field: Field;
  /** The question shown above the input (the field's title unless relabelled). */
  readonly label: string;
  readonly help: string | null;
  readonly required: boolean;
}

/** A field's column in a form view, as the builder edits it. */
export interface FormColumn {
  readonly field: Field;
  readonly show: boolean;
  readonly order: number;
  readonly label: string | null;
  readonly description: string | null;
  readonly required: boolean;
}

/** "SingleLineText" → "Single line text", for builder lists. */
export function typeLabelOf(uidt: string): string {
  const words = uidt.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Fields a person can fill in: not the key, not system or computed (server-managed) ones. */
export function isFormField(field: Field): boolean {
  return !field.pk && !field.system && !field.readonly;
}

/** Joins the table's fields with the view's columns; only fields a form can hold, by order. */
export function formColumnsOf(fields: readonly Field[], columns: readonly ViewColumn[]): FormColumn[] {
  const byField = new Map(columns.map((c) => [c.fk_column_id, c]));
  return fields
    .filter(isFormField)
    .map((field) => {
      const column = byField.get(field.id);
      return {
        field,
        show: column?.show ?? false,
        order: column?.order ?? field.order,
        label: column?.label ?? null,
        description: column?.description ?? null,
        required: column?.required ?? false,
      };
    })
    .sort((a, b) => a.order - b.order);
}

/** Types a shared (public) form leaves out: files need an upload, users an account list. */
export function isLeftOffPublicForm(field: Field): boolean {
  return field.uidt === 'Attachment' || field.uidt === 'User';
}

/** The columns on the form, in their order. */
export function shownIn(columns: readonly FormColumn[]): FormColumn[] {
  return columns.filter((c) => c.show).sort((a, b) => a.order - b.order);
}

/** A question from a field and its form settings (label and help text fall back to the field's). */
export function formFieldSpec(
  field: Field,
  settings: {
    readonly label?: string | null;
    readonly description?: string | null;
    readonly required?: boolean;
  },
): FormFieldSpec {
  return {
    field,
    label: settings.label?.trim() || field.title,
    help: settings.description?.trim() || field.description?.trim() || null,
    required: Boolean(settings.required) || field.rqd,
  };
}

export function specOfColumn(column: FormColumn): FormFieldSpec {
  return formFieldSpec(column.field, column);
}

/** True when a value counts as not filled in (an unticked box does not answer a required one). */
export function isBlankValue(field: Field, value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (Array.isArray(value)) return value.length === 0;
  if (field.uidt === 'Checkbox') return value !== true;
  return false;
}

export const requiredMessage = 'This field is required.';

/** Per-field messages for required fields left blank, keyed by field id. */
export function missingRequired(
  specs: readonly FormFieldSpec[],
  values: Readonly<Record<string, unknown>>,
): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const spec of specs)
    if (spec.required && isBlankValue(spec.field, values[spec.field.id]))
      errors[spec.field.id] = requiredMessage;
  return errors;
}

/** The record to create: filled-in values keyed by field title, blanks left for the defaults. */
export function recordOfValues(
  specs: readonly FormFieldSpec[],
  values: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const { field } of specs) {
    const value = values[field.id];
    if (!isBlankValue(field, value) || (field.uidt === 'Checkbox' && value === false))
      record[field.title] = value;
  }
  return record;
}
