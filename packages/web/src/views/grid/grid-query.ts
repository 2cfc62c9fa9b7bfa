// What the toolbar decides about the grid's rows (search, row height, grouping, a revision
// to refetch after a filter/sort/field change), and how a view's saved meta seeds it.
import type { View } from '../../api/types.ts';

export interface GroupBySetting {
  readonly fieldId: string;
  readonly direction: 'asc' | 'desc';
}

export interface GridQuery {
  /** Bumped whenever the view's filters, sorts, hidden fields or order change: refetch. */
  readonly revision: number;
  /** Extra `where` (search), ANDed with the view's own filters by the grid. */
  readonly where: string | undefined;
  /** Row height in pixels. */
  readonly rowHeight: number;
  /** Columns frozen on the left (after the row number). */
  readonly frozenColumns: number;
  readonly groupBy: readonly GroupBySetting[];
}

/** Row heights offered by the toolbar, by the name saved in `meta.rowHeight`. */
export const rowHeights = { short: 34, medium: 60, tall: 90, extra: 120 } as const;
export type RowHeightName = keyof typeof rowHeights;

export const maxGroupFields = 3;

/** `meta.rowHeight` → pixels; a name, or a number of pixels saved by an older client. */
export function rowHeightOf(meta: Record<string, unknown> | null): number {
  const saved = meta?.rowHeight;
  if (typeof saved === 'string' && Object.hasOwn(rowHeights, saved))
    return rowHeights[saved as RowHeightName];
  if (typeof saved === 'number' && saved >= 20 && saved <= 400) return saved;
  return rowHeights.short;
}

/** `meta.groupBy` → at most three valid settings. */
export function groupByOf(meta: Record<string, unknown> | null): GroupBySetting[] {
  const saved = meta?.groupBy;
  if (!Array.isArray(saved)) return [];
  return saved
    .filter(
      (item): item is { fieldId: string; direction?: unknown } =>
        typeof item === 'object' &&
        item !== null &&
        typeof (item as { fieldId?: unknown }).fieldId === 'string',
    )
    .slice(0, maxGroupFields)
    .map((item) => ({ fieldId: item.fieldId, direction: item.direction === 'desc' ? 'desc' : 'asc' }));
}

/** `meta.frozenColumns` → a whole number from 0 to 100 (1 by default: the display field). */
export function frozenColumnsOf(meta: Record<string, unknown> | null): number {
  const saved = meta?.frozenColumns;
  return typeof saved === 'number' && Number.isInteger(saved) && saved >= 0 && saved <= 100 ? saved : 1;
}

export function initialGridQuery(view: View): GridQuery {
  return {
    revision: 0,
    where: undefined,
    rowHeight: rowHeightOf(view.meta),
    frozenColumns: frozenColumnsOf(view.meta),
    groupBy: groupByOf(view.meta),
  };
}

type ViewSetupListener = (viewId: string) => void;
const viewSetupListeners = new Set<ViewSetupListener>();

/**
 * Tells the toolbar that a view's sorts, filters or columns changed outside it (the grid's
 * header menu sorts, hides, moves columns), so its counts and panels read them again.
 */
export function announceViewSetupChange(viewId: string): void {
  for (const listener of viewSetupListeners) listener(viewId);
}

export function onViewSetupChange(listener: ViewSetupListener): () => void {
  viewSetupListeners.add(listener);
  return () => viewSetupListeners.delete(listener);
}
