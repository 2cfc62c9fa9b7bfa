// The sort panel: the view's sorts in priority order (drag to reorder), each a field and a
// direction; every change is saved through the sorts API and refetches the grid.
import type { Field, ViewSort } from '../../../api/types.ts';
import { showToast } from '../../../ui/toasts.tsx';
import { directionLabels } from './direction-labels.ts';
import { DragHandle, SortableList } from './SortableList.tsx';
import { toolbarApi } from './toolbar-api.ts';
import type { ViewSetup } from './use-view-setup.ts';

export interface SortPanelProps {
  readonly viewId: string;
  readonly fields: readonly Field[];
  readonly setup: ViewSetup;
  readonly canDesign: boolean;
  onChanged(): void;
}

export function sortedSorts(sorts: readonly ViewSort[]): ViewSort[] {
  return [...sorts].sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

export function SortPanel({ viewId, fields, setup, canDesign, onChanged }: SortPanelProps) {
  const sorts = sortedSorts(setup.sorts);
  const used = new Set(sorts.map((s) => s.fk_column_id));
  const free = fields.filter((f) => !used.has(f.id));
  const { setSorts } = setup;

  const run = async (action: () => Promise<void>) => {
    try {
      await action();
      onChanged();
    } catch (failure) {
      showToast((failure as Error).message, 'error');
    }
  };
  const replace = (saved: ViewSort) => setSorts((list) => list.map((s) => (s.id === saved.id ? saved : s)));

  const add = (fieldId: string) =>
    run(async () => {
      const order = sorts.reduce((max, s) => Math.max(max, s.order), 0) + 1;
      const created = await toolbarApi.addSort(viewId, { fk_column_id: fieldId, direction: 'asc', order });
      setSorts((list) => [...list, created]);
    });
  const update = (sort: ViewSort, body: { fk_column_id?: string; direction?: 'asc' | 'desc' }) =>
    run(async () => replace(await toolbarApi.updateSort(sort.id, body)));
  const remove = (sort: ViewSort) =>
    run(async () => {
      await toolbarApi.removeSort(sort.id);
      setSorts((list) => list.filter((s) => s.id !== sort.id));
    });
  const reorder = (ids: string[]) =>
    run(async () => {
      const moves = ids
        .map((id, index) => ({ sort: sorts.find((s) => s.id === id)!, order: index + 1 }))
        .filter(({ sort, order }) => sort.order !== order);
      const saved = await Promise.all(
        moves.map(({ sort, order }) => toolbarApi.updateSort(sort.id, { order })),
      );
      setSorts((list) => list.map((s) => saved.find((x) => x.id === s.id) ?? s));
    });

  return (
    <div className="sort-panel" data-testid="sort-panel">
      {sorts.length === 0 && (
        <div className="field-help">No sorts: records show in the order they were added.</div>
      )}
      <SortableList
        items={sorts}
        idOf={(s) => s.id}
        disabled={!canDesign}
        onReorder={(ids) => void reorder(ids)}
        renderItem={(sort, handle) => {
          const field = fields.find((f) => f.id === sort.fk_column_id);
          const labels = directionLabels(field);
          return (
            <div className="panel-row" data-testid="sort-row">
              {canDesign && <DragHandle handle={handle} label="Reorder sort" />}
              <select
                className="select"
                aria-label="Sort field"
                data-testid="sort-field"
                disabled={!canDesign}
                value={sort.fk_column_id}
                onChange={(e) => void update(sort, { fk_column_id: e.target.value })}
              >
                {!field && <option value={sort.fk_column_id}>(deleted field)</option>}
                {fields
                  .filter((f) => f.id === sort.fk_column_id || !used.has(f.id))
                  .map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.title}
                    </option>
                  ))}
              </select>
              <select
                className="select sort-direction"
                aria-label="Direction"
                data-testid="sort-direction"
                disabled={!canDesign}
                value={sort.direction}
                onChange={(e) => void update(sort, { direction: e.target.value as 'asc' | 'desc' })}
              >
                <option value="asc">{labels.asc}</option>
                <option value="desc">{labels.desc}</option>
              </select>
              {canDesign && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label="Remove sort"
                  data-testid="sort-remove"
                  onClick={() => void remove(sort)}
                >
                  ×
                </button>
              )}
            </div>
          );
        }}
      />
      {canDesign && free.length > 0 && (
        <select
          className="select panel-add"
          aria-label="Add a sort"
          data-testid="sort-add"
          value=""
          onChange={(e) => e.target.value && void add(e.target.value)}
        >
          <option value="">+ Add sort…</option>
          {free.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
