// Shown when a kanban view has no grouping field: creators pick a SingleSelect field to
// stack the cards by; others are told to ask one.
import type { Field, View } from '../../api/types.ts';
import { changeView } from '../gallery/CardSettings.tsx';

export function GroupFieldPicker({
  fields,
  view,
  canDesign,
  reloadTable,
}: {
  fields: readonly Field[];
  view: View;
  canDesign: boolean;
  reloadTable(): Promise<void>;
}) {
  const selects = fields.filter((f) => f.uidt === 'SingleSelect');
  return (
    <div className="empty-state" data-testid="kanban-no-group">
      <h2>Choose how to stack the cards</h2>
      {selects.length === 0 ? (
        <p>A kanban view stacks records by a Single select field. Add one to this table first.</p>
      ) : canDesign ? (
        <>
          <p>Pick the Single select field whose options become the stacks.</p>
          <div className="kanban-group-choices">
            {selects.map((f) => (
              <button
                key={f.id}
                type="button"
                className="button"
                data-testid={`kanban-group-${f.title}`}
                onClick={() => void changeView(view, { fk_grp_col_id: f.id }, reloadTable)}
              >
                {f.title}
              </button>
            ))}
          </div>
        </>
      ) : (
        <p>Ask a creator of this base to choose the field that stacks the cards.</p>
      )}
    </div>
  );
}

/** The grouping-field choice inside the card settings popover. */
export function GroupFieldSelect({
  fields,
  view,
  reloadTable,
}: {
  fields: readonly Field[];
  view: View;
  reloadTable(): Promise<void>;
}) {
  return (
    <label className="field-row">
      <span>Stack by</span>
      <select
        className="select"
        data-testid="kanban-group-field"
        value={view.fk_grp_col_id ?? ''}
        onChange={(e) =>
          e.target.value && void changeView(view, { fk_grp_col_id: e.target.value }, reloadTable)
        }
      >
        {!view.fk_grp_col_id && <option value="">Choose a field</option>}
        {fields
          .filter((f) => f.uidt === 'SingleSelect')
          .map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
      </select>
    </label>
  );
}
