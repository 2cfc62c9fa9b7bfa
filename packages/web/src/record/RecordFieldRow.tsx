// One field of the record panel: its editor, saving through the save queue: text-like
// fields when the edit is finished (Enter, leaving the field), the others on every change.
// A refused save puts the saved value back and says why.
import { type FocusEvent, useEffect, useRef, useState } from 'react';
import { recordsApi } from '../api/records-api.ts';
import type { Field, FieldType } from '../api/types.ts';
import { FieldInput } from '../fields/FieldInput.tsx';
import { FieldValueView } from '../fields/FieldValueView.tsx';
import { FieldIcon } from '../fields/field-icons.tsx';
import { save } from '../shared/save-queue.ts';
import { showToast } from '../ui/toasts.tsx';

/** Types typed into a box: saved when the edit is finished, not on each key. */
const savedOnCommit: ReadonlySet<FieldType> = new Set([
  'SingleLineText',
  'LongText',
  'Email',
  'URL',
  'PhoneNumber',
  'Number',
  'Decimal',
  'Currency',
  'Percent',
  'Duration',
  'JSON',
]);

/** Values that mean the same cell: empty text is no value. */
function sameValue(a: unknown, b: unknown): boolean {
  const plain = (v: unknown) => JSON.stringify(v === '' || v === undefined ? null : v);
  return plain(a) === plain(b);
}

export interface RecordFieldRowProps {
  readonly field: Field;
  readonly tableId: string;
  readonly recordId: number;
  /** The value as last read from the server. */
  readonly value: unknown;
  readonly editable: boolean;
  /** After a save or a link change: read the record and its history again. */
  onSaved(): void;
}

export function RecordFieldRow({ field, tableId, recordId, value, editable, onSaved }: RecordFieldRowProps) {
  const [draft, setDraftState] = useState<unknown>(value);
  const draftNow = useRef<unknown>(value);
  const sent = useRef<unknown>(value);
  const editing = useRef(false);
  const setDraft = (next: unknown) => {
    draftNow.current = next;
    setDraftState(next);
  };

  // A new value from the server replaces the draft unless the user is typing in this field.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only a new server value resets the draft
  useEffect(() => {
    sent.current = value;
    if (!editing.current) setDraft(value);
  }, [value]);

  const commit = async (next: unknown) => {
    editing.current = false;
    if (sameValue(next, sent.current)) return;
    const previous = sent.current;
    sent.current = next;
    try {
      await save(() => recordsApi.update(tableId, [{ Id: recordId, [field.title]: next }]));
      onSaved();
    } catch (error) {
      sent.current = previous;
      setDraft(previous);
      showToast((error as Error).message, 'error');
    }
  };

  const onChange = (next: unknown) => {
    setDraft(next);
    if (savedOnCommit.has(field.uidt)) editing.current = true;
    else void commit(next);
  };

  const onBlur = (event: FocusEvent<HTMLFieldSetElement>) => {
    if (!editing.current || event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    void commit(draftNow.current);
  };

  return (
    <fieldset
      className="record-field"
      aria-label={field.title}
      data-testid="record-field"
      data-field-title={field.title}
      onBlur={onBlur}
    >
      <div className="record-field-label">
        <FieldIcon uidt={field.uidt} />
        <span>{field.title}</span>
      </div>
      <div className="record-field-value">
        {editable ? (
          <FieldInput
            field={field}
            tableId={tableId}
            recordId={recordId}
            value={draft}
            onChange={onChange}
            onCommit={(next) => void commit(next)}
            onCancel={() => {
              editing.current = false;
              setDraft(sent.current);
            }}
            onLinksChanged={onSaved}
          />
        ) : (
          <FieldValueView field={field} value={value} />
        )}
      </div>
    </fieldset>
  );
}
