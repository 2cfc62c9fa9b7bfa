// One line of text: SingleLineText, Email, URL and PhoneNumber (checked as typed; an invalid
// value is marked and Enter does not commit it).

import { useState } from 'react';
import { type FieldInputProps, handleEditorKeys } from '../field-input-props.ts';
import { useAutoFocus } from '../use-auto-focus.ts';
import { textProblem } from './text-checks.ts';

const inputTypes: Record<string, string> = { Email: 'email', URL: 'url', PhoneNumber: 'tel' };
const placeholders: Record<string, string> = {
  Email: 'name@example.com',
  URL: 'https://example.com',
  PhoneNumber: '+1 555 0100',
};

export function TextInput(props: FieldInputProps) {
  const { field, value, onChange, autoFocus, disabled, invalid } = props;
  const focusRef = useAutoFocus<HTMLInputElement>(autoFocus);
  const text = value === null || value === undefined ? '' : String(value);
  const [touched, setTouched] = useState(false);
  const problem = textProblem(field.uidt, text);
  const shown = touched ? problem : undefined;
  return (
    <div className="field-input-stack">
      <input
        className="input"
        type={inputTypes[field.uidt] ?? 'text'}
        value={text}
        placeholder={placeholders[field.uidt]}
        ref={focusRef}
        disabled={disabled}
        aria-invalid={invalid || Boolean(shown) || undefined}
        data-testid={`input-${field.title}`}
        onChange={(event) => onChange(event.target.value)}
        onBlur={() => setTouched(true)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') setTouched(true);
          handleEditorKeys(event, props, () => text, { canCommit: !problem });
        }}
      />
      {shown && <div className="field-error">{shown}</div>}
    </div>
  );
}
