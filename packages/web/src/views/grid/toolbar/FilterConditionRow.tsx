// One condition of the filter builder: field, operator, value, remove; the server's message
// under it when it refused the condition, a note when it is not applied yet.
import type { Field, ViewFilter } from '../../../api/types.ts';
import { FilterValueInput } from './FilterValueInput.tsx';
import { draftOf, isComplete, sameDraft, withField, withOperator } from './filter-draft.ts';
import { filterKindOf } from './filter-kinds.ts';
import { canonicalOperator, operatorsFor } from './filter-operators.ts';
import type { FilterEditor } from './use-filter-editor.ts';

export interface FilterConditionRowProps {
  readonly filter: ViewFilter;
  readonly fields: readonly Field[];
  readonly editor: FilterEditor;
  readonly readOnly: boolean;
}

export function FilterConditionRow({ filter, fields, editor, readOnly }: FilterConditionRowProps) {
  const stored = fields.find((f) => f.id === filter.fk_column_id);
  const draft = editor.draftOf(filter, stored);
  const field = fields.find((f) => f.id === draft.fieldId);
  const error = editor.errorOf(filter.id);
  const complete = isComplete(draft, field);
  return (
    <div className="filter-condition" data-testid="filter-condition" data-filter-id={filter.id}>
      <div className="filter-condition-controls">
        <select
          className="select filter-field"
          aria-label="Field"
          data-testid="filter-field"
          disabled={readOnly}
          value={field ? field.id : ''}
          onChange={(e) => {
            const next = fields.find((f) => f.id === e.target.value);
            if (next) editor.change(filter, withField(draft, field, next));
          }}
        >
          {!field && <option value="">(deleted field)</option>}
          {fields.map((f) => (
            <option key={f.id} value={f.id}>
              {f.title}
            </option>
          ))}
        </select>
        {field && (
          <select
            className="select filter-op"
            aria-label="Operator"
            data-testid="filter-op"
            disabled={readOnly}
            value={canonicalOperator(draft.op)}
            onChange={(e) => editor.change(filter, withOperator(draft, field, e.target.value))}
          >
            {operatorsFor(filterKindOf(field), draft.op).map((choice) => (
              <option key={choice.op} value={choice.op}>
                {choice.label}
              </option>
            ))}
          </select>
        )}
        {field && (
          <span className="filter-value-cell">
            <FilterValueInput
              field={field}
              draft={draft}
              disabled={readOnly}
              invalid={error !== undefined}
              onChange={(next, typing) => editor.change(filter, next, typing)}
            />
          </span>
        )}
        {!readOnly && (
          <button
            type="button"
            className="icon-button"
            aria-label="Remove filter"
            title="Remove filter"
            data-testid="filter-remove"
            onClick={() => void editor.remove(filter)}
          >
            ×
          </button>
        )}
      </div>
      {error !== undefined ? (
        <div className="field-error" role="alert" data-testid="filter-error">
          {error}
        </div>
      ) : (
        !complete &&
        !readOnly && <div className="field-help filter-note">Not applied until it has a value.</div>
      )}
      {complete && !filter.enabled && sameDraft(draft, draftOf(filter, stored)) && error === undefined && (
        <div className="field-help filter-note">Switched off: change it to apply it again.</div>
      )}
    </div>
  );
}
