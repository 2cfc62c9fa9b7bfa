// Select options as toggle chips in their colours; the chosen ones make a `a,b` value.
import type { SelectOption } from '../../../api/types.ts';

export interface OptionChipsProps {
  readonly options: readonly SelectOption[];
  /** Chosen option titles joined with `,`. */
  readonly value: string;
  readonly disabled: boolean;
  onChange(value: string): void;
}

export function splitOptions(value: string): string[] {
  return value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');
}

export function OptionChips({ options, value, disabled, onChange }: OptionChipsProps) {
  const chosen = splitOptions(value);
  const toggle = (title: string) => {
    const next = chosen.includes(title) ? chosen.filter((t) => t !== title) : [...chosen, title];
    onChange(
      options
        .map((o) => o.title)
        .filter((t) => next.includes(t))
        .join(','),
    );
  };
  return (
    <span className="option-chips" data-testid="filter-value">
      {options.map((option) => {
        const on = chosen.includes(option.title);
        return (
          <button
            key={option.id ?? option.title}
            type="button"
            className={`chip option-chip${on ? ' option-chip-on' : ''}`}
            style={on && option.color ? { background: option.color } : undefined}
            aria-pressed={on}
            disabled={disabled}
            data-testid={`filter-option-${option.title}`}
            onClick={() => toggle(option.title)}
          >
            {option.title}
          </button>
        );
      })}
    </span>
  );
}
