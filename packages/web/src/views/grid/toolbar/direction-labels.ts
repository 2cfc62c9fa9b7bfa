// How ascending and descending read for a field (A → Z, 1 → 9, oldest first…).
import type { Field } from '../../../api/types.ts';
import { filterKindOf } from './filter-kinds.ts';

export function directionLabels(field: Field | undefined): { asc: string; desc: string } {
  switch (field ? filterKindOf(field) : 'text') {
    case 'number':
      return { asc: '1 → 9', desc: '9 → 1' };
    case 'date':
    case 'datetime':
    case 'time':
      return { asc: 'Oldest first', desc: 'Newest first' };
    case 'boolean':
      return { asc: 'Unchecked first', desc: 'Checked first' };
    case 'select':
      return { asc: 'First → last', desc: 'Last → first' };
    default:
      return { asc: 'A → Z', desc: 'Z → A' };
  }
}
