// STUB (fields helper replaces): add or edit a field with the options its type needs.
import type { Field, Table } from '../api/types.ts';

export interface FieldConfigDialogProps {
  readonly table: Table & { columns: Field[] };
  /** The field to edit; absent to add a new one. */
  readonly field?: Field | undefined;
  onClose(): void;
  /** Called with the table as the server answered after the change. */
  onSaved(table: Table): void;
}

export function FieldConfigDialog(_props: FieldConfigDialogProps) {
  return null;
}
