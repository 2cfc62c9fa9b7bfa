// A view's filters arrive flat, linked by `fk_parent_id`; these read them as a tree.
import type { ViewFilter } from '../../../api/types.ts';

export function childrenOf(filters: readonly ViewFilter[], parentId: string | null): ViewFilter[] {
  return filters
    .filter((filter) => (filter.fk_parent_id ?? null) === parentId)
    .sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
}

/** The filter and everything nested in it (a group's children go when it is removed). */
export function subtreeIds(filters: readonly ViewFilter[], rootId: string): Set<string> {
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const filter of filters) {
      if (filter.fk_parent_id && ids.has(filter.fk_parent_id) && !ids.has(filter.id)) {
        ids.add(filter.id);
        grew = true;
      }
    }
  }
  return ids;
}

/** How a group joins its children: the joiner of its second child (the first's is not shown). */
export function groupJoiner(children: readonly ViewFilter[]): 'and' | 'or' {
  return children[1]?.logical_op === 'or' ? 'or' : 'and';
}

/** Conditions that take effect: enabled ones, counting through groups. */
export function activeConditionCount(filters: readonly ViewFilter[]): number {
  const disabled = new Set(filters.filter((f) => !f.enabled).map((f) => f.id));
  const off = (filter: ViewFilter): boolean => {
    let current: ViewFilter | undefined = filter;
    while (current) {
      if (disabled.has(current.id)) return true;
      const parent: string | null = current.fk_parent_id;
      current = parent ? filters.find((f) => f.id === parent) : undefined;
    }
    return false;
  };
  return filters.filter((filter) => !filter.is_group && !off(filter)).length;
}

export function nextOrder(siblings: readonly ViewFilter[]): number {
  return siblings.reduce((max, filter) => Math.max(max, filter.order), 0) + 1;
}
