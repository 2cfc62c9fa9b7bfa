// One level of a grouped grid: the values of its field (with counts, from the groupby route,
// under the view's filters, the search and the enclosing groups), a page at a time, each a
// collapsible section holding the next level or, at the last level, the group's grid.
import { useEffect, useRef, useState } from 'react';
import type { Field } from '../../../api/types.ts';
import type { GridQuery, GroupBySetting } from '../grid-query.ts';
import { RecordGrid, type RecordGridProps } from '../RecordGrid.tsx';
import { GroupSection } from './GroupSection.tsx';
import { groupConditions } from './group-conditions.ts';
import { groupPageSize, sectionGridHeight } from './group-layout.ts';
import { type GroupCount, toolbarApi } from './toolbar-api.ts';
import { type WhereCondition, whereText } from './where-text.ts';

export interface GroupLevelProps {
  readonly gridProps: Omit<RecordGridProps, 'groupWhere' | 'height'> & { readonly query: GridQuery };
  readonly levels: readonly { readonly field: Field; readonly setting: GroupBySetting }[];
  readonly depth: number;
  /** Conditions selecting the enclosing groups. */
  readonly path: readonly WhereCondition[];
  /** Changes when records change elsewhere: counts are read again. */
  readonly liveTick: number;
}

interface Loaded {
  readonly groups: readonly GroupCount[];
  readonly total: number;
  readonly error: string | null;
  readonly loading: boolean;
}

const keyOf = (value: unknown) => JSON.stringify(value ?? null);

export function GroupLevel({ gridProps, levels, depth, path, liveTick }: GroupLevelProps) {
  const { table, view, query } = gridProps;
  const level = levels[depth]!;
  const [loaded, setLoaded] = useState<Loaded>({ groups: [], total: 0, error: null, loading: true });
  const [wanted, setWanted] = useState(groupPageSize);
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const pathWhere = whereText(path);
  const where = [query.where, pathWhere].filter((w): w is string => w !== undefined);
  const whereKey = where.join('\u0001');
  const whereRef = useRef(where);
  whereRef.current = where;

  // biome-ignore lint/correctness/useExhaustiveDependencies: the where text, revision and live tick trigger a reload
  useEffect(() => {
    const abort = new AbortController();
    setLoaded((was) => ({ ...was, loading: true }));
    toolbarApi
      .groupCounts(
        table.id,
        {
          columnName: level.field.title,
          viewId: view.id,
          where: whereRef.current,
          sort: level.setting.direction,
          limit: Math.min(wanted, 1000),
          offset: 0,
        },
        abort.signal,
      )
      .then(
        (page) =>
          setLoaded({ groups: page.list, total: page.pageInfo.totalRows, error: null, loading: false }),
        (failure: Error) => {
          if (failure.name !== 'AbortError')
            setLoaded({ groups: [], total: 0, error: failure.message, loading: false });
        },
      );
    return () => abort.abort();
  }, [
    table.id,
    view.id,
    level.field.title,
    level.setting.direction,
    whereKey,
    query.revision,
    liveTick,
    wanted,
  ]);

  const toggle = (key: string) =>
    setCollapsed((was) => {
      const next = new Set(was);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });

  if (loaded.error) return <div className="error-state group-error">{loaded.error}</div>;
  if (loaded.groups.length === 0)
    return loaded.loading ? (
      <div className="spinner group-loading" />
    ) : (
      <div className="empty-state">No records</div>
    );

  const last = depth === levels.length - 1;
  return (
    <div className="group-level" data-testid={`group-level-${depth}`}>
      {loaded.groups.map((group) => {
        const value = group[level.field.title];
        const key = keyOf(value);
        const groupPath = [...path, ...groupConditions(level.field, value)];
        return (
          <GroupSection
            key={key}
            field={level.field}
            value={value}
            count={group.count}
            depth={depth}
            collapsed={collapsed.has(key)}
            onToggle={() => toggle(key)}
          >
            {last ? (
              <RecordGrid
                {...gridProps}
                groupWhere={whereText(groupPath)}
                height={sectionGridHeight(group.count, query.rowHeight, gridProps.canEdit)}
              />
            ) : (
              <GroupLevel
                gridProps={gridProps}
                levels={levels}
                depth={depth + 1}
                path={groupPath}
                liveTick={liveTick}
              />
            )}
          </GroupSection>
        );
      })}
      {loaded.groups.length < loaded.total && (
        <button
          type="button"
          className="button button-small group-more"
          data-testid="group-more"
          disabled={loaded.loading}
          onClick={() => setWanted(loaded.groups.length + groupPageSize)}
        >
          Show more groups ({loaded.total - loaded.groups.length} more)
        </button>
      )}
    </div>
  );
}
