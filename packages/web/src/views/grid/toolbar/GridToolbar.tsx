// The grid view's toolbar: fields, filters, sorts, grouping and row height (saved in the
// view for creators), and a search that only narrows this screen. Every saved change bumps
// the query's revision so the grid loads its rows again.
import { useMemo } from 'react';
import { metaApi } from '../../../api/meta-api.ts';
import { showToast } from '../../../ui/toasts.tsx';
import type { ViewProps } from '../../view-props.ts';
import { type GridQuery, rowHeights } from '../grid-query.ts';
import { FieldsPanel } from './FieldsPanel.tsx';
import { FilterBuilder } from './FilterBuilder.tsx';
import { activeConditionCount } from './filter-tree.ts';
import { GroupByPanel } from './GroupByPanel.tsx';
import { RowHeightMenu } from './RowHeightMenu.tsx';
import { SearchBox } from './SearchBox.tsx';
import { SortPanel } from './SortPanel.tsx';
import { ToolbarPopover } from './ToolbarPopover.tsx';
import { toolbarApi } from './toolbar-api.ts';
import { useFilterEditor } from './use-filter-editor.ts';
import { useQueryUpdater } from './use-query-updater.ts';
import { useViewSetup } from './use-view-setup.ts';
import './toolbar.css';

export interface GridToolbarProps extends ViewProps {
  readonly query: GridQuery;
  onQueryChange(query: GridQuery): void;
}

function counted(word: string, count: number): string {
  return count > 0 ? `${word} · ${count}` : word;
}

export function GridToolbar({ table, view, canDesign, query, onQueryChange, reloadTable }: GridToolbarProps) {
  const fields = useMemo(() => [...table.columns].sort((a, b) => a.order - b.order), [table.columns]);
  const updater = useQueryUpdater(query, onQueryChange);
  const setup = useViewSetup(view.id);
  const filterEditor = useFilterEditor(view.id, fields, setup, updater.refetch);
  const hiddenCount = setup.columns.filter((c) => {
    const field = fields.find((f) => f.id === c.fk_column_id);
    return !c.show && field && !field.pk && !field.system;
  }).length;
  const filterCount = activeConditionCount(setup.filters);
  const reload = () => void setup.reload();

  return (
    <div className="grid-toolbar" data-testid="grid-toolbar">
      <ToolbarPopover
        testId="toolbar-fields"
        label={hiddenCount > 0 ? `${hiddenCount} hidden field${hiddenCount === 1 ? '' : 's'}` : 'Hide fields'}
        active={hiddenCount > 0}
        onOpen={reload}
        width={300}
      >
        {() => (
          <FieldsPanel
            viewId={view.id}
            fields={fields}
            setup={setup}
            canDesign={canDesign}
            onChanged={updater.refetch}
            systemFieldsShown={view.meta?.showSystemFields === true}
            onSystemFieldsShown={(show) =>
              metaApi
                .mergeViewMeta(view.id, { showSystemFields: show })
                .then(() => reloadTable())
                .catch((failure: Error) => showToast(failure.message, 'error'))
            }
          />
        )}
      </ToolbarPopover>
      <ToolbarPopover
        testId="toolbar-filter"
        label={counted('Filter', filterCount)}
        active={filterCount > 0}
        onOpen={reload}
        width={680}
      >
        {() => <FilterBuilder setup={setup} fields={fields} editor={filterEditor} canDesign={canDesign} />}
      </ToolbarPopover>
      <ToolbarPopover
        testId="toolbar-sort"
        label={counted('Sort', setup.sorts.length)}
        active={setup.sorts.length > 0}
        onOpen={reload}
        width={420}
      >
        {() => (
          <SortPanel
            viewId={view.id}
            fields={fields}
            setup={setup}
            canDesign={canDesign}
            onChanged={updater.refetch}
          />
        )}
      </ToolbarPopover>
      <ToolbarPopover
        testId="toolbar-group"
        label={counted('Group', query.groupBy.length)}
        active={query.groupBy.length > 0}
        width={420}
      >
        {() => (
          <GroupByPanel
            viewId={view.id}
            fields={fields}
            groupBy={query.groupBy}
            canDesign={canDesign}
            onGroupByChange={(groupBy) => updater.update({ groupBy })}
          />
        )}
      </ToolbarPopover>
      <ToolbarPopover testId="toolbar-row-height" label="Row height" title="Row height">
        {(close) => (
          <RowHeightMenu
            rowHeight={query.rowHeight}
            onPick={(name) => {
              close();
              updater.update({ rowHeight: rowHeights[name] });
              if (canDesign)
                toolbarApi
                  .mergeViewMeta(view.id, { rowHeight: name })
                  .catch((failure: Error) => showToast(failure.message, 'error'));
            }}
          />
        )}
      </ToolbarPopover>
      <span className="toolbar-spacer" />
      <SearchBox fields={fields} onSearch={(where) => updater.update({ where })} />
    </div>
  );
}
