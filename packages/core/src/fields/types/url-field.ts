import { createTextField } from '../shared/text-field.ts';
import { describeValue, invalid } from '../shared/values.ts';
import { isDomainName, isEmailAddress } from './email-field.ts';

/** Schemes a URL field accepts; a bare domain ("example.com/path") is also accepted. */
export const allowedUrlSchemes = ['http', 'https', 'ftp', 'mailto'] as const;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

function hostIsValid(hostname: string, allowLocal: boolean): boolean {
  if (IPV4.test(hostname)) return true;
  if (allowLocal && (hostname === 'localhost' || hostname.startsWith('['))) return true;
  return isDomainName(hostname.replaceAll('_', 'a'));
}

/**
 * http(s)/ftp URLs with a host (domain, IPv4, [IPv6] or localhost), `mailto:` with valid
 * addresses, or a bare domain (no user info) with optional port/path/query. No whitespace.
 * Kept as sent (no scheme is added).
 */
export function checkUrl(text: string): string {
  const fail = (): never => invalid(`Expected a URL, got ${describeValue(text)}`);
  if (/\s/.test(text)) fail();
  const scheme = SCHEME.exec(text)?.[1];
  if (scheme === undefined || scheme.includes('.')) {
    const url = parseUrl(`http://${text}`);
    if (!url || text.startsWith('/') || url.username !== '' || !hostIsValid(url.hostname, false)) fail();
    return text;
  }
  const lower = scheme.toLowerCase();
  if (lower === 'mailto') {
    const addresses = decodeSafely(text.slice(scheme.length + 1).split('?')[0] ?? '');
    if (addresses === undefined || !addresses.split(',').every((address) => isEmailAddress(address.trim())))
      fail();
    return text;
  }
  if (lower !== 'http' && lower !== 'https' && lower !== 'ftp')
    invalid(
      `Unsupported URL scheme '${scheme}:' (allowed: ${allowedUrlSchemes.join(', ')}), got ${describeValue(text)}`,
    );
  const url = parseUrl(text);
  if (!url || !text.slice(scheme.length + 1).startsWith('//') || !hostIsValid(url.hostname, true)) fail();
  return text;
}

function decodeSafely(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** URL: one link, trimmed; blank means empty. */
export const urlField = createTextField({ name: 'URL', validate: checkUrl });
