// The glide column headers for the grid's fields: title, width, a type icon (greyed for
// fields the grid cannot write) and the header menu.
import { type GridColumn, GridColumnIcon } from '@glideapps/glide-data-grid';
import type { FieldType } from '../../api/types.ts';
import { isComputed } from '../../fields/field-kinds.ts';
import type { GridField } from './grid-fields.ts';
import { readonlyHeaderTheme } from './grid-theme.ts';

const icons: Partial<Record<FieldType, GridColumnIcon>> = {
  ID: GridColumnIcon.HeaderRowID,
  AutoNumber: GridColumnIcon.HeaderRowID,
  SingleLineText: GridColumnIcon.HeaderString,
  LongText: GridColumnIcon.HeaderMarkdown,
  Number: GridColumnIcon.HeaderNumber,
  Decimal: GridColumnIcon.HeaderNumber,
  Currency: GridColumnIcon.HeaderNumber,
  Percent: GridColumnIcon.HeaderNumber,
  Duration: GridColumnIcon.HeaderTime,
  Rating: GridColumnIcon.HeaderEmoji,
  Checkbox: GridColumnIcon.HeaderBoolean,
  SingleSelect: GridColumnIcon.HeaderSingleValue,
  MultiSelect: GridColumnIcon.HeaderArray,
  Date: GridColumnIcon.HeaderDate,
  DateTime: GridColumnIcon.HeaderDate,
  CreatedTime: GridColumnIcon.HeaderDate,
  LastModifiedTime: GridColumnIcon.HeaderDate,
  Time: GridColumnIcon.HeaderTime,
  Email: GridColumnIcon.HeaderEmail,
  URL: GridColumnIcon.HeaderUri,
  PhoneNumber: GridColumnIcon.HeaderPhone,
  JSON: GridColumnIcon.HeaderCode,
  Attachment: GridColumnIcon.HeaderImage,
  Links: GridColumnIcon.HeaderReference,
  LinkToAnotherRecord: GridColumnIcon.HeaderReference,
  Lookup: GridColumnIcon.HeaderLookup,
  Rollup: GridColumnIcon.HeaderRollup,
  Formula: GridColumnIcon.HeaderMath,
  User: GridColumnIcon.HeaderString,
  CreatedBy: GridColumnIcon.HeaderString,
  LastModifiedBy: GridColumnIcon.HeaderString,
};

export function toGridColumns(fields: readonly GridField[]): GridColumn[] {
  const greyed = readonlyHeaderTheme();
  return fields.map((entry) => ({
    id: entry.field.id,
    title: entry.field.title,
    width: entry.width,
    icon: icons[entry.field.uidt] ?? GridColumnIcon.HeaderString,
    hasMenu: true,
    themeOverride: isComputed(entry.field) ? greyed : undefined,
  }));
}
