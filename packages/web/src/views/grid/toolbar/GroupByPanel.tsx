// The group-by panel: up to three fields with a direction, saved in the view's meta
// (`meta.groupBy`) and applied to the grid at once.
import type { Field } from '../../../api/types.ts';
import { showToast } from '../../../ui/toasts.tsx';
import { type GroupBySetting, maxGroupFields } from '../grid-query.ts';
import { directionLabels } from './direction-labels.ts';
import { isGroupable } from './filter-kinds.ts';
import { DragHandle, SortableList } from './SortableList.tsx';
import { toolbarApi } from './toolbar-api.ts';

export interface GroupByPanelProps {
  readonly viewId: string;
  readonly fields: readonly Field[];
  readonly groupBy: readonly GroupBySetting[];
  readonly canDesign: boolean;
  onGroupByChange(groupBy: readonly GroupBySetting[]): void;
}

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
          const field = fields.find((f) => f.id === setting.fieldId);
          const labels = directionLabels(field);
          return (
            <div className="panel-row" data-testid="group-row">
              {canDesign && <DragHandle handle={handle} label="Reorder grouping" />}
              <select
                className="select"
                aria-label="Group field"
                data-testid="group-field"
                disabled={!canDesign}
                value={setting.fieldId}
                onChange={(e) => void replaceAt(index, { fieldId: e.target.value })}
              >
                {!field && <option value={setting.fieldId}>(deleted field)</option>}
                {groupable
                  .filter((f) => f.id === setting.fieldId || !used.has(f.id))
                  .map((f) => (
                    <option key={f.id} value={f.id}>
                      {f.title}
                    </option>
                  ))}
              </select>
              <select
                className="select sort-direction"
                aria-label="Direction"
                data-testid="group-direction"
                disabled={!canDesign}
                value={setting.direction}
                onChange={(e) => void replaceAt(index, { direction: e.target.value as 'asc' | 'desc' })}
              >
                <option value="asc">{labels.asc}</option>
                <option value="desc">{labels.desc}</option>
              </select>
              {canDesign && (
                <button
                  type="button"
                  className="icon-button"
                  aria-label="Remove grouping"
                  data-testid="group-remove"
                  onClick={() => void save(groupBy.filter((_, i) => i !== index))}
                >
                  ×
                </button>
              )}
            </div>
          );
        }}
      />
      {canDesign && groupBy.length < maxGroupFields && free.length > 0 && (
        <select
          className="select panel-add"
          aria-label="Group by a field"
          data-testid="group-add"
          value=""
          onChange={(e) =>
            e.target.value && void save([...groupBy, { fieldId: e.target.value, direction: 'asc' }])
          }
        >
          <option value="">+ Group by…</option>
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
