// What every view component (grid, kanban, gallery, form builder) is given by the table page.
import type { Field, Me, Table, View } from '../api/types.ts';

export type TableWithColumns = Table & { readonly columns: Field[] };

export interface ViewProps {
  readonly table: TableWithColumns;
  readonly view: View;
  readonly me: Me;
  /** The caller may edit records (editor or above on the base). */
  readonly canEdit: boolean;
  /** The caller may change fields and views (creator or above on the base). */
  readonly canDesign: boolean;
  /** Opens the record detail panel. */
  openRecord(id: number): void;
  /** Loads the table's fields and views again (after a field or view change). */
  reloadTable(): Promise<void>;
}
