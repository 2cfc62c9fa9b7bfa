import type { FilterCondition, FilterExpression } from '../filter/filter-ast.ts';
import { filterExpression, filterGroup, filterTerm } from '../filter/filter-nodes.ts';
import { filterCondition } from '../filter/filter-operators.ts';
import type { ViewFilterModel, ViewModel } from './schema-model.ts';

/** A stored view filter as a `where` condition: sub-operator and value join as `subop,value`. */
export function viewFilterCondition(
  filter: Pick<ViewFilterModel, 'fieldId' | 'comparisonOp' | 'comparisonSubOp' | 'value'>,
): FilterCondition | null {
  if (!filter.fieldId || !filter.comparisonOp) return null;
  const value = filter.comparisonSubOp
    ? [filter.comparisonSubOp, filter.value].filter((v) => v !== null && v !== '').join(',')
    : filter.value;
  return filterCondition(filter.fieldId, filter.comparisonOp, value);
}

/** A view's enabled filters (a tree through parent ids) as one filter expression, or null. */
export function viewFilterExpression(view: Pick<ViewModel, 'filters'>): FilterExpression | null {
  const build = (parentId: string | null): FilterExpression | null => {
    const terms = view.filters
      .filter((f) => f.parentId === parentId && f.enabled)
      .flatMap((f) => {
        if (f.isGroup) {
          const inner = build(f.id);
          return inner ? [filterTerm(f.logicalOp, filterGroup(inner))] : [];
        }
        const condition = viewFilterCondition(f);
        return condition ? [filterTerm(f.logicalOp, condition)] : [];
      });
    return terms.length > 0 ? filterExpression(terms) : null;
  };
  return build(null);
}
