// A searchable list to pick one or several items (select options, users): the picked items
// as chips, a search box, and a list under it (in the page flow, so it also fits inside the
// grid's overlay editor). Arrow keys move, Enter picks, Backspace removes the last chip,
// Escape closes the list and then cancels. Optionally offers to create the typed item.

import { useEffect, useMemo, useRef, useState } from 'react';
import { textColorOn } from './select-colors.ts';
import { useAutoFocus } from './use-auto-focus.ts';

export interface Choice {
  readonly key: string;
  readonly label: string;
  /** Chip colour (select options). */
  readonly color?: string;
  /** Second line in the list (a user's e-mail). */
  readonly hint?: string;
}

export interface ChoicePickerProps {
  readonly choices: readonly Choice[];
  readonly selected: readonly string[];
  readonly multi: boolean;
  onChange(keys: string[]): void;
  onCommit?(keys: string[]): void;
  onCancel?(): void;
  /** Offered as "Create '<text>'" when the typed text matches no choice. */
  onCreate?(text: string): Promise<void> | void;
  readonly autoFocus?: boolean;
  readonly disabled?: boolean;
  readonly invalid?: boolean;
  readonly loading?: boolean;
  readonly placeholder?: string;
  /** data-testid of the search box; list items are `<testId>-option-<label>`. */
  readonly testId: string;
}

function Chip({ choice, onRemove }: { choice: Choice; onRemove?: () => void }) {
  const style = choice.color ? { background: choice.color, color: textColorOn(choice.color) } : undefined;
  return (
    <span className="chip option-chip" style={style} title={choice.hint ?? choice.label}>
      {choice.label}
      {onRemove && (
        <button
          type="button"
          className="chip-remove"
          aria-label={`Remove ${choice.label}`}
          tabIndex={-1}
          onMouseDown={(event) => event.preventDefault()}
          onClick={onRemove}
        >
          ×
        </button>
      )}
    </span>
  );
}

export function ChoicePicker(props: ChoicePickerProps) {
  const { choices, selected, multi, onChange, onCommit, onCancel, onCreate, disabled } = props;
  const focusRef = useAutoFocus<HTMLInputElement>(props.autoFocus);
  const [query, setQuery] = useState('');
  const [open, setOpen] = useState(Boolean(props.autoFocus));
  const [active, setActive] = useState(-1);
  const [creating, setCreating] = useState(false);
  const listRef = useRef<HTMLDivElement>(null);

  const byKey = useMemo(() => new Map(choices.map((c) => [c.key, c])), [choices]);
  const needle = query.trim().toLowerCase();
  const matches = choices.filter(
    (c) => !needle || c.label.toLowerCase().includes(needle) || c.hint?.toLowerCase().includes(needle),
  );
  const canCreate =
    Boolean(onCreate) && Boolean(query.trim()) && !choices.some((c) => c.label === query.trim()) && !creating;
  const rowCount = matches.length + (canCreate ? 1 : 0);

  useEffect(() => {
    listRef.current?.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  });

  const pick = (key: string) => {
    if (multi) {
      const next = selected.includes(key) ? selected.filter((k) => k !== key) : [...selected, key];
      onChange(next);
      setQuery('');
      setActive(-1);
    } else {
      onChange([key]);
      setQuery('');
      setOpen(false);
      onCommit?.([key]);
    }
  };

  const create = async () => {
    const text = query.trim();
    if (!onCreate || !text) return;
    setCreating(true);
    try {
      await onCreate(text);
      setQuery('');
      setActive(-1);
      if (!multi) setOpen(false);
    } finally {
      setCreating(false);
    }
  };

  const pickActive = () => {
    if (active >= 0 && active < matches.length) pick(matches[active]!.key);
    else if (active === matches.length && canCreate) void create();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLInputElement>) => {
    const stop = () => {
      event.preventDefault();
      event.stopPropagation();
    };
    switch (event.key) {
      case 'ArrowDown':
        stop();
        setOpen(true);
        setActive((i) => Math.min(rowCount - 1, i + 1));
        return;
      case 'ArrowUp':
        stop();
        setActive((i) => Math.max(-1, i - 1));
        return;
      case 'Enter':
        if (event.nativeEvent.isComposing) return;
        if (open && active >= 0) {
          stop();
          pickActive();
        } else if (open && needle && rowCount > 0) {
          stop();
          if (matches.length > 0) pick(matches[0]!.key);
          else void create();
        } else if (onCommit) {
          stop();
          onCommit([...selected]);
        }
        return;
      case 'Escape':
        if (open && (query || !onCancel)) {
          stop();
          setQuery('');
          setOpen(false);
        } else if (onCancel) {
          stop();
          onCancel();
        }
        return;
      case 'Backspace':
        if (!query && selected.length > 0 && multi) {
          stop();
          onChange(selected.slice(0, -1));
        }
        return;
      default:
    }
  };

  const selectedChoices = selected.map((key) => byKey.get(key) ?? { key, label: key });
  return (
    <div className={`choice-picker${props.invalid ? ' invalid' : ''}${disabled ? ' disabled' : ''}`}>
      <div className="choice-control">
        {selectedChoices.map((choice) => (
          <Chip
            key={choice.key}
            choice={choice}
            onRemove={disabled ? undefined : () => onChange(selected.filter((k) => k !== choice.key))}
          />
        ))}
        <input
          className="choice-search"
          value={query}
          placeholder={selected.length ? '' : (props.placeholder ?? 'Search…')}
          ref={focusRef}
          disabled={disabled}
          role="combobox"
          aria-expanded={open}
          aria-invalid={props.invalid || undefined}
          aria-autocomplete="list"
          data-testid={props.testId}
          onFocus={() => setOpen(true)}
          onClick={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onChange={(event) => {
            setQuery(event.target.value);
            setOpen(true);
            setActive(event.target.value.trim() ? 0 : -1);
          }}
          onKeyDown={onKeyDown}
        />
      </div>
      {open && !disabled && (
        <div className="choice-list" role="listbox" aria-multiselectable={multi} ref={listRef}>
          {props.loading && <div className="choice-empty">Loading…</div>}
          {!props.loading && rowCount === 0 && <div className="choice-empty">No matches</div>}
          {matches.map((choice, index) => (
            <button
              key={choice.key}
              type="button"
              role="option"
              tabIndex={-1}
              className="menu-item choice-item"
              aria-selected={index === active}
              aria-checked={selected.includes(choice.key)}
              data-testid={`${props.testId}-option-${choice.label}`}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(index)}
              onClick={() => pick(choice.key)}
            >
              <span className="choice-check">{selected.includes(choice.key) ? '✓' : ''}</span>
              <Chip choice={choice} />
              {choice.hint && <span className="choice-hint">{choice.hint}</span>}
            </button>
          ))}
          {canCreate && (
            <button
              type="button"
              role="option"
              tabIndex={-1}
              className="menu-item choice-item choice-create"
              aria-selected={active === matches.length}
              data-testid={`${props.testId}-create`}
              onMouseDown={(event) => event.preventDefault()}
              onMouseEnter={() => setActive(matches.length)}
              onClick={() => void create()}
            >
              + Create “{query.trim()}”
            </button>
          )}
        </div>
      )}
    </div>
  );
}
