// A labelled one-line input of a shell form (sign-in, sign-up, password change); its id is
// also its test id.
export interface TextFieldProps {
  readonly id: string;
  readonly label: string;
  readonly type: 'email' | 'password' | 'text';
  readonly value: string;
  readonly autoComplete: string;
  readonly required?: boolean;
  onChange(value: string): void;
}

export function TextField({
  id,
  label,
  type,
  value,
  autoComplete,
  required = true,
  onChange,
}: TextFieldProps) {
  return (
    <div className="field-row">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="input"
        type={type}
        value={value}
        required={required}
        autoComplete={autoComplete}
        onChange={(event) => onChange(event.target.value)}
        data-testid={id}
      />
    </div>
  );
}
