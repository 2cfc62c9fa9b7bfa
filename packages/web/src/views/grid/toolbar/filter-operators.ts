// The filter builder's catalogue: which operators each kind of field offers (the server's
// table in docs/filters.md, "Operators per field kind"), their labels, what kind of value each
// one takes, and the date sub-operators.
import type { FilterKind } from './filter-kinds.ts';

/** What the value editor of a condition looks like. */
export type ValueShape =
  /** No value (blank, checked…). */
  | 'none'
  /** One value typed by hand (text, number or time per the field). */
  | 'single'
  /** One select option. */
  | 'option'
  /** Several select options, stored `a,b`. */
  | 'options'
  /** A comma-separated list typed by hand (`in`). */
  | 'list'
  /** Two values `low,high`. */
  | 'range'
  /** A day: date sub-operator plus its operand. */
  | 'day'
  /** A span of days for isWithin. */
  | 'span'
  /** true or false. */
  | 'boolean';

export interface OperatorChoice {
  readonly op: string;
  readonly label: string;
}

const labels: Readonly<Record<string, string>> = {
  eq: 'is',
  neq: 'is not',
  like: 'contains',
  nlike: 'does not contain',
  in: 'is any of',
  gt: '>',
  ge: '≥',
  lt: '<',
  le: '≤',
  btw: 'is between',
  nbtw: 'is not between',
  anyof: 'has any of',
  nanyof: 'has none of',
  allof: 'has all of',
  nallof: 'lacks one of',
  checked: 'is checked',
  notchecked: 'is not checked',
  iswithin: 'is within',
  blank: 'is blank',
  notblank: 'is not blank',
  null: 'is null',
  notnull: 'is not null',
  empty: 'is empty',
  notempty: 'is not empty',
  is: 'is (keyword)',
  isnot: 'is not (keyword)',
  gb_eq: 'is (group)',
  gb_null: 'is blank (group)',
};

const dateLabels: Readonly<Record<string, string>> = {
  eq: 'is',
  neq: 'is not',
  gt: 'is after',
  ge: 'is on or after',
  lt: 'is before',
  le: 'is on or before',
};

const tail = ['blank', 'notblank', 'null', 'notnull'];
const ordering = ['gt', 'ge', 'lt', 'le', 'btw', 'nbtw'];

/** Operators offered per kind, in menu order (every one the server accepts, minus aliases). */
const operatorsByKind: Readonly<Record<FilterKind, readonly string[]>> = {
  text: ['eq', 'neq', 'like', 'nlike', 'in', ...tail],
  select: ['eq', 'neq', 'anyof', 'nanyof', 'like', 'nlike', ...tail],
  multiselect: ['anyof', 'allof', 'nanyof', 'nallof', 'eq', 'neq', 'like', 'nlike', ...tail],
  number: ['eq', 'neq', ...ordering, 'in', ...tail],
  boolean: ['checked', 'notchecked', 'eq', 'neq', ...tail],
  date: ['eq', 'neq', ...ordering, 'iswithin', ...tail],
  datetime: ['eq', 'neq', ...ordering, 'iswithin', ...tail],
  time: ['eq', 'neq', ...ordering, 'in', ...tail],
  json: ['eq', 'neq', 'like', 'nlike', ...tail],
};

/** Operator names match in any case; `isWithin` is stored as written by NocoDB. */
export function canonicalOperator(op: string | null): string {
  return (op ?? 'eq').toLowerCase();
}

/** The operators a field of this kind offers; `current` is kept even when not in the list. */
export function operatorsFor(kind: FilterKind, current?: string | null): OperatorChoice[] {
  const ops = [...operatorsByKind[kind]];
  const now = current ? canonicalOperator(current) : undefined;
  if (now && !ops.includes(now)) ops.push(now);
  const dates = kind === 'date' || kind === 'datetime';
  return ops.map((op) => ({ op, label: (dates ? dateLabels[op] : undefined) ?? labels[op] ?? op }));
}

