import type {
  FieldModel,
  TableModel,
  ViewFieldModel,
  ViewFilterModel,
  ViewModel,
  ViewSortModel,
} from '@tessera/core';

/** Longest text kept whole in audit details; longer text is cut and marked. */
const MAX_TEXT = 500;
/** Longest list kept whole; longer lists keep their head and tail (appends stay visible). */
const MAX_ITEMS = 200;

/** A value made small enough for the audit trail: long text cut, long lists shortened. */
export function compactValue(value: unknown): unknown {
  if (typeof value === 'string')
    return value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}… (${value.length} characters)` : value;
  if (Array.isArray(value)) {
    const items = value.map(compactValue);
    if (items.length <= MAX_ITEMS) return items;
    const half = MAX_ITEMS / 2;
    return [...items.slice(0, half), `… ${items.length - MAX_ITEMS} more …`, ...items.slice(-half)];
  }
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, compactValue(item)]));
  return value;
}

type Snapshot = Readonly<Record<string, unknown>>;

/** `{before, after}` holding only the keys whose values differ (compared as JSON). */
export function changedValues(before: Snapshot, after: Snapshot): { before: Snapshot; after: Snapshot } {
  const was: Record<string, unknown> = {};
  const now: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
    was[key] = compactValue(before[key] ?? null);
    now[key] = compactValue(after[key] ?? null);
  }
  return { before: was, after: now };
}

/** What the audit trail keeps of a table. */
export function tableSnapshot(table: Pick<TableModel, 'title' | 'tableName' | 'description' | 'meta'>) {
  return {
    title: table.title,
    table_name: table.tableName,
    description: table.description,
    meta: compactValue(table.meta),
  };
}

/** A table's fields in brief, for the entries that create or drop a table. */
export function fieldList(fields: readonly FieldModel[]) {
  return compactValue(fields.map((f) => ({ id: f.id, title: f.title, uidt: f.uidt })));
}

/** What the audit trail keeps of a field: its definition, select choices by title. */
export function fieldSnapshot(field: FieldModel) {
  return {
    title: field.title,
    uidt: field.uidt,
    required: field.required,
    unique: field.unique,
    primary_value: field.primaryValue,
    default_value: compactValue(field.defaultValue),
    description: field.description,
    meta: compactValue(field.meta),
    ...(field.uidt === 'SingleSelect' || field.uidt === 'MultiSelect'
      ? { options: compactValue(field.options.map((o) => o.title)) }
      : {}),
  };
}

/** What the audit trail keeps of a view (its columns, filters and sorts have their own entries). */
export function viewSnapshot(
  view: Pick<
    ViewModel,
    'title' | 'type' | 'description' | 'lockType' | 'groupFieldId' | 'coverFieldId' | 'meta'
  >,
) {
  return {
    title: view.title,
    type: view.type,
    description: view.description,
    lock_type: view.lockType,
    group_field_id: view.groupFieldId,
    cover_field_id: view.coverFieldId,
    meta: compactValue(view.meta),
  };
}

export function viewColumnSnapshot(column: Pick<ViewFieldModel, 'show' | 'order' | 'width'>) {
  return { show: column.show, order: column.order, width: column.width };
}

export function filterSnapshot(filter: Omit<ViewFilterModel, 'id' | 'viewId'>) {
  return {
    field_id: filter.fieldId,
    comparison_op: filter.comparisonOp,
    comparison_sub_op: filter.comparisonSubOp,
    value: compactValue(filter.value),
    logical_op: filter.logicalOp,
    is_group: filter.isGroup,
    parent_id: filter.parentId,
    enabled: filter.enabled,
    order: filter.order,
  };
}

export function sortSnapshot(sort: Omit<ViewSortModel, 'id' | 'viewId'>) {
  return { field_id: sort.fieldId, direction: sort.direction, order: sort.order };
}
