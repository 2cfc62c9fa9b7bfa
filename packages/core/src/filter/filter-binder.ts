import type { FilterKind } from '../fields/field-kinds.ts';
import type {
  BoundFilterCondition,
  BoundFilterExpression,
  BoundFilterNode,
  BoundFilterTerm,
  FilterCompareOp,
  FilterRangeBound,
  FilterTest,
} from './bound-filter.ts';
import { addDays, parseCalendarDate, type ResolvedDate, resolveDateOperand } from './date-sub-operators.ts';
import type { FilterCondition, FilterExpression, FilterNode } from './filter-ast.ts';
import { filterError } from './filter-error.ts';
import type { FilterField, FilterFieldResolver } from './filter-field.ts';
import { type FilterOperator, normaliseFilterOperator } from './filter-operators.ts';
import {
  jsonHoldsObject,
  likePattern,
  parseFilterBoolean,
  parseFilterJson,
  parseFilterNumber,
  parseFilterTime,
  splitFilterList,
} from './filter-values.ts';

export interface FilterBindOptions {
  /** Field lookup by title or id; also the allow-list. */
  readonly resolve: FilterFieldResolver;
  /** The current instant; relative date sub-operators count from its UTC day. */
  readonly now: Date;
  /** Only UTC for now: days are UTC days. */
  readonly timezone?: 'UTC';
}

/** Operators every kind accepts. */
const commonOperators: readonly FilterOperator[] = [
  'eq',
  'neq',
  'is',
  'isnot',
  'blank',
  'notblank',
  'empty',
  'notempty',
  'null',
  'notnull',
  'gb_eq',
  'gb_null',
];

const ordering: readonly FilterOperator[] = ['gt', 'ge', 'lt', 'le', 'btw', 'nbtw'];

/** Which operators each kind of field accepts (besides the common ones). */
export const filterOperatorsByKind: Readonly<Record<FilterKind, ReadonlySet<FilterOperator>>> = {
  text: new Set([...commonOperators, 'like', 'nlike', 'in']),
  select: new Set([...commonOperators, 'like', 'nlike', 'in', 'anyof', 'nanyof']),
  multiselect: new Set([...commonOperators, 'like', 'nlike', 'anyof', 'allof', 'nanyof', 'nallof']),
  number: new Set([...commonOperators, ...ordering, 'in']),
  boolean: new Set([...commonOperators, 'checked', 'notchecked']),
  date: new Set([...commonOperators, ...ordering, 'iswithin']),
  datetime: new Set([...commonOperators, ...ordering, 'iswithin']),
  time: new Set([...commonOperators, ...ordering, 'in']),
  json: new Set([...commonOperators, 'like', 'nlike']),
};

/** Values that count as blank besides NULL, per kind. */
const emptyValuesByKind: Readonly<Record<FilterKind, readonly unknown[]>> = {
  text: [''],
  select: [''],
  multiselect: [''],
  json: ['', {}, []],
  number: [],
  boolean: [],
  date: [],
  datetime: [],
  time: [],
};

/**
 * Binds a parsed filter to a table's fields: resolves every field reference (unknown →
 * "Column alias 'X' not found."), checks the operator fits the field's kind, parses operands
 * to canonical values and resolves relative dates against `now` (UTC). Throws
 * ERR_INVALID_FILTER (422); the result is frozen.
 */
export function bindFilter(expression: FilterExpression, options: FilterBindOptions): BoundFilterExpression {
  if (options.timezone !== undefined && options.timezone !== 'UTC') {
    throw filterError(`Time zone '${String(options.timezone)}' is not supported; filters use UTC.`);
  }
  return bindExpression(expression, { resolve: options.resolve, now: options.now });
}

interface BindContext {
  readonly resolve: FilterFieldResolver;
  readonly now: Date;
}

function bindExpression(expression: FilterExpression, options: BindContext): BoundFilterExpression {
  const terms: BoundFilterTerm[] = expression.terms.map((term) =>
    Object.freeze({ joiner: term.joiner, node: bindNode(term.node, options) }),
  );
  return Object.freeze({ kind: 'expression', terms: Object.freeze(terms) });
}

function bindNode(node: FilterNode, options: BindContext): BoundFilterNode {
  if (node.kind === 'group')
    return Object.freeze({ kind: 'group', expression: bindExpression(node.expression, options) });
  return bindCondition(node, options);
}

function bindCondition(condition: FilterCondition, options: BindContext): BoundFilterCondition {
  const field = options.resolve(condition.field);
  if (field === undefined) throw filterError(`Column alias '${condition.field}' not found.`);
  const op = normaliseFilterOperator(condition.op);
  const test = deepFreeze(buildTest(op, condition.value, field, options.now));
  return Object.freeze({ kind: 'condition', field, op, test });
}

