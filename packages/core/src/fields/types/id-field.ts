import { numberToApi } from '../shared/number-field.ts';
import { createServerManagedField } from '../shared/server-managed-field.ts';

/** ID: the auto-increment primary key; assigned by the server. */
export const idField = createServerManagedField({
  name: 'ID',
  storage: 'integer',
  filterKind: 'number',
  toApiValue: (canonical) => numberToApi(canonical, 'ID'),
});
