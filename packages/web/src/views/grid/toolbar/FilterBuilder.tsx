// The filter panel: the view's saved filters as a tree of conditions and groups, edited in
// place and saved with every change (read-only for roles below creator).
import type { Field } from '../../../api/types.ts';
import { FilterGroupBox } from './FilterGroupBox.tsx';
import type { FilterEditor } from './use-filter-editor.ts';
import type { ViewSetup } from './use-view-setup.ts';

export interface FilterBuilderProps {
  readonly setup: ViewSetup;
  readonly fields: readonly Field[];
  readonly editor: FilterEditor;
  readonly canDesign: boolean;
}

export function FilterBuilder({ setup, fields, editor, canDesign }: FilterBuilderProps) {
  if (setup.error) return <div className="error-state">{setup.error}</div>;
  if (!canDesign && setup.filters.length === 0)
    return <div className="field-help">This view has no filters.</div>;
  return (
    <div className="filter-builder" data-testid="filter-builder">
      {!canDesign && <div className="field-help">Only creators can change the view's filters.</div>}
      <FilterGroupBox
        filters={setup.filters}
        parentId={null}
        depth={0}
        fields={fields}
        editor={editor}
        readOnly={!canDesign}
      />
    </div>
  );
}
