import type { FilterExpression, FilterNode } from '../../src/filter/filter-ast.ts';

/** Test helper: a syntax tree as a short readable string, e.g. `A eq "1" AND (B blank OR NOT C eq "x")`. */
export function renderFilter(expression: FilterExpression): string {
  return expression.terms
    .map((term, index) => {
      const joiner =
        index === 0
          ? term.joiner === 'not'
            ? 'NOT '
            : ''
          : { and: ' AND ', or: ' OR ', not: ' AND NOT ' }[term.joiner];
      return `${joiner}${renderNode(term.node)}`;
    })
    .join('');
}

function renderNode(node: FilterNode): string {
  if (node.kind === 'group') return `(${renderFilter(node.expression)})`;
  return `${node.field} ${node.op}${node.value === null ? '' : ` ${JSON.stringify(node.value)}`}`;
}
