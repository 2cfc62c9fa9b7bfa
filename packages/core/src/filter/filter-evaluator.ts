import type { StorageKind } from '../fields/field-kinds.ts';
import { storedDateTime } from '../fields/shared/date-time.ts';
import type {
  BoundFilterExpression,
  BoundFilterNode,
  FilterCompareOp,
  FilterRangeBound,
  FilterTest,
} from './bound-filter.ts';
import type { FilterField } from './filter-field.ts';

/**
 * Evaluates a bound filter (filter-binder.ts) on one record in JavaScript, with the meaning
 * the SQL compiler (store/query/filter-compiler.ts) gives it: the same two-valued tests, NULL
 * handling, case-insensitive LIKE with `\` as escape character, exact option matching. Used
 * where a record is at hand but not in a query: webhook conditions on outbox rows.
 *
 * Known differences from the databases, all outside the ASCII text the agreement test covers:
 * LIKE folds case with JavaScript's Unicode rules (PostgreSQL's ILIKE does too; SQLite's
 * lower() folds ASCII only), and LIKE on a JSON field searches JSON.stringify text (SQLite
 * stores exactly that; PostgreSQL's jsonb text puts a space after `:` and `,`).
 */

/** A field's value in the record being tested: an API value (v2 or v3 shape) or canonical. */
export type FilterValueReader = (field: FilterField) => unknown;

/** True when the record `read` gives values of matches the filter. */
export function evaluateFilter(filter: BoundFilterExpression, read: FilterValueReader): boolean {
  return evaluateExpression(filter, read);
}

/** A reader over a record keyed by field title (an API record, e.g. an outbox row). */
export function recordValueReader(record: Readonly<Record<string, unknown>>): FilterValueReader {
  return (field) => record[field.title];
}

function evaluateExpression(expression: BoundFilterExpression, read: FilterValueReader): boolean {
  // SQL precedence: AND and AND NOT bind tighter than OR, so the chain is an OR of AND runs.
  let anyRun = false;
  let run = true;
  expression.terms.forEach((term, index) => {
    if (index > 0 && term.joiner === 'or') {
      anyRun ||= run;
      run = true;
    }
    if (!run) return;
    const value = evaluateNode(term.node, read);
    run = term.joiner === 'not' ? !value : value;
  });
  return anyRun || run;
}

function evaluateNode(node: BoundFilterNode, read: FilterValueReader): boolean {
  if (node.kind === 'group') return evaluateExpression(node.expression, read);
  const value = canonicalFilterValue(node.field.storage, read(node.field));
  return evaluateTest(node.test, node.field, value);
}

/** `positive` holds and the value is not NULL; negated: NULL, or `positive` fails. */
function guarded(value: unknown, positive: (present: unknown) => boolean, negated: boolean): boolean {
  if (value === null) return negated;
  return negated ? !positive(value) : positive(value);
}

function evaluateTest(test: FilterTest, field: FilterField, value: unknown): boolean {
  switch (test.type) {
    case 'null':
      return test.negated ? value !== null : value === null;
    case 'compare': {
      const { op, value: operand } = test;
      if (op === 'eq' || op === 'neq')
        return guarded(value, (present) => sameValue(present, operand), op === 'neq');
      return guarded(value, (present) => ordered(present, op, operand), false);
    }
    case 'range':
      return guarded(
        value,
        (present) => withinBound(present, test.low, 'low') && withinBound(present, test.high, 'high'),
        test.negated,
      );
    case 'in':
      return guarded(value, (present) => test.values.some((item) => sameValue(present, item)), test.negated);
    case 'like':
      return guarded(
        value,
        (present) => likeMatcher(test.pattern).test(textOf(present, field)),
        test.negated,
      );
    case 'blank': {
      const empty = value === null || test.emptyValues.some((item) => sameValue(value, item));
      return test.negated ? !empty : empty;
    }
    case 'options':
      return guarded(
        value,
        (present) => {
          const haystack = `,${textOf(present, field)},`;
          const holds = (option: string) => haystack.includes(`,${option},`);
          return test.mode === 'all' ? test.options.every(holds) : test.options.some(holds);
        },
        test.negated,
      );
  }
}

/** Equality as the databases see canonical values: numbers by value, JSON structurally. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, index) => sameValue(item, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left);
  return (
    keys.length === Object.keys(right).length &&
    keys.every((key) => Object.hasOwn(right, key) && sameValue(left[key], right[key]))
  );
}

/** Orders numbers numerically and canonical texts (dates, times, UTC datetimes) by their characters. */
function compareValues(a: unknown, b: unknown): number | null {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return null;
}

function ordered(value: unknown, op: Exclude<FilterCompareOp, 'eq' | 'neq'>, operand: unknown): boolean {
  const order = compareValues(value, operand);
  if (order === null) return false;
  switch (op) {
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

function withinBound(value: unknown, bound: FilterRangeBound | null, side: 'low' | 'high'): boolean {
  if (bound === null) return true;
  const order = compareValues(value, bound.value);
  if (order === null) return false;
  if (side === 'low') return bound.inclusive ? order >= 0 : order > 0;
  return bound.inclusive ? order <= 0 : order < 0;
}

/** The text LIKE and option tests look at: text as is, JSON as its JSON text, numbers in decimal. */
function textOf(value: unknown, field: FilterField): string {
  if (typeof value === 'string' && field.storage !== 'json') return value;
  if (field.storage === 'json') return JSON.stringify(value);
  return String(value);
}

const likeCache = new Map<string, RegExp>();
const LIKE_CACHE_LIMIT = 500;

/** A LIKE pattern (`%`, `_`, `\` escapes) as a case-insensitive, whole-text regular expression. */
function likeMatcher(pattern: string): RegExp {
  const cached = likeCache.get(pattern);
  if (cached) return cached;
  let source = '';
  for (let index = 0; index < pattern.length; index += 1) {
    const char = pattern[index] as string;
    if (char === '\\' && index + 1 < pattern.length) {
      index += 1;
      source += escapeRegExp(pattern[index] as string);
    } else if (char === '%') source += '.*';
    else if (char === '_') source += '.';
    else source += escapeRegExp(char);
  }
  const matcher = new RegExp(`^${source}$`, 'isu');
  if (likeCache.size >= LIKE_CACHE_LIMIT) likeCache.clear();
  likeCache.set(pattern, matcher);
  return matcher;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, (char) => `\\${char}`);
}

/**
 * A record's value → the canonical value of its storage kind (see StorageKind), tolerating
 * the shapes API records carry: v3 MultiSelect arrays, numeric text, 0/1 for checkboxes,
 * ISO datetimes. What cannot be read as the kind counts as NULL.
 */
export function canonicalFilterValue(storage: StorageKind, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (storage) {
    case 'text':
      if (Array.isArray(value)) return value.length === 0 ? null : value.map(String).join(',');
      return typeof value === 'string' ? value : String(value);
    case 'integer':
    case 'real': {
      if (typeof value === 'number') return Number.isFinite(value) ? value : null;
      if (typeof value === 'bigint') return Number(value);
      const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
      return Number.isFinite(number) ? number : null;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 1 || value === '1' || value === 'true') return true;
      if (value === 0 || value === '0' || value === 'false') return false;
      return null;
    case 'datetime':
      return storedDateTime(value) ?? null;
    case 'date':
    case 'time':
      return typeof value === 'string' ? value : null;
    case 'json':
      return value;
  }
}
