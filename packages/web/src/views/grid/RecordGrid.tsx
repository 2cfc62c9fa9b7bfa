// STUB (grid core helper replaces): the canvas grid of one view's records.
import type { ViewProps } from '../view-props.ts';
import type { GridQuery } from './grid-query.ts';

export interface RecordGridProps extends ViewProps {
  readonly query: GridQuery;
  /** Extra `where` for one group's rows (grouped grids); ANDed with query.where. */
  readonly groupWhere?: string | undefined;
  /** Fixed height in pixels (grouped sections); fills its container otherwise. */
  readonly height?: number | undefined;
}

export function RecordGrid(_props: RecordGridProps) {
  return <div className="empty-state">grid</div>;
}
