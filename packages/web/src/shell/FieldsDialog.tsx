// A table's fields in one list, for designers: add a field or edit one. Adding and editing
// (where a field can also be deleted) open the field editor, fields/FieldConfigDialog.tsx, in
// place of the list.
import { useState } from 'react';
import type { Field } from '../api/types.ts';
import { FieldConfigDialog } from '../fields/FieldConfigDialog.tsx';
import { Modal } from '../ui/Modal.tsx';
import type { TableWithColumns } from '../views/view-props.ts';

export interface FieldsDialogProps {
  readonly table: TableWithColumns;
  /** Loads the table again after a change. */
  reload(): Promise<void>;
  onClose(): void;
}

type Mode = { readonly kind: 'list' } | { readonly kind: 'edit'; readonly field?: Field };

export function FieldsDialog({ table, reload, onClose }: FieldsDialogProps) {
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const back = () => setMode({ kind: 'list' });

  if (mode.kind === 'edit')
    return (
      <FieldConfigDialog
        table={table}
        field={mode.field}
        onClose={back}
        onSaved={() => {
          back();
          void reload();
        }}
      />
    );
  const fields = [...table.columns].sort((a, b) => a.order - b.order);
  return (
    <Modal title={`Fields of ${table.title}`} onClose={onClose} width={560}>
      <table className="data-table fields-table" data-testid="fields-list">
        <thead>
          <tr>
            <th>Field</th>
            <th>Type</th>
            <th>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {fields.map((field) => (
            <tr key={field.id} data-testid={`field-row-${field.title}`}>
              <td>
                {field.title}
                {field.pv && <span className="chip field-chip">display value</span>}
              </td>
              <td className="muted">{field.uidt}</td>
              <td className="row-actions">
                {field.system || field.pk ? (
                  <span className="muted">system</span>
                ) : (
                  <button
                    type="button"
                    className="button button-small"
                    onClick={() => setMode({ kind: 'edit', field })}
                    data-testid={`field-edit-${field.title}`}
                  >
                    Edit
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="modal-actions">
        <button
          type="button"
          className="button button-primary"
          onClick={() => setMode({ kind: 'edit' })}
          data-testid="field-add"
        >
          + Add field
        </button>
        <button type="button" className="button" onClick={onClose}>
          Done
        </button>
      </div>
    </Modal>
  );
}
