const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Prefixes of stable ids, as NocoDB uses them: base, table, field, view, filter, sort, option,
 * user, API token, invitation, hook, comment.
 */
export type IdPrefix = 'p' | 'm' | 'c' | 'vw' | 'fi' | 'so' | 's' | 'nc' | 'us' | 'tkn' | 'inv' | 'hk' | 'cm';

/** A random id such as `m3k9x0…`: the prefix and 14 lowercase letters or digits. */
export function newId(prefix: IdPrefix): string {
  const bytes = new Uint8Array(14);
  globalThis.crypto.getRandomValues(bytes);
  let id = prefix;
  for (const byte of bytes) id += alphabet[byte % alphabet.length];
  return id;
}
