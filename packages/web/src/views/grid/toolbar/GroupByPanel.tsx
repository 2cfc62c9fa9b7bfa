// The group-by panel: up to three fields with a direction, saved in the view's meta
// (`meta.groupBy`) and applied to the grid at once.
import type { Field } from '../../../api/types.ts';
import { showToast } from '../../../ui/toasts.tsx';
import { type GroupBySetting, maxGroupFields } from '../grid-query.ts';
import { AddFieldSelect, FieldDirectionRow, type FieldDirectionWording } from './FieldDirectionRow.tsx';
import { isGroupable } from './filter-kinds.ts';
import { SortableList } from './SortableList.tsx';
import { toolbarApi } from './toolbar-api.ts';

export interface GroupByPanelProps {
  readonly viewId: string;
  readonly fields: readonly Field[];
  readonly groupBy: readonly GroupBySetting[];
  readonly canDesign: boolean;
  onGroupByChange(groupBy: readonly GroupBySetting[]): void;
}

const groupWording: FieldDirectionWording = {
  testId: 'group',
  fieldLabel: 'Group field',
  reorderLabel: 'Reorder grouping',
  removeLabel: 'Remove grouping',
};

export function GroupByPanel({ viewId, fields, groupBy, canDesign, onGroupByChange }: GroupByPanelProps) {
  const groupable = fields.filter(isGroupable);
  const used = new Set(groupBy.map((g) => g.fieldId));
  const free = groupable.filter((f) => !used.has(f.id));

  const save = async (next: readonly GroupBySetting[]) => {
    const before = groupBy;
    onGroupByChange(next);
    try {
      await toolbarApi.mergeViewMeta(viewId, { groupBy: next });
    } catch (failure) {
      onGroupByChange(before);
      showToast((failure as Error).message, 'error');
    }
  };
  const replaceAt = (index: number, change: Partial<GroupBySetting>) =>
    save(groupBy.map((g, i) => (i === index ? { ...g, ...change } : g)));

  return (
    <div className="group-panel" data-testid="group-panel">
      {groupBy.length === 0 && <div className="field-help">Group records by up to three fields.</div>}
      <SortableList
        items={groupBy}
        idOf={(g) => g.fieldId}
        disabled={!canDesign}
        onReorder={(ids) => void save(ids.map((id) => groupBy.find((g) => g.fieldId === id)!))}
        renderItem={(setting, handle) => {
          const index = groupBy.indexOf(setting);
          return (
            <FieldDirectionRow
              wording={groupWording}
              fieldId={setting.fieldId}
              direction={setting.direction}
              fields={fields}
              choices={groupable}
              used={used}
              canDesign={canDesign}
              handle={handle}
              onFieldChange={(fieldId) => void replaceAt(index, { fieldId })}
              onDirectionChange={(direction) => void replaceAt(index, { direction })}
              onRemove={() => void save(groupBy.filter((_, i) => i !== index))}
            />
          );
        }}
      />
      {canDesign && groupBy.length < maxGroupFields && free.length > 0 && (
        <AddFieldSelect
          label="Group by a field"
          testId="group-add"
          placeholder="+ Group by…"
          fields={free}
          onPick={(fieldId) => void save([...groupBy, { fieldId, direction: 'asc' }])}
        />
      )}
    </div>
  );
}
