import { booleanRule } from '../shared/meta.ts';
import { createTextField } from '../shared/text-field.ts';

/** LongText: free text; `meta.richMode` (optional) marks Markdown rich text for the UI. */
export const longTextField = createTextField({ name: 'LongText', metaRules: { richMode: booleanRule } });
