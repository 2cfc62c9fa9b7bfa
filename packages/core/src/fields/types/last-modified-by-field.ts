import { createServerUserField } from '../shared/user-refs.ts';

/** LastModifiedBy: the user who last changed the record (their id); set on insert and every update. */
export const lastModifiedByField = createServerUserField('LastModifiedBy');
