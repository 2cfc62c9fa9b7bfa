import { createServerUserField } from '../shared/user-refs.ts';

/** CreatedBy: the user who created the record (their id); set by the server. */
export const createdByField = createServerUserField('CreatedBy');
