import { type FieldModel, getFieldType, type TableModel, type ViewModel } from '@tessera/core';
import { type ViewColumnSettings, viewColumnSettings } from '@tessera/store';
import { selectedFields } from '../records/list-query.ts';

/** A field a shared view shows, with the view's settings for it. */
export interface SharedField {
  readonly field: FieldModel;
  readonly settings: ViewColumnSettings;
  /** Required on a form: marked so by the form, or required by the field itself. */
  readonly required: boolean;
}

/**
 * Types a shared form does not take: files need an upload, which the public routes do not
 * offer, and choosing users would let anyone with the link probe which accounts exist.
 */
const NOT_ON_PUBLIC_FORMS = new Set(['Attachment', 'User']);

/** Whether someone without an account can fill the field in on a shared form. */
export function isPublicFormField(field: FieldModel): boolean {
  return (
    !field.pk &&
    !field.system &&
    !getFieldType(field.uidt).serverManaged &&
    !NOT_ON_PUBLIC_FORMS.has(field.uidt)
  );
}

/**
 * What a shared view shows, in the view's order: a form its shown fields that can be filled
 * in; other views the fields their v2 list returns (the primary key and the shown fields).
 */
export function sharedViewFields(table: TableModel, view: ViewModel): SharedField[] {
  const columns = new Map(view.fields.map((column) => [column.fieldId, column]));
  const fields =
    view.type === 'form'
      ? table.fields.filter((field) => columns.get(field.id)?.show !== false && isPublicFormField(field))
      : selectedFields(table, undefined, view);
  const orderOf = (field: FieldModel) => columns.get(field.id)?.order ?? field.order;
  return [...fields]
    .sort((a, b) => orderOf(a) - orderOf(b) || a.order - b.order)
    .map((field) => {
      const settings = viewColumnSettings(columns.get(field.id));
      return { field, settings, required: settings.required || field.required };
    });
}
