// Checkbox: a tick box; each change is committed at once (Enter or Space toggles it).

import { type FieldInputProps, handleEditorKeys } from '../field-input-props.ts';
import { metaText } from '../field-kinds.ts';
import { useAutoFocus } from '../use-auto-focus.ts';

export function CheckboxInput(props: FieldInputProps) {
  const { field, value, onChange, onCommit, autoFocus, disabled, invalid } = props;
  const focusRef = useAutoFocus<HTMLInputElement>(autoFocus);
  const checked = value === true;
  const toggle = () => {
    onChange(!checked);
    onCommit?.(!checked);
  };
  return (
    <label className="checkbox-input" style={{ accentColor: metaText(field, 'color', '#3b6ef5') }}>
      <input
        type="checkbox"
        checked={checked}
        ref={focusRef}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        aria-label={field.title}
        data-testid={`input-${field.title}`}
        onChange={toggle}
        onKeyDown={(event) => {
          if (event.key === 'Enter') {
            event.preventDefault();
            event.stopPropagation();
            toggle();
          } else handleEditorKeys(event, props, () => checked);
        }}
      />
    </label>
  );
}
