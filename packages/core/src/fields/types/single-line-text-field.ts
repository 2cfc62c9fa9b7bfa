import { createTextField } from '../shared/text-field.ts';

/** SingleLineText: free text, kept exactly as sent (line breaks included, as NocoDB does). */
export const singleLineTextField = createTextField({ name: 'SingleLineText' });
