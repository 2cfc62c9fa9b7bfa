// The props of every field editor (FieldInput and the per-type inputs it picks).
import type { AttachmentValue, Field, Table } from '../api/types.ts';
import type { UploadProgress } from './fields-api.ts';

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
  /**
   * Select fields: offer to add a typed option that does not exist yet (it is added to the
   * field through the field API, which needs the creator role). Default: when not anonymous.
   */
  readonly canAddOptions?: boolean;
  /** Called with the table as the server answered after the editor changed the field (a new option). */
  onTableChanged?(table: Table): void;
  /**
   * Link fields with `recordId`: the picker links and unlinks through the link API itself (and
   * never calls onChange); this is called after each change so the caller can re-read the row.
   */
  onLinksChanged?(): void;
  /** Attachment fields: how to upload files (public forms pass their own); default the storage API. */
  uploadFiles?(files: readonly File[], onProgress: UploadProgress): Promise<AttachmentValue[]>;
}

export interface EditorKeys {
  onCommit?(value: unknown): void;
  onCancel?(): void;
}

/**
 * Enter (or Ctrl/Cmd+Enter for multi-line editors) commits, Escape cancels. The key is kept
 * from the host (glide's overlay, a form) only when this editor acted on it.
 */
export function handleEditorKeys(
  event: React.KeyboardEvent,
  keys: EditorKeys,
  value: () => unknown,
  options: { multiline?: boolean; canCommit?: boolean } = {},
): void {
  if (event.key === 'Escape' && keys.onCancel) {
    event.preventDefault();
    event.stopPropagation();
    keys.onCancel();
    return;
  }
  if (event.key !== 'Enter' || event.nativeEvent.isComposing) return;
  const modifier = event.ctrlKey || event.metaKey;
  if (options.multiline && !modifier) {
    event.stopPropagation();
    return;
  }
  if (!keys.onCommit) return;
  event.preventDefault();
  event.stopPropagation();
  if (options.canCommit !== false) keys.onCommit(value());
}
