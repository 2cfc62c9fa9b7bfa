import { numberToApi } from '../shared/number-field.ts';
import { createServerManagedField } from '../shared/server-managed-field.ts';

/**
 * AutoNumber: a whole number the server gives each new record, one more than the highest
 * so far; existing records are numbered in id order when the field is added.
 */
export const autoNumberField = createServerManagedField({
  name: 'AutoNumber',
  storage: 'integer',
  filterKind: 'number',
  toApiValue: (canonical) => numberToApi(canonical, 'AutoNumber'),
});
