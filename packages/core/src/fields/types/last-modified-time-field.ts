import { createServerTimestampField } from '../shared/server-managed-field.ts';

/** LastModifiedTime: when the record last changed (UTC); set by the server. */
export const lastModifiedTimeField = createServerTimestampField('LastModifiedTime');