/** The operator a new condition on this kind starts with. */
export function defaultOperator(kind: FilterKind): string {
  return operatorsByKind[kind][0] ?? 'eq';
}

/** Whether the server accepts this operator for this kind (a field change may need a new one). */
export function operatorFits(kind: FilterKind, op: string): boolean {
  return operatorsByKind[kind].includes(canonicalOperator(op));
}

export function valueShape(kind: FilterKind, op: string): ValueShape {
  const name = canonicalOperator(op);
  switch (name) {
    case 'blank':
    case 'notblank':
    case 'null':
    case 'notnull':
    case 'empty':
    case 'notempty':
    case 'checked':
    case 'notchecked':
    case 'gb_null':
      return 'none';
    case 'iswithin':
      return 'span';
    case 'btw':
    case 'nbtw':
      return 'range';
    case 'anyof':
    case 'nanyof':
    case 'allof':
    case 'nallof':
      return kind === 'select' || kind === 'multiselect' ? 'options' : 'list';
    case 'in':
      return kind === 'select' ? 'options' : 'list';
    case 'eq':
    case 'neq':
    case 'gb_eq':
      if (kind === 'boolean') return 'boolean';
      if (kind === 'select') return 'option';
      if (kind === 'multiselect') return 'options';
      if (kind === 'date' || kind === 'datetime') return 'day';
      return 'single';
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return kind === 'date' || kind === 'datetime' ? 'day' : 'single';
    default:
      return 'single';
  }
}

export interface SubOperatorChoice {
  readonly name: string;
  readonly label: string;
  /** The operand it takes: a number of days, a date, or nothing. */
  readonly operand: 'days' | 'date' | 'none';
}

/** Sub-operators naming one day (docs/filters.md "Dates"). */
export const daySubOperators: readonly SubOperatorChoice[] = [
  { name: 'today', label: 'today', operand: 'none' },
  { name: 'tomorrow', label: 'tomorrow', operand: 'none' },
  { name: 'yesterday', label: 'yesterday', operand: 'none' },
  { name: 'oneWeekAgo', label: 'one week ago', operand: 'none' },
  { name: 'oneWeekFromNow', label: 'one week from now', operand: 'none' },
  { name: 'oneMonthAgo', label: 'one month ago', operand: 'none' },
  { name: 'oneMonthFromNow', label: 'one month from now', operand: 'none' },
  { name: 'daysAgo', label: 'days ago', operand: 'days' },
  { name: 'daysFromNow', label: 'days from now', operand: 'days' },
  { name: 'exactDate', label: 'exact date', operand: 'date' },
];

/** Sub-operators naming a span of days, for isWithin. */
export const spanSubOperators: readonly SubOperatorChoice[] = [
  { name: 'pastWeek', label: 'past week', operand: 'none' },
  { name: 'pastMonth', label: 'past month', operand: 'none' },
  { name: 'pastYear', label: 'past year', operand: 'none' },
  { name: 'nextWeek', label: 'next week', operand: 'none' },
  { name: 'nextMonth', label: 'next month', operand: 'none' },
  { name: 'nextYear', label: 'next year', operand: 'none' },
  { name: 'pastNumberOfDays', label: 'past number of days', operand: 'days' },
  { name: 'nextNumberOfDays', label: 'next number of days', operand: 'days' },
];

export function subOperatorsFor(shape: ValueShape): readonly SubOperatorChoice[] {
  return shape === 'span' ? spanSubOperators : shape === 'day' ? daySubOperators : [];
}

/** The sub-operator entry by name, matched in any case. */
export function findSubOperator(shape: ValueShape, name: string | null): SubOperatorChoice | undefined {
  if (!name) return undefined;
  const lower = name.toLowerCase();
  return subOperatorsFor(shape).find((choice) => choice.name.toLowerCase() === lower);
}
