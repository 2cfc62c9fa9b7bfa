// The builder's left pane: the table's fields that are not on the form yet. Click one to add
// it at the end, or drag it to a place on the form.
import { useDraggable } from '@dnd-kit/core';
import { useState } from 'react';
import { type FormColumn, typeLabelOf } from './form-fields.ts';

export const paletteDragPrefix = 'palette:';

function PaletteItem({ column, onAdd }: { column: FormColumn; onAdd(fieldId: string): void }) {
  const { field } = column;
  const { setNodeRef, listeners, isDragging } = useDraggable({ id: `${paletteDragPrefix}${field.id}` });
  return (
    <li>
      <button
        type="button"
        ref={setNodeRef}
        // Pointer drags only: Enter and Space keep adding the field like a click does.
        onPointerDown={(event) => listeners?.onPointerDown?.(event)}
        onClick={() => onAdd(field.id)}
        className={isDragging ? 'form-palette-item is-dragging' : 'form-palette-item'}
        title={`Add “${field.title}” to the form`}
        data-testid={`form-palette-${field.title}`}
      >
        <span className="form-palette-plus" aria-hidden="true">
          +
        </span>
        <span className="form-palette-title">{field.title}</span>
        <span className="form-palette-type">{typeLabelOf(field.uidt)}</span>
      </button>
    </li>
  );
}

export function FormFieldList({
  columns,
  onAdd,
  onAddAll,
}: {
  columns: readonly FormColumn[];
  onAdd(fieldId: string): void;
  onAddAll(): void;
}) {
  const [query, setQuery] = useState('');
  const hidden = columns.filter((c) => !c.show);
  const needle = query.trim().toLowerCase();
  const listed = needle ? hidden.filter((c) => c.field.title.toLowerCase().includes(needle)) : hidden;
  return (
    <aside className="form-pane form-palette" aria-label="Fields not on the form" data-testid="form-palette">
      <div className="form-pane-head">
        <h3>Fields</h3>
        <button
          type="button"
          className="button button-small button-ghost"
          disabled={hidden.length === 0}
          onClick={onAddAll}
          data-testid="form-add-all"
        >
          Add all
        </button>
      </div>
      {hidden.length > 6 && (
        <input
          className="input form-palette-search"
          type="search"
          placeholder="Find a field"
          aria-label="Find a field"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
      )}
      {hidden.length === 0 ? (
        <p className="form-pane-note">Every field is on the form.</p>
      ) : (
        <>
          <ul className="form-palette-list">
            {listed.map((column) => (
              <PaletteItem key={column.field.id} column={column} onAdd={onAdd} />
            ))}
          </ul>
          {listed.length === 0 && <p className="form-pane-note">No field matches.</p>}
          <p className="form-pane-note">Click a field to add it, or drag it onto the form.</p>
        </>
      )}
    </aside>
  );
}
