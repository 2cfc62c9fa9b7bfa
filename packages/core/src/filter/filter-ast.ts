/**
 * Syntax tree of a NocoDB `where` string, as parsed: it knows nothing of the schema. Field
 * references are the text the caller wrote (a title or a field id); values are raw text.
 * Binding to a table's fields (and interpreting date sub-operators) happens later.
 * Trees are frozen once built.
 */

/** How a term attaches to the terms before it. `not` means AND NOT; on a first term, NOT. */
export type FilterJoiner = 'and' | 'or' | 'not';

export interface FilterCondition {
  readonly kind: 'condition';
  /** Field title or field id, as written. */
  readonly field: string;
  /** Comparison operator as written, lower-cased (`eq`, `isWithin` → `iswithin`, …). */
  readonly op: string;
  /** Raw operand text; `null` when the condition had no value part (`(Done,checked)`) or an unquoted null. */
  readonly value: string | null;
}

export interface FilterGroup {
  readonly kind: 'group';
  readonly expression: FilterExpression;
}

export type FilterNode = FilterCondition | FilterGroup;

export interface FilterTerm {
  readonly joiner: FilterJoiner;
  readonly node: FilterNode;
}

/** A non-empty chain of terms; SQL precedence applies (AND and AND NOT bind tighter than OR). */
export interface FilterExpression {
  readonly kind: 'expression';
  readonly terms: readonly FilterTerm[];
}
