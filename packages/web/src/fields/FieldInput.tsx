// STUB (fields helper replaces): the DOM editor for one field's value.
import type { Field } from '../api/types.ts';

export interface FieldInputProps {
  readonly field: Field;
  /** The table the field belongs to (link pickers search its related table). */
  readonly tableId: string;
  /** The record being edited; absent in forms and for new records. */
  readonly recordId?: number | undefined;
  readonly value: unknown;
  /** Every change (typing); the caller decides when to save. */
  onChange(value: unknown): void;
  /** Enter / blur on single-line editors: the edit is finished. */
  onCommit?(value: unknown): void;
  /** Escape: drop the edit. */
  onCancel?(): void;
  readonly autoFocus?: boolean;
  readonly disabled?: boolean;
  /** Set by forms: the field's error is shown by the input (aria-invalid). */
  readonly invalid?: boolean;
  /** Public forms: no link picker or upload needing a session (they post values inline). */
  readonly anonymous?: boolean;
}

export function FieldInput({ value, onChange }: FieldInputProps) {
  return <input className="input" value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} />;
}
