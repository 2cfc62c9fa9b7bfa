import { getFieldType } from '../fields/field-registry.ts';
import { InvalidFieldValue } from '../fields/field-type.ts';

const expiryField = { title: 'expires_at', uidt: 'DateTime', meta: {}, options: [] } as const;

/** An API token's expiry as given by a caller: canonical UTC text, or why it is refused. */
export type TokenExpiry =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly problem: 'not-a-time' | 'not-in-future' };

/**
 * ISO 8601 date and time text (read like a DateTime field value) → canonical UTC text with
 * whole seconds, as every timestamp is stored; refused unless it lies after `now` (ms).
 */
export function parseTokenExpiry(text: string, now: number): TokenExpiry {
  let value: unknown;
  try {
    value = getFieldType('DateTime').parseInput(text.trim(), expiryField, {
      typecast: false,
      addOption: () => {},
    });
  } catch (error) {
    if (error instanceof InvalidFieldValue) return { ok: false, problem: 'not-a-time' };
    throw error;
  }
  if (typeof value !== 'string') return { ok: false, problem: 'not-a-time' };
  if (Date.parse(value.replace(' ', 'T')) <= now) return { ok: false, problem: 'not-in-future' };
  return { ok: true, value };
}
