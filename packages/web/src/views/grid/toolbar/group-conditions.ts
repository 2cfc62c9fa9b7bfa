// One group of a grouped grid as filter conditions, from the value the groupby route answered
// for it (the v2 API's value: text, number, boolean, `a,b` lists, user objects, or null).
import type { Field } from '../../../api/types.ts';
import type { WhereCondition } from './where-text.ts';

function userIds(value: unknown): string | undefined {
  const items = Array.isArray(value) ? value : [value];
  const ids = items.map((item) =>
    typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : undefined,
  );
  return ids.every((id) => typeof id === 'string') ? ids.join(',') : undefined;
}

export function groupConditions(field: Field, value: unknown): WhereCondition[] {
  const title = field.title;
  if (value === null || value === undefined || value === '') return [{ field: title, op: 'blank' }];
  if (typeof value === 'boolean')
    return value
      ? [{ field: title, op: 'eq', value: 'true' }]
      : [
          { field: title, op: 'eq', value: 'false' },
          { field: title, op: 'notblank' },
        ];
  if (typeof value === 'object') {
    const ids = userIds(value);
    return ids === undefined ? [{ field: title, op: 'blank' }] : [{ field: title, op: 'eq', value: ids }];
  }
  return [{ field: title, op: 'eq', value: String(value) }];
}

/** The group's value as the header shows it: a list of labels (several for multi-selects and users). */
export function groupLabels(field: Field, value: unknown): string[] {
  if (value === null || value === undefined || value === '') return [];
  if (typeof value === 'boolean') return [value ? 'Checked' : 'Unchecked'];
  if (Array.isArray(value) || (typeof value === 'object' && value !== null)) {
    const items = Array.isArray(value) ? value : [value];
    return items.map((item) => {
      const user = item as { display_name?: unknown; email?: unknown; id?: unknown };
      return String(user.display_name || user.email || user.id || '');
    });
  }
  if (field.uidt === 'MultiSelect' && typeof value === 'string') return value.split(',');
  return [String(value)];
}
