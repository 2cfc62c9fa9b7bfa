// One question of a form being filled in: its label (marked when required), help text, the
// field's input and the message for it.
import { FieldInput } from '../../fields/FieldInput.tsx';
import type { FormFieldSpec } from './form-fields.ts';

export function FormQuestion({
  spec,
  tableId,
  value,
  error,
  anonymous,
  disabled,
  onChange,
}: {
  spec: FormFieldSpec;
  tableId: string;
  value: unknown;
  error: string | undefined;
  anonymous: boolean;
  disabled: boolean;
  onChange(value: unknown): void;
}) {
  const { field } = spec;
  const helpId = `form-help-${field.id}`;
  const errorId = `form-error-${field.id}`;
  const describedBy = [spec.help ? helpId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      className={error ? 'form-question form-question-invalid' : 'form-question'}
      aria-describedby={describedBy}
      data-testid={`form-question-${field.title}`}
      data-field-id={field.id}
    >
      <legend className="form-question-label">
        {spec.label}
        {spec.required && (
          <span className="form-required" title="Required">
            {' '}
            *
          </span>
        )}
      </legend>
      {spec.help && (
        <div className="form-question-help" id={helpId}>
          {spec.help}
        </div>
      )}
      <FieldInput
        field={field}
        tableId={tableId}
        value={value}
        onChange={onChange}
        invalid={Boolean(error)}
        anonymous={anonymous}
        canAddOptions={false}
        disabled={disabled}
      />
      {error && (
        <div className="field-error" id={errorId} role="alert" data-testid={`form-error-${field.title}`}>
          {error}
        </div>
      )}
    </fieldset>
  );
}
