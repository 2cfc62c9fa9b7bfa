// JSON: a monospace textarea checked as it is typed; only text that parses is passed on
// (Ctrl/Cmd+Enter commits). A JSON string is passed as its JSON text, as the API reads strings.

import { useState } from 'react';
import { type FieldInputProps, handleEditorKeys } from '../field-input-props.ts';
import { useAutoFocus } from '../use-auto-focus.ts';

type Parsed = { ok: true; value: unknown } | { ok: false; message: string };

function parseJson(text: string): Parsed {
  if (!text.trim()) return { ok: true, value: null };
  try {
    const value: unknown = JSON.parse(text);
    return { ok: true, value: typeof value === 'string' ? JSON.stringify(value) : value };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

export function JsonInput(props: FieldInputProps) {
  const { field, value, onChange, autoFocus, disabled, invalid } = props;
  const focusRef = useAutoFocus<HTMLTextAreaElement>(autoFocus);
  const [text, setText] = useState(() =>
    value === null || value === undefined ? '' : JSON.stringify(value, null, 2),
  );
  const parsed = parseJson(text);
  return (
    <div className="field-input-stack">
      <textarea
        className="textarea json-input"
        value={text}
        rows={5}
        spellCheck={false}
        ref={focusRef}
        disabled={disabled}
        aria-invalid={!parsed.ok || invalid || undefined}
        data-testid={`input-${field.title}`}
        onChange={(event) => {
          setText(event.target.value);
          const next = parseJson(event.target.value);
          if (next.ok) onChange(next.value);
        }}
        onKeyDown={(event) =>
          handleEditorKeys(event, props, () => (parsed.ok ? parsed.value : undefined), {
            multiline: true,
            canCommit: parsed.ok,
          })
        }
      />
      {!parsed.ok && <div className="field-error">Not valid JSON: {parsed.message}</div>}
    </div>
  );
}
