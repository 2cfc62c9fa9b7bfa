// Add or edit a field: title, type (grouped, with icons), description, required, default
// value, and the type's own options (select options, number and date formats, link target,
// lookup and rollup wiring, formula). Server refusals are shown in place: a formula's error
// under the editor with its position marked, a type change's values that cannot convert.
// Editing offers to delete the field after a confirmation.
import { useId, useState } from 'react';
import { ApiError } from '../api/http.ts';
import { metaApi } from '../api/meta-api.ts';
import type { Field, FieldType, Table } from '../api/types.ts';
import { Modal } from '../ui/Modal.tsx';
import { DisplayOptions } from './config/DisplayOptions.tsx';
import { FormulaEditor, type FormulaProblem } from './config/FormulaEditor.tsx';
import {
  createBody,
  draftOf,
  draftProblem,
  type FieldDraft,
  linkTypeOf,
  updateBody,
  withType,
} from './config/field-draft.ts';
import { LinkOptions, LookupRollupOptions } from './config/RelationOptions.tsx';
import { SelectOptionsEditor } from './config/SelectOptionsEditor.tsx';
import { TypeButton, TypeGrid } from './config/TypePicker.tsx';
import { FieldInput } from './FieldInput.tsx';
import {
  conversionTargets,
  fieldTypeCatalog,
  fieldTypeInfo,
  isPlainType,
  takesDefault,
} from './field-kinds.ts';
import { forgetTable } from './fields-api.ts';
import './config/field-dialog.css';

export interface FieldConfigDialogProps {
  readonly table: Table & { columns: Field[] };
  /** The field to edit; absent to add a new one. */
  readonly field?: Field | undefined;
  onClose(): void;
  /** Called with the table as the server answered after the change. */
  onSaved(table: Table): void;
}

type Failure =
  | { readonly kind: 'formula'; readonly formula: string; readonly problem: FormulaProblem }
  | {
      readonly kind: 'conversion';
      readonly message: string;
      readonly count: number;
      readonly failures: readonly { id: number; value: unknown; reason: string }[];
    }
  | { readonly kind: 'other'; readonly message: string };

function failureOf(error: unknown, draft: FieldDraft): Failure {
  if (!(error instanceof ApiError)) return { kind: 'other', message: (error as Error).message };
  const details = (error.details ?? {}) as {
    position?: unknown;
    failedCount?: unknown;
    failures?: { id: number; value: unknown; reason: string }[];
  };
  if (error.code === 'ERR_TYPE_CONVERSION_FAILED')
    return {
      kind: 'conversion',
      message: error.message,
      count: typeof details.failedCount === 'number' ? details.failedCount : (details.failures?.length ?? 0),
      failures: details.failures ?? [],
    };
  if (draft.uidt === 'Formula' && (error.status === 422 || error.status === 400)) {
    const fromText = /at position (\d+)/.exec(error.message)?.[1];
    const position =
      typeof details.position === 'number' ? details.position : fromText ? Number(fromText) : undefined;
    return { kind: 'formula', formula: draft.formula, problem: { message: error.message, position } };
  }
  return { kind: 'other', message: error.message };
}

function ConversionFailure({ failure }: { failure: Extract<Failure, { kind: 'conversion' }> }) {
  return (
    <div className="error-state" role="alert" data-testid="conversion-error">
      <strong>
        {failure.count} value{failure.count === 1 ? '' : 's'} cannot be converted; nothing was changed.
      </strong>
      <ul className="conversion-failures">
        {failure.failures.map((f) => (
          <li key={f.id}>
            Record {f.id}: <code>{JSON.stringify(f.value)}</code> — {f.reason}
          </li>
        ))}
      </ul>
    </div>
  );
}

