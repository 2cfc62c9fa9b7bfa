import type { FilterJoiner } from './filter-ast.ts';
import type { FilterField } from './filter-field.ts';
import type { FilterOperator } from './filter-operators.ts';

/**
 * A filter bound to a table's fields: every operand parsed to its canonical stored value (see
 * StorageKind), every operator reduced to one of a few SQL-shaped tests. Frozen; the store
 * compiles it (filter-compiler.ts) without further checks.
 *
 * Every test is two-valued: a NULL column gives true or false, never SQL NULL, so `~not(X)`
 * is exactly the rows X does not match.
 */
export type FilterTest =
  /** IS NULL, or IS NOT NULL when negated. */
  | { readonly type: 'null'; readonly negated: boolean }
  /** `column op value`; `neq` also matches NULL. Equality on JSON fields compares JSON values. */
  | { readonly type: 'compare'; readonly op: FilterCompareOp; readonly value: unknown }
  /** Between optional bounds; negated means outside them or NULL. */
  | {
      readonly type: 'range';
      readonly low: FilterRangeBound | null;
      readonly high: FilterRangeBound | null;
      readonly negated: boolean;
    }
  /** `column IN (values)`; negated means not in them or NULL. */
  | { readonly type: 'in'; readonly values: readonly unknown[]; readonly negated: boolean }
  /**
   * Case-insensitive LIKE with `\` as escape character on the column's text; negated means no
   * match or NULL.
   */
  | { readonly type: 'like'; readonly pattern: string; readonly negated: boolean }
  /** NULL or equal to one of `emptyValues` ('' for text, "" {} [] for JSON); negated: the opposite. */
  | { readonly type: 'blank'; readonly emptyValues: readonly unknown[]; readonly negated: boolean }
  /**
   * Multi-value text `a,b,c` (MultiSelect) holds all / any of the options, compared exactly
   * (case-sensitive); negated means it does not, or is NULL.
   */
  | {
      readonly type: 'options';
      readonly mode: 'all' | 'any';
      readonly options: readonly string[];
      readonly negated: boolean;
    };

export type FilterCompareOp = 'eq' | 'neq' | 'gt' | 'ge' | 'lt' | 'le';

export interface FilterRangeBound {
  readonly value: unknown;
  readonly inclusive: boolean;
}

export interface BoundFilterCondition {
  readonly kind: 'condition';
  readonly field: FilterField;
  /** The canonical operator the test came from (for messages and debugging). */
  readonly op: FilterOperator;
  readonly test: FilterTest;
}

export interface BoundFilterGroup {
  readonly kind: 'group';
  readonly expression: BoundFilterExpression;
}

export type BoundFilterNode = BoundFilterCondition | BoundFilterGroup;

export interface BoundFilterTerm {
  readonly joiner: FilterJoiner;
  readonly node: BoundFilterNode;
}

export interface BoundFilterExpression {
  readonly kind: 'expression';
  readonly terms: readonly BoundFilterTerm[];
}
