import { createTextField } from '../shared/text-field.ts';
import { describeValue, invalid } from '../shared/values.ts';

const EMAIL_LOCAL = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+(?:\.[\p{L}\p{N}!#$%&'*+/=?^_`{|}~-]+)*$/u;
const DOMAIN_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;
const TOP_LEVEL_LABEL = /^(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})$/iu;

/** A domain name with at least two labels and an alphabetic (or punycode) top-level label. */
export function isDomainName(text: string): boolean {
  if (text.length > 253) return false;
  const labels = text.split('.');
  const top = labels.at(-1) ?? '';
  return labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label)) && TOP_LEVEL_LABEL.test(top);
}

/**
 * A practical address check (not full RFC 5322): dot-atom local part of at most 64
 * characters, '@', a domain name; at most 254 characters. Unquoted, no IP-literal domains.
 */
export function isEmailAddress(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at < 1 || text.length > 254) return false;
  const local = text.slice(0, at);
  return local.length <= 64 && EMAIL_LOCAL.test(local) && isDomainName(text.slice(at + 1));
}

/** Email: one address, trimmed; blank means empty. */
export const emailField = createTextField({
  name: 'Email',
  validate(text) {
    if (!isEmailAddress(text)) invalid(`Expected an email address, got ${describeValue(text)}`);
    return text;
  },
});
