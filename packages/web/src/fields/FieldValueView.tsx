// STUB (fields helper replaces): read-only rendering of a value (chips, thumbnails, stars).
import type { Field } from '../api/types.ts';
import { formatValue } from './format-value.ts';

export function FieldValueView({ field, value }: { field: Field; value: unknown }) {
  return <span>{formatValue(field, value)}</span>;
}
