// The value part of one filter condition, shaped by the field and operator: a text, number or
// time box, a select option, several options, a range, a day or a span of days.
import type { Field } from '../../../api/types.ts';
import type { FilterDraft } from './filter-draft.ts';
import { type FilterKind, filterKindOf, selectOptionsOf } from './filter-kinds.ts';
import { findSubOperator, subOperatorsFor, valueShape } from './filter-operators.ts';
import { OptionChips } from './OptionChips.tsx';

export interface FilterValueInputProps {
  readonly field: Field;
  readonly draft: FilterDraft;
  readonly disabled: boolean;
  readonly invalid: boolean;
  onChange(draft: FilterDraft, typing: boolean): void;
}

function inputType(kind: FilterKind): string {
  if (kind === 'number') return 'number';
  if (kind === 'time') return 'time';
  return 'text';
}

export function FilterValueInput({ field, draft, disabled, invalid, onChange }: FilterValueInputProps) {
  const kind = filterKindOf(field);
  const shape = valueShape(kind, draft.op);
  const setValue = (value: string, typing: boolean) => onChange({ ...draft, value }, typing);
  const common = { disabled, 'aria-invalid': invalid, 'data-testid': 'filter-value' } as const;

  switch (shape) {
    case 'none':
      return <span className="filter-value-none" />;
    case 'boolean':
      return (
        <select
          className="select"
          {...common}
          value={draft.value}
          onChange={(e) => setValue(e.target.value, false)}
        >
          <option value="true">checked</option>
          <option value="false">not checked</option>
        </select>
      );
    case 'option':
      return (
        <select
          className="select"
          {...common}
          value={draft.value}
          onChange={(e) => setValue(e.target.value, false)}
        >
          <option value="">Choose an option…</option>
          {selectOptionsOf(field).map((option) => (
            <option key={option.id ?? option.title} value={option.title}>
              {option.title}
            </option>
          ))}
        </select>
      );
    case 'options':
      if (selectOptionsOf(field).length === 0) break;
      return (
        <OptionChips
          options={selectOptionsOf(field)}
          value={draft.value}
          disabled={disabled}
          onChange={(value) => setValue(value, false)}
        />
      );
    case 'range':
      return (
        <RangeInput
          kind={kind}
          value={draft.value}
          disabled={disabled}
          invalid={invalid}
          onChange={setValue}
        />
      );
    case 'day':
    case 'span':
      return (
        <DateInput shape={shape} draft={draft} disabled={disabled} invalid={invalid} onChange={onChange} />
      );
    default:
      break;
  }
  return (
    <input
      className="input"
      {...common}
      type={shape === 'single' ? inputType(kind) : 'text'}
      step={kind === 'number' ? 'any' : kind === 'time' ? 1 : undefined}
      placeholder={shape === 'list' || shape === 'options' ? 'a, b, c' : 'Value'}
      value={draft.value}
      onChange={(e) => setValue(e.target.value, true)}
    />
  );
}

interface RangeInputProps {
  readonly kind: FilterKind;
  readonly value: string;
  readonly disabled: boolean;
  readonly invalid: boolean;
  onChange(value: string, typing: boolean): void;
}

function RangeInput({ kind, value, disabled, invalid, onChange }: RangeInputProps) {
  const [low = '', high = ''] = value.split(',');
  const type = kind === 'date' || kind === 'datetime' ? 'date' : inputType(kind);
  /** One end of the range; `join` puts the other end beside what was typed. */
  const end = (label: string, testId: string, current: string, join: (typed: string) => string) => (
    <input
      className="input"
      type={type}
      disabled={disabled}
      aria-invalid={invalid}
      aria-label={label}
      data-testid={testId}
      value={current}
      onChange={(e) => onChange(join(e.target.value), true)}
    />
  );
  return (
    <span className="filter-range">
      {end('From', 'filter-value-low', low, (typed) => `${typed},${high}`)}
      <span className="filter-range-and">and</span>
      {end('To', 'filter-value-high', high, (typed) => `${low},${typed}`)}
    </span>
  );
}

interface DateInputProps {
  readonly shape: 'day' | 'span';
  readonly draft: FilterDraft;
  readonly disabled: boolean;
  readonly invalid: boolean;
  onChange(draft: FilterDraft, typing: boolean): void;
}

function DateInput({ shape, draft, disabled, invalid, onChange }: DateInputProps) {
  const sub = findSubOperator(shape, draft.subOp);
  return (
    <span className="filter-date">
      <select
        className="select"
        disabled={disabled}
        aria-label="Date"
        data-testid="filter-sub-op"
        value={sub?.name ?? ''}
        onChange={(e) => onChange({ ...draft, subOp: e.target.value, value: '' }, false)}
      >
        {!sub && <option value="">Choose…</option>}
        {subOperatorsFor(shape).map((choice) => (
          <option key={choice.name} value={choice.name}>
            {choice.label}
          </option>
        ))}
      </select>
      {sub?.operand === 'days' && (
        <input
          className="input filter-days"
          type="number"
          min={0}
          step={1}
          disabled={disabled}
          aria-invalid={invalid}
          aria-label="Days"
          data-testid="filter-value"
          value={draft.value}
          onChange={(e) => onChange({ ...draft, value: e.target.value }, true)}
        />
      )}
      {sub?.operand === 'date' && (
        <input
          className="input"
          type="date"
          disabled={disabled}
          aria-invalid={invalid}
          aria-label="Date value"
          data-testid="filter-value"
          value={draft.value}
          onChange={(e) => onChange({ ...draft, value: e.target.value }, false)}
        />
      )}
    </span>
  );
}
