// The formula editor: a monospace text area that suggests field names (after `{`) and
// functions while typing, and shows the server's error in place with its position marked.
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { Field } from '../../api/types.ts';
import { FieldIcon } from '../field-icons.tsx';
import { formulaFields, type SuggestionContext, suggestionsAt } from './formula-suggestions.ts';

export interface FormulaProblem {
  readonly message: string;
  /** 1-based position of the character where the problem starts. */
  readonly position?: number;
}

function ErrorPreview({ formula, problem }: { formula: string; problem: FormulaProblem }) {
  const at = problem.position ? problem.position - 1 : undefined;
  return (
    <div className="formula-error" role="alert" data-testid="formula-error">
      <div>{problem.message}</div>
      {at !== undefined && at >= 0 && at <= formula.length && (
        <pre className="formula-error-preview" data-testid="formula-error-preview">
          {formula.slice(0, at)}
          <mark>{formula.slice(at, at + 1) || ' '}</mark>
          {formula.slice(at + 1)}
        </pre>
      )}
    </div>
  );
}

export function FormulaEditor({
  value,
  fields,
  self,
  problem,
  onChange,
}: {
  value: string;
  fields: readonly Field[];
  /** The formula field being edited (left out of the suggestions). */
  self: Field | undefined;
  problem: FormulaProblem | undefined;
  onChange(formula: string): void;
}) {
  const area = useRef<HTMLTextAreaElement>(null);
  const [caret, setCaret] = useState(value.length);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const pendingCaret = useRef<number | undefined>(undefined);
  const id = useId();
  const usable = formulaFields(fields, self);
  const context: SuggestionContext | undefined = dismissed ? undefined : suggestionsAt(value, caret, usable);

  useLayoutEffect(() => {
    if (pendingCaret.current === undefined || !area.current) return;
    area.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    setCaret(pendingCaret.current);
    pendingCaret.current = undefined;
  });

  // The server's error position: put the caret there.
  useEffect(() => {
    if (!problem?.position || !area.current) return;
    area.current.focus();
    area.current.setSelectionRange(problem.position - 1, problem.position);
  }, [problem]);

  // Escape closes the suggestions without closing the dialog (whose handler listens on window).
  useEffect(() => {
    if (!context) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && document.activeElement === area.current) {
        event.stopImmediatePropagation();
        setDismissed(true);
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [context]);

  const insert = (index: number) => {
    const item = context?.items[index];
    if (!context || !item) return;
    const after = value.slice(caret);
    const rest = item.kind === 'field' && after.startsWith('}') ? after.slice(1) : after;
    const next = value.slice(0, context.start) + item.insert + rest;
    pendingCaret.current = context.start + item.insert.length;
    setActive(0);
    onChange(next);
  };

  return (
    <div className="formula-editor">
      <label htmlFor={id} className="formula-label">
        Formula
      </label>
      <textarea
        id={id}
        ref={area}
        className="textarea formula-input"
        value={value}
        rows={4}
        spellCheck={false}
        placeholder="{Price} * {Quantity}"
        aria-invalid={Boolean(problem) || undefined}
        aria-autocomplete="list"
        data-testid="formula-input"
        onChange={(event) => {
          setDismissed(false);
          setActive(0);
          setCaret(event.target.selectionStart);
          onChange(event.target.value);
        }}
        onSelect={(event) => setCaret(event.currentTarget.selectionStart)}
        onKeyDown={(event) => {
          if (!context) return;
          const count = context.items.length;
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : count - 1)) % count);
          } else if (event.key === 'Enter' || event.key === 'Tab') {
            event.preventDefault();
            insert(active);
          }
        }}
        onBlur={() => setDismissed(true)}
        onFocus={() => setDismissed(false)}
      />
      {context && (
        <div className="choice-list formula-suggestions" role="listbox" data-testid="formula-suggestions">
          {context.items.map((item, index) => {
            const field = item.kind === 'field' ? usable.find((f) => f.title === item.label) : undefined;
            return (
              <button
                key={`${item.kind}-${item.label}`}
                type="button"
                role="option"
                tabIndex={-1}
                aria-selected={index === active}
                className="menu-item"
                data-testid={`formula-suggestion-${item.label}`}
                onMouseDown={(event) => event.preventDefault()}
                onMouseEnter={() => setActive(index)}
                onClick={() => insert(index)}
              >
                {field ? <FieldIcon uidt={field.uidt} /> : <span className="field-icon">ƒ</span>}
                {item.label}
              </button>
            );
          })}
        </div>
      )}
      {problem ? (
        <ErrorPreview formula={value} problem={problem} />
      ) : (
        <div className="field-help">
          Type <span className="kbd">{'{'}</span> for a field; functions like IF, CONCAT, DATEADD. The server
          checks the formula when you save.
        </div>
      )}
    </div>
  );
}
