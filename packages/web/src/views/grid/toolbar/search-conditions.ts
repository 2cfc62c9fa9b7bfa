// What the search box asks of the server for a text typed in one field: a case-insensitive
// substring on text-like fields, equality on numbers, days and times (docs/filters.md).
import type { Field } from '../../../api/types.ts';
import { filterKindOf } from './filter-kinds.ts';
import type { WhereCondition } from './where-text.ts';

export type SearchResult =
  | { readonly conditions: WhereCondition[] }
  /** The text cannot be searched for in this field (a word in a number field…). */
  | { readonly problem: string };

const numberPattern = /^-?(\d+\.?\d*|\.\d+)$/;
const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const timePattern = /^\d{1,2}:\d{2}(:\d{2})?$/;

export function searchConditions(field: Field, typed: string): SearchResult {
  const text = typed.trim();
  if (text === '') return { conditions: [] };
  const exact = (value: string): SearchResult => ({ conditions: [{ field: field.title, op: 'eq', value }] });
  switch (filterKindOf(field)) {
    case 'number':
      return numberPattern.test(text) ? exact(text) : { problem: `Type a number to search ${field.title}.` };
    case 'date':
    case 'datetime':
      return dayPattern.test(text)
        ? exact(text)
        : { problem: `Type a date YYYY-MM-DD to search ${field.title}.` };
    case 'time':
      return timePattern.test(text)
        ? exact(text)
        : { problem: `Type a time HH:mm to search ${field.title}.` };
    case 'boolean':
      return { problem: `${field.title} cannot be searched.` };
    default:
      return { conditions: [{ field: field.title, op: 'like', value: text }] };
  }
}
