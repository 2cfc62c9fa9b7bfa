import { createServerTimestampField } from '../shared/server-managed-field.ts';

/** CreatedTime: when the record was created (UTC); set by the server. */
export const createdTimeField = createServerTimestampField('CreatedTime');
