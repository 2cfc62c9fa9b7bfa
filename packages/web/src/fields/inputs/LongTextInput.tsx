// Long text: a textarea (Ctrl/Cmd+Enter commits, Escape cancels) with a button that opens a
// large editor for long notes.

import { useState } from 'react';
import { Modal } from '../../ui/Modal.tsx';
import { type FieldInputProps, handleEditorKeys } from '../field-input-props.ts';
import { useAutoFocus } from '../use-auto-focus.ts';

export function LongTextInput(props: FieldInputProps) {
  const { field, value, onChange, autoFocus, disabled, invalid } = props;
  const focusRef = useAutoFocus<HTMLTextAreaElement>(autoFocus);
  const text = value === null || value === undefined ? '' : String(value);
  const [expanded, setExpanded] = useState(false);
  return (
    <div className="long-text-input">
      <textarea
        className="textarea"
        value={text}
        rows={4}
        ref={focusRef}
        disabled={disabled}
        aria-invalid={invalid || undefined}
        data-testid={`input-${field.title}`}
        onChange={(event) => onChange(event.target.value)}
        onKeyDown={(event) => handleEditorKeys(event, props, () => text, { multiline: true })}
      />
      {!disabled && (
        <button
          type="button"
          className="icon-button long-text-expand"
          title="Expand"
          aria-label="Open a larger editor"
          data-testid={`expand-${field.title}`}
          onClick={() => setExpanded(true)}
        >
          ⤢
        </button>
      )}
      {expanded && (
        <Modal title={field.title} width={760} onClose={() => setExpanded(false)}>
          <textarea
            className="textarea long-text-large"
            value={text}
            data-testid={`expanded-${field.title}`}
            onChange={(event) => onChange(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                event.preventDefault();
                setExpanded(false);
                props.onCommit?.(text);
              }
            }}
          />
          <div className="modal-actions">
            <span className="field-help">
              <span className="kbd">Ctrl</span> + <span className="kbd">Enter</span> to save
            </span>
            <button
              type="button"
              className="button button-primary"
              onClick={() => {
                setExpanded(false);
                props.onCommit?.(text);
              }}
            >
              Done
            </button>
          </div>
        </Modal>
      )}
    </div>
  );
}
