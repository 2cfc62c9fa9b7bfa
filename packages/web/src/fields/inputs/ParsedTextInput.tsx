// A text box for values that are not text (numbers, durations): keeps what is typed, passes
// on the parsed value when it parses, marks it invalid otherwise, and shows an optional
// prefix or suffix (currency symbol, %).

import { useEffect, useRef, useState } from 'react';
import { type FieldInputProps, handleEditorKeys } from '../field-input-props.ts';
import { useAutoFocus } from '../use-auto-focus.ts';

export interface ParsedTextInputProps extends FieldInputProps {
  /** Text → value; null for blank, undefined when the text is not valid. */
  parse(text: string): unknown;
  format(value: unknown): string;
  readonly problem: string;
  readonly placeholder?: string;
  readonly prefix?: string;
  readonly suffix?: string;
}

export function ParsedTextInput(props: ParsedTextInputProps) {
  const { field, value, onChange, autoFocus, disabled, invalid, parse, format } = props;
  const focusRef = useAutoFocus<HTMLInputElement>(autoFocus);
  const [text, setText] = useState(() => (value === null || value === undefined ? '' : format(value)));
  const lastSent = useRef<unknown>(value);
  // A value changed from outside (another user, a reload) replaces what is shown.
  useEffect(() => {
    if (!Object.is(value, lastSent.current)) {
      lastSent.current = value;
      setText(value === null || value === undefined ? '' : format(value));
    }
  }, [value, format]);
  const parsed = parse(text);
  const bad = parsed === undefined;
  return (
    <div className="field-input-stack">
      <div className={bad || invalid ? 'affixed-input invalid' : 'affixed-input'}>
        {props.prefix && <span className="affix">{props.prefix}</span>}
        <input
          className="input"
          inputMode="decimal"
          value={text}
          placeholder={props.placeholder}
          ref={focusRef}
          disabled={disabled}
          aria-invalid={bad || invalid || undefined}
          data-testid={`input-${field.title}`}
          onChange={(event) => {
            setText(event.target.value);
            const next = parse(event.target.value);
            if (next !== undefined) {
              lastSent.current = next;
              onChange(next);
            }
          }}
          onKeyDown={(event) => handleEditorKeys(event, props, () => parse(text), { canCommit: !bad })}
        />
        {props.suffix && <span className="affix">{props.suffix}</span>}
      </div>
      {bad && <div className="field-error">{props.problem}</div>}
    </div>
  );
}
