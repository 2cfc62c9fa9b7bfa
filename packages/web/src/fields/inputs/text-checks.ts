// Client-side checks of typed text, close to the server's rules (docs/field-types.md), so
// mistakes show while typing; the server still decides.

const EMAIL =
  /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+([A-Za-z]{2,}|xn--[A-Za-z0-9-]+)$/;
const BARE_DOMAIN =
  /^(localhost|([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,})(:\d{1,5})?([/?#]\S*)?$/;
const PHONE = /^\+?[\d\s\-.()]+$/;

function checkUrl(text: string): string | undefined {
  if (/\s/.test(text)) return 'A link cannot contain spaces';
  if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
    try {
      const url = new URL(text);
      if (url.protocol === 'mailto:') return undefined;
      if (!['http:', 'https:', 'ftp:'].includes(url.protocol))
        return 'Use an http, https, ftp or mailto link';
      return url.hostname ? undefined : 'The link has no host';
    } catch {
      return 'This is not a valid link';
    }
  }
  return BARE_DOMAIN.test(text) ? undefined : 'This is not a valid link';
}

/** The problem with `text` for a field of type `uidt`, or undefined when it is fine (or blank). */
export function textProblem(uidt: string, text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed) return undefined;
  switch (uidt) {
    case 'Email':
      return EMAIL.test(trimmed) && trimmed.length <= 254 ? undefined : 'This is not a valid e-mail address';
    case 'URL':
      return checkUrl(trimmed);
    case 'PhoneNumber': {
      const digits = trimmed.replace(/\D/g, '').length;
      return PHONE.test(trimmed) && digits >= 5 && digits <= 20
        ? undefined
        : 'Use 5 to 20 digits, with an optional +, spaces, dashes or brackets';
    }
    default:
      return undefined;
  }
}

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/**
 * Typed number text → a number (grouping commas, spaces, a currency symbol or `%` are
 * dropped); null for blank text, undefined when it is no number (or not whole when `whole`).
 */
export function parseNumberText(text: string, whole: boolean): number | null | undefined {
  const cleaned = text.replace(/[\s,]/g, '').replace(/^[^\d+\-.]+|[^\d.]+$/g, '');
  if (!text.trim()) return null;
  if (!DECIMAL.test(cleaned)) return undefined;
  const value = Number(cleaned);
  if (!Number.isFinite(value)) return undefined;
  if (whole && !Number.isInteger(value)) return undefined;
  return value;
}
