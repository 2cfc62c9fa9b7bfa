import type { FilterCondition } from './filter-ast.ts';
import { filterError } from './filter-error.ts';

/** Every comparison operator of the `where` language, by its canonical (lower-case) name. */
export const filterOperators = [
  'eq',
  'neq',
  'gt',
  'lt',
  'ge',
  'le',
  'like',
  'nlike',
  'in',
  'btw',
  'nbtw',
  'is',
  'isnot',
  'blank',
  'notblank',
  'empty',
  'notempty',
  'null',
  'notnull',
  'checked',
  'notchecked',
  'allof',
  'anyof',
  'nallof',
  'nanyof',
  'iswithin',
  'gb_eq',
  'gb_null',
] as const;

export type FilterOperator = (typeof filterOperators)[number];

const operatorSet: ReadonlySet<string> = new Set(filterOperators);

/** Alternative spellings NocoDB accepts, lower-cased, → canonical name. */
export const filterOperatorAliases: Readonly<Record<string, FilterOperator>> = {
  not: 'neq',
  gte: 'ge',
  lte: 'le',
  isblank: 'blank',
  is_blank: 'blank',
  isnotblank: 'notblank',
  is_not_blank: 'notblank',
  is_notblank: 'notblank',
};

export function isFilterOperator(name: string): name is FilterOperator {
  return operatorSet.has(name);
}

/** Operator as written → canonical name; throws NocoDB's "X is not supported." for an unknown one. */
export function normaliseFilterOperator(written: string): FilterOperator {
  const lower = written.toLowerCase();
  const canonical =
    (Object.hasOwn(filterOperatorAliases, lower) ? filterOperatorAliases[lower] : undefined) ?? lower;
  if (!isFilterOperator(canonical)) throw filterError(`${written} is not supported.`);
  return canonical;
}

/**
 * Builds a frozen condition, normalising the operator and NocoDB's rewrites: `is,blank` →
 * `blank`, `is,notblank` → `notblank` (and the `isnot` mirror images).
 */
export function filterCondition(field: string, op: string, value: string | null): FilterCondition {
  let canonical: string = normaliseFilterOperator(op);
  let operand = value;
  if ((canonical === 'is' || canonical === 'isnot') && operand !== null) {
    const word = operand.trim().toLowerCase();
    if (word === 'blank' || word === 'notblank') {
      const positive = (word === 'blank') === (canonical === 'is');
      canonical = positive ? 'blank' : 'notblank';
      operand = null;
    }
  }
  return Object.freeze({ kind: 'condition', field, op: canonical, value: operand });
}
