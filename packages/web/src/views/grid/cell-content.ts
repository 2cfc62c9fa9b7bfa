// One record value as a glide cell: plain text and numbers and checkboxes as glide's own
// cells (with their built-in editors), every other type as a "field cell" drawn by our
// renderer and edited with the app's FieldInput. Also the reverse: the API value an edited
// cell holds.
import {
  type CustomCell,
  type EditableGridCell,
  type GridCell,
  GridCellKind,
} from '@glideapps/glide-data-grid';
import type { Field, RecordRow, Table } from '../../api/types.ts';
import { formatValue } from '../../fields/format-value.ts';
import { type CellLook, copyTextOf, lookOf } from './cell-look.ts';
import type { GridField } from './grid-fields.ts';

export const fieldCellKind = 'tessera-field';

/** What a cell's editor may do and tells the grid besides the value. */
export interface CellEditorHooks {
  /** Typed select options that do not exist may be added to the field (designers). */
  readonly canAddOptions: boolean;
  /** A link picker linked or unlinked records of this row (through the link API). */
  linksChanged(recordId: number): void;
  /** The editor changed the field (a new select option). */
  tableChanged(table: Table): void;
}

export interface FieldCellData {
  readonly kind: typeof fieldCellKind;
  readonly field: Field;
  readonly tableId: string;
  readonly recordId: number | undefined;
  /** The API value. */
  readonly value: unknown;
  readonly look: CellLook;
  readonly hooks: CellEditorHooks;
}

export type FieldCell = CustomCell<FieldCellData>;

export function isFieldCell(cell: GridCell): cell is FieldCell {
  return (
    cell.kind === GridCellKind.Custom && (cell.data as { kind?: unknown } | undefined)?.kind === fieldCellKind
  );
}

const textTypes = new Set(['SingleLineText', 'Email', 'PhoneNumber', 'URL']);
const numberTypes = new Set(['Number', 'Decimal', 'Currency', 'Percent']);

export const loadingCell: GridCell = { kind: GridCellKind.Loading, allowOverlay: false };

export function cellFor(
  column: GridField,
  row: RecordRow,
  tableId: string,
  hooks: CellEditorHooks,
): GridCell {
  const { field, editable } = column;
  const value = row[field.title];
  const copyData = copyTextOf(field, value);
  if (textTypes.has(field.uidt)) {
    const text = value == null ? '' : String(value);
    return {
      kind: GridCellKind.Text,
      data: text,
      displayData: text,
      allowOverlay: editable,
      readonly: !editable,
      copyData,
    };
  }
  if (numberTypes.has(field.uidt)) {
    const number =
      typeof value === 'number' ? value : value == null || value === '' ? undefined : Number(value);
    return {
      kind: GridCellKind.Number,
      data: Number.isFinite(number) ? number : undefined,
      displayData: formatValue(field, value),
      contentAlign: 'right',
      allowOverlay: editable,
      readonly: !editable,
      fixedDecimals: field.uidt === 'Number' ? 0 : undefined,
      thousandSeparator: false,
      copyData,
    };
  }
  if (field.uidt === 'Checkbox') {
    return {
      kind: GridCellKind.Boolean,
      data: value === true,
      allowOverlay: false,
      readonly: !editable,
      copyData: value == null ? '' : String(value === true),
    };
  }
  const look = lookOf(field, value);
  return {
    kind: GridCellKind.Custom,
    data: { kind: fieldCellKind, field, tableId, recordId: row.Id, value, look, hooks },
    copyData,
    allowOverlay: editable,
    readonly: !editable,
    contentAlign: look.type === 'text' ? look.align : undefined,
  };
}

/** The API value an edited cell holds, for the field it belongs to. */
export function valueOfCell(field: Field, cell: EditableGridCell): unknown {
  switch (cell.kind) {
    case GridCellKind.Text:
      return textTypes.has(field.uidt) && field.uidt !== 'SingleLineText' && cell.data.trim() === ''
        ? null
        : cell.data;
    case GridCellKind.Number:
      return cell.data ?? null;
    case GridCellKind.Boolean:
      return cell.data === true;
    case GridCellKind.Custom:
      return isFieldCell(cell) ? cell.data.value : undefined;
    default:
      return undefined;
  }
}
