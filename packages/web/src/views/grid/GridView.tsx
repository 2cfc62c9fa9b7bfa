// The grid view: toolbar (filters, sorts, grouping, search, row height) over the canvas grid,
// or over one grid per group when the view is grouped.
import { useState } from 'react';
import type { ViewProps } from '../view-props.ts';
import { type GridQuery, initialGridQuery } from './grid-query.ts';
import { RecordGrid } from './RecordGrid.tsx';
import { GridToolbar } from './toolbar/GridToolbar.tsx';
import { GroupedGrid } from './toolbar/GroupedGrid.tsx';
import './grid.css';

export function GridView(props: ViewProps) {
  const [query, setQuery] = useState<GridQuery>(() => initialGridQuery(props.view));
  return (
    <div className="grid-view" data-testid="grid-view">
      <GridToolbar {...props} query={query} onQueryChange={setQuery} />
      <div className="grid-body">
        {query.groupBy.length > 0 ? (
          <GroupedGrid {...props} query={query} />
        ) : (
          <RecordGrid {...props} query={query} />
        )}
      </div>
    </div>
  );
}
