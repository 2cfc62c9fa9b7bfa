import type {
  FilterCondition,
  FilterExpression,
  FilterGroup,
  FilterJoiner,
  FilterNode,
  FilterTerm,
} from './filter-ast.ts';

/** Frozen constructors and structural helpers for filter syntax trees (see filter-ast.ts). */

export function filterGroup(expression: FilterExpression): FilterGroup {
  return Object.freeze({ kind: 'group', expression });
}

export function filterTerm(joiner: FilterJoiner, node: FilterNode): FilterTerm {
  return Object.freeze({ joiner, node });
}

/** A frozen expression; a first term joined with `or` is normalised to `and` (both mean "no joiner"). */
export function filterExpression(terms: readonly FilterTerm[]): FilterExpression {
  const normalised = terms.map((term, index) =>
    index === 0 && term.joiner === 'or' ? filterTerm('and', term.node) : term,
  );
  return Object.freeze({ kind: 'expression', terms: Object.freeze(normalised) });
}

/** Structural equality of two syntax trees. */
export function filterExpressionsEqual(a: FilterExpression, b: FilterExpression): boolean {
  if (a.terms.length !== b.terms.length) return false;
  return a.terms.every((term, index) => {
    const other = b.terms[index];
    return other !== undefined && term.joiner === other.joiner && filterNodesEqual(term.node, other.node);
  });
}

function filterNodesEqual(a: FilterNode, b: FilterNode): boolean {
  if (a.kind === 'group') return b.kind === 'group' && filterExpressionsEqual(a.expression, b.expression);
  return b.kind === 'condition' && conditionsEqual(a, b);
}

function conditionsEqual(a: FilterCondition, b: FilterCondition): boolean {
  return a.field === b.field && a.op === b.op && a.value === b.value;
}

/** Number of conditions in a tree. */
export function countFilterConditions(expression: FilterExpression): number {
  let count = 0;
  for (const term of expression.terms) {
    count += term.node.kind === 'group' ? countFilterConditions(term.node.expression) : 1;
  }
  return count;
}

/** Deepest group nesting in a tree (0 when it has no groups). */
export function filterDepth(expression: FilterExpression): number {
  let depth = 0;
  for (const term of expression.terms) {
    if (term.node.kind === 'group') depth = Math.max(depth, 1 + filterDepth(term.node.expression));
  }
  return depth;
}
