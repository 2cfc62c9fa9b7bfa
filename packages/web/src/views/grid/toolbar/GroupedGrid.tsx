// A grid grouped by up to three fields (query.groupBy): nested collapsible sections per value,
// each holding the RecordGrid of its records. Counts follow record changes through the live feed.
import { useEffect, useMemo, useState } from 'react';
import { subscribeTable } from '../../../live/live-feed.ts';
import { RecordGrid, type RecordGridProps } from '../RecordGrid.tsx';
import { isGroupable } from './filter-kinds.ts';
import { GroupLevel } from './GroupLevel.tsx';

const liveDelayMs = 500;

export function GroupedGrid(props: Omit<RecordGridProps, 'groupWhere' | 'height'>) {
  const { table, view, query } = props;
  const [liveTick, setLiveTick] = useState(0);
  const levels = useMemo(
    () =>
      query.groupBy.flatMap((setting) => {
        const field = table.columns.find((f) => f.id === setting.fieldId);
        return field && isGroupable(field) ? [{ field, setting }] : [];
      }),
    [query.groupBy, table.columns],
  );

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribe = subscribeTable(view.base_id, table.id, () => {
      clearTimeout(timer);
      timer = setTimeout(() => setLiveTick((tick) => tick + 1), liveDelayMs);
    });
    return () => {
      clearTimeout(timer);
      unsubscribe();
    };
  }, [view.base_id, table.id]);

  if (levels.length === 0) return <RecordGrid {...props} />;
  return (
    <div className="grouped-grid" data-testid="grouped-grid">
      <GroupLevel
        key={levels.map((level) => level.field.id).join(',')}
        gridProps={props}
        levels={levels}
        depth={0}
        path={[]}
        liveTick={liveTick}
      />
    </div>
  );
}
