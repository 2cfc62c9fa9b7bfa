// STUB (grid toolbar helper owns): what the toolbar decides about the grid's rows.
import type { View } from '../../api/types.ts';

export interface GridQuery {
  /** Bumped whenever the view's filters, sorts, hidden fields or order change: refetch. */
  readonly revision: number;
  /** Extra `where` (search), ANDed with the view's own filters by the grid. */
  readonly where: string | undefined;
  /** Row height in pixels. */
  readonly rowHeight: number;
  /** Columns frozen on the left (after the row number). */
  readonly frozenColumns: number;
  readonly groupBy: readonly { readonly fieldId: string; readonly direction: 'asc' | 'desc' }[];
}

export function initialGridQuery(_view: View): GridQuery {
  return { revision: 0, where: undefined, rowHeight: 34, frozenColumns: 1, groupBy: [] };
}
