// One question on the form being built: drag handle, the field it fills, its label and help
// text (edited in place), required toggle, remove, and a preview of the input.
import { useSortable } from '@dnd-kit/sortable';
import { FieldInput } from '../../fields/FieldInput.tsx';
import { type FormColumn, isLeftOffPublicForm, typeLabelOf } from './form-fields.ts';

export interface FormFieldCardActions {
  updateColumn(fieldId: string, change: { label?: string; description?: string; required?: boolean }): void;
  removeField(fieldId: string): void;
  flushText(): void;
}

export function FormFieldCard({
  column,
  tableId,
  actions,
}: {
  column: FormColumn;
  tableId: string;
  actions: FormFieldCardActions;
}) {
  const { field } = column;
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: field.id });
  const style = {
    transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
    transition,
  };
  const requiredByField = field.rqd;
  return (
    <div
      ref={setNodeRef}
      style={style}
      className={isDragging ? 'form-card is-dragging' : 'form-card'}
      data-testid={`form-card-${field.title}`}
      data-field-id={field.id}
    >
      <div className="form-card-top">
        <button
          type="button"
          ref={setActivatorNodeRef}
          className="form-card-handle"
          aria-label={`Move “${field.title}”`}
          title="Drag to reorder (or focus and use Space and the arrow keys)"
          {...attributes}
          {...listeners}
          data-testid="form-card-handle"
        >
          ⠿
        </button>
        <span className="form-card-field">
          {field.title}
          <span className="form-card-type">{typeLabelOf(field.uidt)}</span>
        </span>
        <label
          className="form-card-required"
          title={requiredByField ? 'The field itself is required' : 'Answer required'}
        >
          <input
            type="checkbox"
            checked={column.required || requiredByField}
            disabled={requiredByField}
            onChange={(event) => actions.updateColumn(field.id, { required: event.target.checked })}
            data-testid="form-card-required"
          />
          Required
        </label>
        <button
          type="button"
          className="icon-button"
          aria-label={`Remove “${field.title}” from the form`}
          onClick={() => actions.removeField(field.id)}
          data-testid="form-card-remove"
        >
          ×
        </button>
      </div>
      <input
        className="form-card-label"
        value={column.label ?? ''}
        placeholder={field.title}
        aria-label={`Label of “${field.title}”`}
        onChange={(event) => actions.updateColumn(field.id, { label: event.target.value })}
        onBlur={actions.flushText}
        data-testid="form-card-label"
      />
      <input
        className="form-card-help"
        value={column.description ?? ''}
        placeholder={field.description || 'Add help text (optional)'}
        aria-label={`Help text of “${field.title}”`}
        onChange={(event) => actions.updateColumn(field.id, { description: event.target.value })}
        onBlur={actions.flushText}
        data-testid="form-card-help"
      />
      {isLeftOffPublicForm(field) && (
        <div className="form-card-note">
          Only people signed in see this question: the public link leaves it out.
        </div>
      )}
      <div className="form-card-preview" inert>
        <FieldInput field={field} tableId={tableId} value={null} onChange={() => undefined} disabled />
      </div>
    </div>
  );
}