function unsupported(op: string, field: FilterField): Error {
  return filterError(`Operator '${op}' is not supported for ${field.uidt} field '${field.title}'.`);
}

function buildTest(op: FilterOperator, value: string | null, field: FilterField, now: Date): FilterTest {
  if (!filterOperatorsByKind[field.filterKind].has(op)) throw unsupported(op, field);
  const kind = field.filterKind;
  const where = `(field '${field.title}', operator '${op}')`;
  const required = (): string => {
    if (value === null) throw filterError(`Operator '${op}' needs a value ${where}.`);
    return value;
  };
  switch (op) {
    case 'gb_eq':
      return buildTest('eq', value, field, now);
    case 'gb_null':
    case 'blank':
    case 'empty':
      return { type: 'blank', emptyValues: emptyValuesByKind[kind], negated: false };
    case 'notblank':
    case 'notempty':
      return { type: 'blank', emptyValues: emptyValuesByKind[kind], negated: true };
    case 'null':
      return { type: 'null', negated: false };
    case 'notnull':
      return { type: 'null', negated: true };
    case 'checked':
      return { type: 'compare', op: 'eq', value: true };
    case 'notchecked':
      return { type: 'compare', op: 'neq', value: true };
    case 'is':
    case 'isnot':
      return buildTest(isOperator(op, required(), field), null, field, now);
    case 'eq':
    case 'neq':
      return value === null ? { type: 'null', negated: op === 'neq' } : equality(op, value, field, now);
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le':
      return ordered(op, required(), field, now);
    case 'btw':
    case 'nbtw':
      return between(op === 'nbtw', required(), field);
    case 'in':
      return {
        type: 'in',
        values: splitFilterList(required(), false).map((item) => scalar(item, field)),
        negated: false,
      };
    case 'anyof':
    case 'nanyof':
    case 'allof':
    case 'nallof': {
      const options = splitFilterList(required(), true);
      if (options.length === 0) throw filterError(`Operator '${op}' needs at least one option ${where}.`);
      const negated = op === 'nanyof' || op === 'nallof';
      if (kind === 'select') return { type: 'in', values: options, negated };
      return { type: 'options', mode: op === 'allof' || op === 'nallof' ? 'all' : 'any', options, negated };
    }
    case 'like':
    case 'nlike':
      return { type: 'like', pattern: likePattern(required()), negated: op === 'nlike' };
    case 'iswithin':
      return dateSpan(
        resolveDateOperand(required(), { now, within: true, fieldTitle: field.title, op }),
        field,
      );
  }
}

/** `is` / `isnot` value → the operator it stands for. */
function isOperator(op: 'is' | 'isnot', value: string, field: FilterField): FilterOperator {
  const word = value.trim().toLowerCase();
  const positive = op === 'is';
  switch (word) {
    case 'null':
      return positive ? 'null' : 'notnull';
    case 'notnull':
      return positive ? 'notnull' : 'null';
    case 'empty':
      return positive ? 'empty' : 'notempty';
    case 'notempty':
      return positive ? 'notempty' : 'empty';
    case 'true':
    case 'false':
      if (field.filterKind !== 'boolean') {
        throw filterError(
          `Operator '${op},${word}' is not supported for ${field.uidt} field '${field.title}'.`,
        );
      }
      return (word === 'true') === positive ? 'checked' : 'notchecked';
    default:
      throw filterError(
        `Operator '${op}' takes null, notnull, empty, notempty, blank, notblank, true or false; got '${value}' (field '${field.title}').`,
      );
  }
}

/** One operand of a scalar kind (number, time, text, select) → canonical value. */
function scalar(text: string, field: FilterField): unknown {
  switch (field.filterKind) {
    case 'number': {
      const number = parseFilterNumber(text);
      if (number === null) throw filterError(`Value '${text}' is not a number (field '${field.title}').`);
      return number;
    }
    case 'time': {
      const time = parseFilterTime(text);
      if (time === null)
        throw filterError(`Value '${text}' is not a time HH:mm[:ss] (field '${field.title}').`);
      return time;
    }
    case 'boolean': {
      const flag = parseFilterBoolean(text);
      if (flag === null) throw filterError(`Value '${text}' is not true or false (field '${field.title}').`);
      return flag;
    }
    case 'multiselect':
      return splitFilterList(text, true).join(',');
    default:
      return text;
  }
}

