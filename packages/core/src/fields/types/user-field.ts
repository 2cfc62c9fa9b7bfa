import type { FieldType } from '../field-type.ts';
import { booleanRule, createMetaNormaliser, deepFreeze } from '../shared/meta.ts';
import { parseUserRefs, splitUserRefs, userRefToApi } from '../shared/user-refs.ts';
import { nonCanonical } from '../shared/values.ts';

const defaultMeta = deepFreeze({ is_multi: false, notify: false });

/**
 * User (NocoDB's collaborator field): instance users, stored as their ids joined with ','.
 * Input: ids or e-mail addresses as a list, comma-separated text, JSON text of a list, or
 * `{id}` / `{email}` objects (what reads answer); the store checks they are users and keeps
 * ids. One user unless `meta.is_multi`. Answers `[{id, email, display_name}]` in v2 and v3.
 */
export const userField: FieldType = {
  name: 'User',
  storage: 'text',
  filterKind: 'multiselect',
  serverManaged: false,
  defaultMeta,
  normaliseMeta: createMetaNormaliser(defaultMeta, { is_multi: booleanRule, notify: booleanRule }),
  parseInput(value, field) {
    return parseUserRefs(value, field.meta.is_multi === true);
  },
  toApiValue(canonical) {
    if (canonical === null || canonical === undefined || canonical === '') return null;
    if (typeof canonical !== 'string') throw nonCanonical('User', canonical);
    return splitUserRefs(canonical).map((id) => userRefToApi(id, 'User'));
  },
};
