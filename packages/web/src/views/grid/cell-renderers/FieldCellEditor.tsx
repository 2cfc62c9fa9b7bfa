// The overlay editor of a field cell: the app's FieldInput (select with colours, date
// pickers, long text, JSON, links, attachments, users) in glide's editor box. Enter commits
// and moves down, Tab commits and moves right, Escape drops the edit.
import type { ProvideEditorComponent } from '@glideapps/glide-data-grid';
import { type KeyboardEvent, useRef, useState } from 'react';
import type { FieldType } from '../../../api/types.ts';
import { FieldInput } from '../../../fields/FieldInput.tsx';
import type { FieldCell } from '../cell-content.ts';

/** Types whose editor starts from the key typed on the cell (text-like editors). */
const typedTypes: ReadonlySet<FieldType> = new Set<FieldType>(['LongText', 'JSON', 'Duration']);

type Movement = readonly [-1 | 0 | 1, -1 | 0 | 1];

export const FieldCellEditor: ProvideEditorComponent<FieldCell> = ({
  value: cell,
  onChange,
  onFinishedEditing,
  initialValue,
  target,
}) => {
  const { field, tableId, recordId, hooks } = cell.data;
  const seeded = initialValue !== undefined && typedTypes.has(field.uidt) ? initialValue : cell.data.value;
  const [draft, setDraft] = useState<unknown>(seeded);
  const latest = useRef<unknown>(seeded);
  const finished = useRef(false);
  /** The key being handled, so a commit from Enter moves down and one from blur stays. */
  const key = useRef<string | undefined>(undefined);
  const withValue = (value: unknown): FieldCell => ({ ...cell, data: { ...cell.data, value } });

  const finish = (value: unknown, movement: Movement) => {
    if (finished.current) return;
    finished.current = true;
    onFinishedEditing(withValue(value), movement);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      event.stopPropagation();
      finish(latest.current, [0, 1]);
    } else if (event.key === 'Tab') {
      event.preventDefault();
      event.stopPropagation();
      finish(latest.current, [event.shiftKey ? -1 : 1, 0]);
    }
  };

  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: keys from the input inside commit the edit
    <div
      className="grid-cell-editor"
      data-testid="grid-cell-editor"
      data-field={field.title}
      style={{ minWidth: Math.max(target.width, 220) }}
      onKeyDownCapture={(event) => {
        key.current = event.key;
      }}
      onKeyUpCapture={() => {
        key.current = undefined;
      }}
      onKeyDown={onKeyDown}
    >
      <FieldInput
        field={field}
        tableId={tableId}
        recordId={recordId}
        value={draft}
        autoFocus
        onChange={(value) => {
          latest.current = value;
          setDraft(value);
          onChange(withValue(value));
        }}
        onCommit={(value) => finish(value, key.current === 'Enter' ? [0, 1] : [0, 0])}
        onLinksChanged={() => recordId !== undefined && hooks.linksChanged(recordId)}
        onTableChanged={hooks.tableChanged}
        canAddOptions={hooks.canAddOptions}
        onCancel={() => {
          if (finished.current) return;
          finished.current = true;
          onFinishedEditing(undefined, [0, 0]);
        }}
      />
    </div>
  );
};