function equality(op: 'eq' | 'neq', value: string, field: FilterField, now: Date): FilterTest {
  switch (field.filterKind) {
    case 'boolean': {
      // Checkbox: NULL counts as unchecked, so eq false / neq true are "not checked".
      const checked = scalar(value, field) === true;
      return { type: 'compare', op: checked === (op === 'eq') ? 'eq' : 'neq', value: true };
    }
    case 'date':
    case 'datetime':
      return dayComparison(op, dateOperand(op, value, field, now), field);
    case 'json': {
      if (value === '') return { type: 'blank', emptyValues: emptyValuesByKind.json, negated: op === 'neq' };
      const json = parseFilterJson(value);
      if (json === null) return { type: 'null', negated: op === 'neq' };
      if (jsonHoldsObject(json)) {
        throw filterError(
          `Operator '${op}' on JSON field '${field.title}' compares strings, numbers, booleans and arrays of them; use like to search in objects.`,
        );
      }
      return { type: 'compare', op, value: json };
    }
    default:
      return { type: 'compare', op, value: scalar(value, field) };
  }
}

function ordered(op: 'gt' | 'ge' | 'lt' | 'le', value: string, field: FilterField, now: Date): FilterTest {
  if (field.filterKind === 'date' || field.filterKind === 'datetime') {
    const resolved = dateOperand(op, value, field, now);
    if (resolved === null)
      throw filterError(`Operator '${op}' cannot compare with null (field '${field.title}').`);
    return dayComparison(op, resolved, field);
  }
  return { type: 'compare', op, value: scalar(value, field) };
}

function between(negated: boolean, value: string, field: FilterField): FilterTest {
  const items = splitFilterList(value, false);
  const op = negated ? 'nbtw' : 'btw';
  if (items.length !== 2) {
    throw filterError(
      `Operator '${op}' needs two values 'low,high' (field '${field.title}'); got '${value}'.`,
    );
  }
  const [lowText, highText] = items as [string, string];
  if (field.filterKind === 'date' || field.filterKind === 'datetime') {
    const first = parseCalendarDate(lowText);
    const last = parseCalendarDate(highText);
    if (first === null || last === null) {
      throw filterError(
        `Operator '${op}' needs two dates YYYY-MM-DD (field '${field.title}'); got '${value}'.`,
      );
    }
    const span = dateSpan({ kind: 'span', first, last }, field);
    return { ...span, negated } as FilterTest;
  }
  const low: FilterRangeBound = { value: scalar(lowText, field), inclusive: true };
  const high: FilterRangeBound = { value: scalar(highText, field), inclusive: true };
  return { type: 'range', low, high, negated };
}

/** A date operand for a one-day operator; null for sub-op `null`. */
function dateOperand(op: string, value: string, field: FilterField, now: Date): string | null {
  const resolved: ResolvedDate = resolveDateOperand(value, {
    now,
    within: false,
    fieldTitle: field.title,
    op,
  });
  if (resolved.kind === 'null') return null;
  if (resolved.kind === 'span')
    throw filterError(`Operator '${op}' needs a single day (field '${field.title}').`);
  return resolved.day;
}

/** Start of a UTC day in the field's canonical form (datetime storage: midnight UTC). */
function dayStart(day: string, field: FilterField): string {
  return field.storage === 'datetime' ? `${day} 00:00:00+00:00` : day;
}

/**
 * A comparison with one day. Date fields compare the day; datetime fields treat the day as
 * the half-open span [midnight, next midnight) UTC: eq = within it, gt = from the next day on,
 * le = before the next day, and so on.
 */
function dayComparison(op: FilterCompareOp, day: string | null, field: FilterField): FilterTest {
  if (day === null) return { type: 'null', negated: op === 'neq' };
  if (field.storage !== 'datetime') return { type: 'compare', op, value: day };
  const start = dayStart(day, field);
  const next = dayStart(addDays(day, 1), field);
  switch (op) {
    case 'eq':
    case 'neq':
      return {
        type: 'range',
        low: { value: start, inclusive: true },
        high: { value: next, inclusive: false },
        negated: op === 'neq',
      };
    case 'gt':
      return { type: 'compare', op: 'ge', value: next };
    case 'ge':
      return { type: 'compare', op: 'ge', value: start };
    case 'lt':
      return { type: 'compare', op: 'lt', value: start };
    case 'le':
      return { type: 'compare', op: 'lt', value: next };
  }
}

/** An inclusive span of days → range (datetime: up to, not including, the midnight after `last`). */
function dateSpan(resolved: ResolvedDate, field: FilterField): FilterTest {
  if (resolved.kind !== 'span')
    throw filterError(`Operator 'iswithin' needs a span of days (field '${field.title}').`);
  if (field.storage !== 'datetime') {
    return {
      type: 'range',
      low: { value: resolved.first, inclusive: true },
      high: { value: resolved.last, inclusive: true },
      negated: false,
    };
  }
  return {
    type: 'range',
    low: { value: dayStart(resolved.first, field), inclusive: true },
    high: { value: dayStart(addDays(resolved.last, 1), field), inclusive: false },
    negated: false,
  };
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
