// The sort panel: the view's sorts in priority order (drag to reorder), each a field and a
// direction; every change is saved through the sorts API and refetches the grid.
import type { Field, ViewSort } from '../../../api/types.ts';
import { showToast } from '../../../ui/toasts.tsx';
import { AddFieldSelect, FieldDirectionRow, type FieldDirectionWording } from './FieldDirectionRow.tsx';
import { SortableList } from './SortableList.tsx';
import { toolbarApi } from './toolbar-api.ts';
import type { ViewSetup } from './use-view-setup.ts';

export interface SortPanelProps {
  readonly viewId: string;
  readonly fields: readonly Field[];
  readonly setup: ViewSetup;
  readonly canDesign: boolean;
  onChanged(): void;
}

const sortWording: FieldDirectionWording = {
  testId: 'sort',
  fieldLabel: 'Sort field',
  reorderLabel: 'Reorder sort',
  removeLabel: 'Remove sort',
};

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
        renderItem={(sort, handle) => (
          <FieldDirectionRow
            wording={sortWording}
            fieldId={sort.fk_column_id}
            direction={sort.direction}
            fields={fields}
            choices={fields}
            used={used}
            canDesign={canDesign}
            handle={handle}
            onFieldChange={(fk_column_id) => void update(sort, { fk_column_id })}
            onDirectionChange={(direction) => void update(sort, { direction })}
            onRemove={() => void remove(sort)}
          />
        )}
      />
      {canDesign && free.length > 0 && (
        <AddFieldSelect
          label="Add a sort"
          testId="sort-add"
          placeholder="+ Add sort…"
          fields={free}
          onPick={(fieldId) => void add(fieldId)}
        />
      )}
    </div>
  );
}
