import { createLinkField } from '../shared/link-values.ts';

/** LinkToAnotherRecord: the one record linked through a belongs-to or one-to-one relation. */
export const linkToAnotherRecordField = createLinkField('LinkToAnotherRecord');
