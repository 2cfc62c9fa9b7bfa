// The builder's centre: the form as it will look, with its heading and subheading edited in
// place and one card per question, reordered by dragging. Fields dragged from the left pane
// drop onto it.
import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import type { View } from '../../api/types.ts';
import { FormFieldCard, type FormFieldCardActions } from './FormFieldCard.tsx';
import type { FormColumn } from './form-fields.ts';
import type { FormSettings } from './form-settings.ts';

export const canvasDropId = 'form-canvas';

export function FormCanvas({
  view,
  tableId,
  settings,
  shown,
  receiving,
  actions,
  onSettings,
}: {
  view: View;
  tableId: string;
  settings: FormSettings;
  /** The questions, in order. */
  shown: readonly FormColumn[];
  /** A field from the left pane is being dragged. */
  receiving: boolean;
  actions: FormFieldCardActions;
  onSettings(change: Partial<FormSettings>): void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: canvasDropId });
  const classes = ['form-sheet', 'card', 'form-canvas-sheet'];
  if (receiving) classes.push('is-receiving');
  if (receiving && isOver) classes.push('is-over');
  return (
    <div className="form-canvas" data-testid="form-canvas">
      <section ref={setNodeRef} className={classes.join(' ')}>
        <header className="form-sheet-header">
          <input
            className="form-heading-input"
            value={settings.heading}
            placeholder={view.title}
            aria-label="Form heading"
            onChange={(event) => onSettings({ heading: event.target.value })}
            onBlur={actions.flushText}
            data-testid="form-heading"
          />
          <textarea
            className="form-subheading-input"
            value={settings.subheading}
            placeholder="Add a description (optional)"
            aria-label="Form description"
            rows={2}
            onChange={(event) => onSettings({ subheading: event.target.value })}
            onBlur={actions.flushText}
            data-testid="form-subheading"
          />
        </header>
        <SortableContext items={shown.map((c) => c.field.id)} strategy={verticalListSortingStrategy}>
          <div className="form-card-list">
            {shown.map((column) => (
              <FormFieldCard key={column.field.id} column={column} tableId={tableId} actions={actions} />
            ))}
          </div>
        </SortableContext>
        {shown.length === 0 && (
          <div className="form-drop-hint">
            The form has no questions yet. Click a field on the left, or drag it here.
          </div>
        )}
        <div className="form-submit-row">
          <button type="button" className="button button-primary" disabled>
            Submit
          </button>
        </div>
      </section>
    </div>
  );
}
