// Rating: clickable stars (clicking the current rating clears it), and keys 0–9 or the
// arrows while focused. Each change is committed at once.

import { type FieldInputProps, handleEditorKeys } from '../field-input-props.ts';
import { metaNumber, metaText } from '../field-kinds.ts';
import { useAutoFocus } from '../use-auto-focus.ts';

export function RatingInput(props: FieldInputProps) {
  const { field, value, onChange, onCommit, autoFocus, disabled } = props;
  const focusRef = useAutoFocus<HTMLDivElement>(autoFocus);
  const max = Math.max(1, Math.min(10, metaNumber(field, 'max', 5)));
  const color = metaText(field, 'color', '#fcb401');
  const current = typeof value === 'number' ? value : 0;
  const set = (next: number) => {
    const clamped = Math.max(0, Math.min(max, next));
    onChange(clamped);
    onCommit?.(clamped);
  };
  return (
    <div
      className="rating-input"
      role="slider"
      tabIndex={disabled ? -1 : 0}
      aria-label={field.title}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={current}
      aria-disabled={disabled || undefined}
      data-testid={`input-${field.title}`}
      ref={focusRef}
      onKeyDown={(event) => {
        if (disabled) return;
        if (/^[0-9]$/.test(event.key)) {
          event.preventDefault();
          event.stopPropagation();
          set(Number(event.key));
        } else if (event.key === 'ArrowRight' || event.key === 'ArrowUp') {
          event.preventDefault();
          event.stopPropagation();
          set(current + 1);
        } else if (event.key === 'ArrowLeft' || event.key === 'ArrowDown') {
          event.preventDefault();
          event.stopPropagation();
          set(current - 1);
        } else handleEditorKeys(event, props, () => current);
      }}
    >
      {Array.from({ length: max }, (_, i) => (
        <button
          // biome-ignore lint/suspicious/noArrayIndexKey: stars are positions
          key={i}
          type="button"
          tabIndex={-1}
          className="rating-star"
          disabled={disabled}
          style={{ color: i < current ? color : 'var(--border-strong)' }}
          aria-label={`${i + 1} of ${max}`}
          data-testid={`star-${field.title}-${i + 1}`}
          onClick={() => set(current === i + 1 ? 0 : i + 1)}
        >
          {i < current ? '★' : '☆'}
        </button>
      ))}
    </div>
  );
}
