import { createLinkField } from '../shared/link-values.ts';

/** Links: the records linked through a has-many or many-to-many relation; v2 shows their count. */
export const linksField = createLinkField('Links');
