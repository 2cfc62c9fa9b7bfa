import type { FieldType, JsonValue } from '../field-type.ts';
import { isPlainObject } from './meta.ts';
import { createServerManagedField } from './server-managed-field.ts';
import { describeValue, invalid, isBlank, nonCanonical } from './values.ts';

/** A user id as Tessera makes them (`us` and 14 letters or digits), or one imported from elsewhere. */
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** An e-mail address as accounts hold them: no spaces or commas, one `@`, a dotted domain. */
const USER_EMAIL = /^[^\s@,]{1,64}@[^\s@,]+\.[^\s@,]+$/;
/** Most users one User field value may name. */
export const MAX_USERS_PER_VALUE = 100;

/** True for a reference that names a user by e-mail rather than id. */
export function isUserEmailRef(ref: string): boolean {
  return ref.includes('@');
}

/** The references of a stored User value (`id1,id2`), in order. */
export function splitUserRefs(stored: string): string[] {
  return stored
    .split(',')
    .map((ref) => ref.trim())
    .filter((ref) => ref !== '');
}

/** One item a client sent: an id or e-mail text, or an object `{id}` / `{email}` as reads answer. */
function refOf(item: unknown): string {
  if (typeof item === 'string') return item.trim().toWellFormed();
  if (isPlainObject(item)) {
    const { id, email } = item;
    if (typeof id === 'string' && id.trim() !== '') return id.trim().toWellFormed();
    if (typeof email === 'string' && email.trim() !== '') return email.trim().toWellFormed();
    return invalid('Expected a user as {id} or {email}, got an object with neither');
  }
  return invalid(`Expected a user id or e-mail address, got ${describeValue(item)}`);
}

function checkedRef(ref: string): string {
  if (isUserEmailRef(ref)) {
    if (ref.length > 254 || !USER_EMAIL.test(ref))
      invalid(`Expected a user id or e-mail address, got ${describeValue(ref)}`);
    return ref.toLowerCase();
  }
  if (!USER_ID.test(ref)) invalid(`Expected a user id or e-mail address, got ${describeValue(ref)}`);
  return ref;
}

/** Items of a value: a list, JSON text of one (as n8n sends), comma-separated text, or one object. */
function itemsOf(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    const text = value.trim();
    if (text.startsWith('[') || text.startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return invalid(
          `Expected users as JSON, ids or e-mail addresses; ${describeValue(value)} is not valid JSON`,
        );
      }
      return Array.isArray(parsed) ? parsed : [parsed];
    }
    return text.split(',');
  }
  if (isPlainObject(value)) return [value];
  return invalid(`Expected a list of user ids or e-mail addresses, got ${describeValue(value)}`);
}

/**
 * A client's User value → the references it names (ids as given, e-mails lower-cased),
 * deduplicated in order, joined with ','; null when it names nobody. Whether the users
 * exist is checked by the store when the value is written (ids and e-mails become ids there).
 */
export function parseUserRefs(value: unknown, multiple: boolean): string | null {
  if (isBlank(value)) return null;
  const refs = new Set<string>();
  for (const item of itemsOf(value)) {
    if (isBlank(item)) continue;
    const ref = refOf(item);
    if (ref !== '') refs.add(checkedRef(ref));
  }
  if (refs.size === 0) return null;
  if (!multiple && refs.size > 1)
    invalid(`This field takes one user (meta.is_multi is false), got ${refs.size}`);
  if (refs.size > MAX_USERS_PER_VALUE)
    invalid(`At most ${MAX_USERS_PER_VALUE} users per value, got ${refs.size}`);
  return [...refs].join(',');
}

/** A stored user id → `{id}`; the server adds `email` and `display_name` when it answers. */
export function userRefToApi(canonical: unknown, typeName: string): JsonValue {
  if (typeof canonical !== 'string' || canonical === '') throw nonCanonical(typeName, canonical);
  return { id: canonical };
}

/** CreatedBy / LastModifiedBy: the id of a user, kept by the server, answered like one User. */
export function createServerUserField(name: 'CreatedBy' | 'LastModifiedBy'): FieldType {
  return createServerManagedField({
    name,
    storage: 'text',
    filterKind: 'text',
    toApiValue: (canonical) => userRefToApi(canonical, name),
  });
}
