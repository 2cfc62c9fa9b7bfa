// STUB (fields helper replaces): a cell value as display text.
import type { Field } from '../api/types.ts';

export function formatValue(_field: Field, value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}
