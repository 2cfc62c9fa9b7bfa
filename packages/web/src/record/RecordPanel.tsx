// STUB (record helper replaces): one record expanded: every field, comments, history.
import type { TableWithColumns } from '../views/view-props.ts';

export interface RecordPanelProps {
  readonly table: TableWithColumns;
  readonly recordId: number;
  readonly canEdit: boolean;
  /** Commenters and above may comment. */
  readonly canComment: boolean;
  onClose(): void;
}

export function RecordPanel(_props: RecordPanelProps) {
  return null;
}
