// STUB (grid toolbar helper replaces).
import type { ViewProps } from '../../view-props.ts';
import type { GridQuery } from '../grid-query.ts';

export interface GridToolbarProps extends ViewProps {
  readonly query: GridQuery;
  onQueryChange(query: GridQuery): void;
}

export function GridToolbar(_props: GridToolbarProps) {
  return <div className="grid-toolbar" />;
}