function DeleteConfirm({
  field,
  busy,
  onKeep,
  onDelete,
}: {
  field: Field;
  busy: boolean;
  onKeep(): void;
  onDelete(): void;
}) {
  return (
    <div className="delete-confirm" role="alert">
      <p>
        Delete the field <strong>{field.title}</strong> and all its values? Links, lookups and rollups that
        use it go with it. This cannot be undone.
      </p>
      <div className="modal-actions">
        <button type="button" className="button" onClick={onKeep} disabled={busy}>
          Keep it
        </button>
        <button
          type="button"
          className="button button-danger"
          data-testid="field-delete-confirm"
          disabled={busy}
          onClick={onDelete}
        >
          Delete field
        </button>
      </div>
    </div>
  );
}

export function FieldConfigDialog({ table, field, onClose, onSaved }: FieldConfigDialogProps) {
  const [draft, setDraft] = useState<FieldDraft>(() => draftOf(field));
  const [failure, setFailure] = useState<Failure | undefined>();
  const [busy, setBusy] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [attempted, setAttempted] = useState(false);
  const [picking, setPicking] = useState(false);
  const ids = { title: useId(), description: useId(), defaultValue: useId() };
  const editing = field !== undefined;
  const allowed: FieldType[] = field ? conversionTargets(field) : fieldTypeCatalog.map((t) => t.uidt);
  const typeChanged = editing && draft.uidt !== field.uidt;
  const problem = draftProblem(draft);

  const change = (next: Partial<FieldDraft>) => {
    setDraft((d) => ({ ...d, ...next }));
    if (failure?.kind !== 'formula') setFailure(undefined);
  };

  const finish = (saved: Table) => {
    forgetTable(saved.id);
    onSaved(saved);
    onClose();
  };

  const submit = async () => {
    setAttempted(true);
    if (problem || busy) return;
    setBusy(true);
    setFailure(undefined);
    try {
      if (field) {
        const body = updateBody(draft, field, table.id);
        finish(Object.keys(body).length ? await metaApi.updateField(field.id, body) : table);
      } else finish(await metaApi.addField(table.id, createBody(draft, table.id)));
    } catch (error) {
      setFailure(failureOf(error, draft));
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!field) return;
    setBusy(true);
    try {
      finish(await metaApi.deleteField(field.id));
    } catch (error) {
      setFailure({ kind: 'other', message: (error as Error).message });
      setConfirmingDelete(false);
    } finally {
      setBusy(false);
    }
  };

  // The default value is edited with the chosen type's own input.
  const defaultField: Field = {
    id: field?.id ?? '',
    fk_model_id: table.id,
    title: 'Default',
    column_name: '',
    uidt: draft.uidt,
    pk: false,
    pv: false,
    rqd: false,
    unique: false,
    system: false,
    readonly: false,
    cdf: null,
    description: null,
    meta: draft.meta,
    order: 0,
    colOptions: { options: draft.options.map((o) => ({ title: o.title.trim(), color: o.color })) },
  };
  const formulaProblem =
    failure?.kind === 'formula' && failure.formula === draft.formula ? failure.problem : undefined;

  return (
    <Modal title={editing ? `Edit field “${field.title}”` : 'Add a field'} width={620} onClose={onClose}>
      <form
        className="field-dialog"
        data-testid="field-dialog"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="field-dialog-head">
          <div className="field-row field-dialog-title">
            <label htmlFor={ids.title}>Title</label>
            <input
              id={ids.title}
              className="input"
              value={draft.title}
              placeholder="Field name"
              maxLength={255}
              aria-invalid={(attempted && !draft.title.trim()) || undefined}
              data-testid="field-title"
              onChange={(event) => change({ title: event.target.value })}
            />
          </div>
          <div className="field-row">
            <span className="field-row-label">Type</span>
            <TypeButton
              value={draft.uidt}
              locked={allowed.length <= 1}
              open={picking}
              onToggle={() => setPicking((open) => !open)}
            />
          </div>
        </div>
        {picking && (
          <TypeGrid
            value={draft.uidt}
            allowed={allowed}
            onPick={(uidt) => {
              setPicking(false);
              setDraft((d) => withType(d, uidt, field));
              setFailure(undefined);
            }}
          />
        )}
        <p className="field-help type-description">{fieldTypeInfo(draft.uidt).description}</p>

        {typeChanged && (
          <div className="type-change-warning" role="note" data-testid="type-change-warning">
            Changing {fieldTypeInfo(field.uidt).label} to {fieldTypeInfo(draft.uidt).label} converts every
            value. Values that cannot be converted stop the change, and nothing is changed.
          </div>
        )}

        <div className="field-type-options">
          {(draft.uidt === 'SingleSelect' || draft.uidt === 'MultiSelect') && (
            <div className="field-row">
              <span className="field-row-label">Options</span>
              <SelectOptionsEditor options={draft.options} onChange={(options) => change({ options })} />
            </div>
          )}
          {(draft.uidt === 'Links' || draft.uidt === 'LinkToAnotherRecord') && (
            <LinkOptions
              table={table}
              draft={draft}
              editing={editing}
              onChange={(next) =>
                change(next.relationType ? { ...next, uidt: linkTypeOf(next.relationType) } : next)
              }
            />
          )}
          {(draft.uidt === 'Lookup' || draft.uidt === 'Rollup') && (
            <LookupRollupOptions table={table} draft={draft} editing={editing} onChange={change} />
          )}
          {draft.uidt === 'Formula' && (
            <FormulaEditor
              value={draft.formula}
              fields={table.columns}
              self={field}
              problem={formulaProblem}
              onChange={(formula) => change({ formula })}
            />
          )}
          {draft.uidt === 'AutoNumber' && (
            <p className="field-help">
              Existing records are numbered 1, 2, 3… in the order they were created.
            </p>
          )}
          <DisplayOptions uidt={draft.uidt} meta={draft.meta} onChange={(meta) => change({ meta })} />
        </div>

        <div className="field-row">
          <label htmlFor={ids.description}>Description</label>
          <textarea
            id={ids.description}
            className="textarea field-description"
            rows={2}
            value={draft.description}
            placeholder="What this field is for (optional)"
            data-testid="field-description"
            onChange={(event) => change({ description: event.target.value })}
          />
        </div>

        {isPlainType(draft.uidt) && (
          <label className="check-row">
            <input
              type="checkbox"
              checked={draft.required}
              data-testid="field-required"
              onChange={(event) => change({ required: event.target.checked })}
            />
            Required: every record must have a value
          </label>
        )}

        {takesDefault(draft.uidt) && (
          <div className="field-row field-default" id={ids.defaultValue}>
            <span className="field-row-label">Default value</span>
            <FieldInput
              key={draft.uidt}
              field={defaultField}
              tableId={table.id}
              value={draft.defaultValue}
              canAddOptions={false}
              onChange={(value) => change({ defaultValue: value })}
            />
          </div>
        )}

        {attempted && problem && <div className="field-error">{problem}</div>}
        {failure?.kind === 'conversion' && <ConversionFailure failure={failure} />}
        {failure?.kind === 'other' && (
          <div className="error-state" role="alert" data-testid="field-dialog-error">
            {failure.message}
          </div>
        )}

        {confirmingDelete && field ? (
          <DeleteConfirm
            field={field}
            busy={busy}
            onKeep={() => setConfirmingDelete(false)}
            onDelete={() => void remove()}
          />
        ) : (
          <div className="modal-actions">
            {editing && !field.system && !field.pk && (
              <button
                type="button"
                className="button button-danger field-delete"
                data-testid="field-delete"
                onClick={() => setConfirmingDelete(true)}
              >
                Delete field
              </button>
            )}
            <button type="button" className="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="button button-primary" disabled={busy} data-testid="field-save">
              {busy ? 'Saving…' : editing ? 'Save' : 'Add field'}
            </button>
          </div>
        )}
      </form>
    </Modal>
  );
}
