import type { FilterKind, StorageKind } from './field-kinds.ts';
import { getFieldType } from './field-registry.ts';
import type { FieldDefinition } from './field-type.ts';

/**
 * How one field's values are kept and read: its type's `storage`, or, for a type whose values
 * depend on its configuration (a Formula's result type), what `valueKind` says for this field.
 * Decoding driver values, encoding filter operands and choosing sort rules go through here.
 */
export function fieldStorage(
  field: Pick<FieldDefinition, 'uidt' | 'meta' | 'title' | 'options'>,
): StorageKind {
  const type = getFieldType(field.uidt);
  return type.valueKind ? type.valueKind(field as FieldDefinition).storage : type.storage;
}

/** Which filter semantics one field's values follow (see fieldStorage). */
export function fieldFilterKind(
  field: Pick<FieldDefinition, 'uidt' | 'meta' | 'title' | 'options'>,
): FilterKind {
  const type = getFieldType(field.uidt);
  return type.valueKind ? type.valueKind(field as FieldDefinition).filterKind : type.filterKind;
}
