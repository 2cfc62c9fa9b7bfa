// Date, DateTime and Time through the browser's native pickers, converted to the API's
// formats: `YYYY-MM-DD`, `YYYY-MM-DD HH:mm:ss+00:00` (UTC; shown in local time) and `HH:mm:ss`.

import { type FieldInputProps, handleEditorKeys } from '../field-input-props.ts';
import { fromDateTimeLocal, toDateTimeLocal } from '../format-date.ts';
import { useAutoFocus } from '../use-auto-focus.ts';

interface Conversion {
  readonly type: 'date' | 'datetime-local' | 'time';
  toInput(value: unknown): string;
  fromInput(text: string): string | null;
}

const conversions: Record<'Date' | 'DateTime' | 'Time', Conversion> = {
  Date: {
    type: 'date',
    toInput: (value) => (typeof value === 'string' ? value.slice(0, 10) : ''),
    fromInput: (text) => text || null,
  },
  DateTime: { type: 'datetime-local', toInput: toDateTimeLocal, fromInput: fromDateTimeLocal },
  Time: {
    type: 'time',
    toInput: (value) => (typeof value === 'string' ? value.slice(0, 8) : ''),
    fromInput: (text) => (text ? (text.length === 5 ? `${text}:00` : text.slice(0, 8)) : null),
  },
};

export function DateInput(props: FieldInputProps) {
  const { field, value, onChange, autoFocus, disabled, invalid } = props;
  const focusRef = useAutoFocus<HTMLInputElement>(autoFocus);
  const conversion = conversions[field.uidt as keyof typeof conversions] ?? conversions.Date;
  const text = conversion.toInput(value);
  return (
    <input
      className="input"
      type={conversion.type}
      step={conversion.type === 'date' ? undefined : 1}
      value={text}
      ref={focusRef}
      disabled={disabled}
      aria-invalid={invalid || undefined}
      data-testid={`input-${field.title}`}
      onChange={(event) => onChange(conversion.fromInput(event.target.value))}
      onKeyDown={(event) => handleEditorKeys(event, props, () => conversion.fromInput(text))}
    />
  );
}
