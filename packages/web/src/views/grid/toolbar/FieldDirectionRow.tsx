// One row of the sort and group-by panels (a drag handle, a field, a direction and a remove
// button) and the "add a field" select under them; the panels decide what a change saves.
import type { Field } from '../../../api/types.ts';
import { directionLabels } from './direction-labels.ts';
import { DragHandle, type DragHandleProps } from './SortableList.tsx';

export type SortDirection = 'asc' | 'desc';

/** The words and test ids one panel uses; `testId` prefixes every element's data-testid. */
export interface FieldDirectionWording {
  readonly testId: string;
  readonly fieldLabel: string;
  readonly reorderLabel: string;
  readonly removeLabel: string;
}

export interface FieldDirectionRowProps {
  readonly wording: FieldDirectionWording;
  readonly fieldId: string;
  readonly direction: SortDirection;
  /** Every field of the table, to name the chosen one. */
  readonly fields: readonly Field[];
  /** The fields this row may switch to (the chosen one is always kept). */
  readonly choices: readonly Field[];
  /** Field ids other rows already use. */
  readonly used: ReadonlySet<string>;
  readonly canDesign: boolean;
  readonly handle: DragHandleProps;
  onFieldChange(fieldId: string): void;
  onDirectionChange(direction: SortDirection): void;
  onRemove(): void;
}

export function FieldDirectionRow({
  wording,
  fieldId,
  direction,
  fields,
  choices,
  used,
  canDesign,
  handle,
  onFieldChange,
  onDirectionChange,
  onRemove,
}: FieldDirectionRowProps) {
  const field = fields.find((f) => f.id === fieldId);
  const labels = directionLabels(field);
  return (
    <div className="panel-row" data-testid={`${wording.testId}-row`}>
      {canDesign && <DragHandle handle={handle} label={wording.reorderLabel} />}
      <select
        className="select"
        aria-label={wording.fieldLabel}
        data-testid={`${wording.testId}-field`}
        disabled={!canDesign}
        value={fieldId}
        onChange={(e) => onFieldChange(e.target.value)}
      >
        {!field && <option value={fieldId}>(deleted field)</option>}
        {choices
          .filter((f) => f.id === fieldId || !used.has(f.id))
          .map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
      </select>
      <select
        className="select sort-direction"
        aria-label="Direction"
        data-testid={`${wording.testId}-direction`}
        disabled={!canDesign}
        value={direction}
        onChange={(e) => onDirectionChange(e.target.value as SortDirection)}
      >
        <option value="asc">{labels.asc}</option>
        <option value="desc">{labels.desc}</option>
      </select>
      {canDesign && (
        <button
          type="button"
          className="icon-button"
          aria-label={wording.removeLabel}
          data-testid={`${wording.testId}-remove`}
          onClick={onRemove}
        >
          ×
        </button>
      )}
    </div>
  );
}

export interface AddFieldSelectProps {
  readonly label: string;
  readonly testId: string;
  readonly placeholder: string;
  readonly fields: readonly Field[];
  onPick(fieldId: string): void;
}

/** A select that reads as a "+ Add…" button and reports the field picked. */
export function AddFieldSelect({ label, testId, placeholder, fields, onPick }: AddFieldSelectProps) {
  return (
    <select
      className="select panel-add"
      aria-label={label}
      data-testid={testId}
      value=""
      onChange={(e) => e.target.value && onPick(e.target.value)}
    >
      <option value="">{placeholder}</option>
      {fields.map((f) => (
        <option key={f.id} value={f.id}>
          {f.title}
        </option>
      ))}
    </select>
  );
}
