// Numbers as the field's display meta asks: precision, thousands grouping, currency with its
// locale and code, percent. Display only: the stored value is never rounded.
import type { Field } from '../api/types.ts';
import { metaFlag, metaNumber, metaText } from './field-kinds.ts';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(locale: string | undefined, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    try {
      found = new Intl.NumberFormat(locale, options);
    } catch {
      // An unknown locale or currency code in meta: fall back to plain grouping.
      found = new Intl.NumberFormat(undefined, {
        minimumFractionDigits: options.minimumFractionDigits,
        maximumFractionDigits: options.maximumFractionDigits,
      });
    }
    formatters.set(key, found);
  }
  return found;
}

function fixed(value: number, precision: number, grouped: boolean): string {
  if (grouped)
    return formatter(undefined, {
      minimumFractionDigits: precision,
      maximumFractionDigits: precision,
    }).format(value);
  return value.toFixed(precision);
}

const clampPrecision = (n: number) => Math.max(0, Math.min(8, Math.trunc(n)));

/** A Number, Decimal, Currency or Percent value as the field shows it. */
export function formatNumber(field: Pick<Field, 'uidt' | 'meta'>, value: number): string {
  switch (field.uidt) {
    case 'Decimal':
      return fixed(
        value,
        clampPrecision(metaNumber(field, 'precision', 1)),
        metaFlag(field, 'isLocaleString'),
      );
    case 'Currency': {
      const precision = clampPrecision(metaNumber(field, 'precision', 2));
      return formatter(metaText(field, 'currency_locale', 'en-US'), {
        style: 'currency',
        currency: metaText(field, 'currency_code', 'USD'),
        minimumFractionDigits: precision,
        maximumFractionDigits: precision,
      }).format(value);
    }
    case 'Percent':
      return `${fixed(value, clampPrecision(metaNumber(field, 'precision', 2)), false)}%`;
    case 'Number':
      return metaFlag(field, 'isLocaleString') ? formatter(undefined, {}).format(value) : String(value);
    default:
      return plainNumber(value);
  }
}

/** A number without display meta (rollups, formulas): at most 10 decimals, no exponent for usual sizes. */
export function plainNumber(value: number): string {
  if (!Number.isFinite(value)) return '';
  if (Number.isInteger(value)) return String(value);
  return String(Number.parseFloat(value.toFixed(10)));
}

/** The currency symbol of a Currency field (`$`, `€`, …), for input adornments. */
export function currencySymbol(field: Pick<Field, 'meta'>): string {
  const parts = formatter(metaText(field, 'currency_locale', 'en-US'), {
    style: 'currency',
    currency: metaText(field, 'currency_code', 'USD'),
  }).formatToParts(0);
  return parts.find((part) => part.type === 'currency')?.value ?? '';
}
