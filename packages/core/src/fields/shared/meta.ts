import { describeValue, invalid } from './values.ts';

/** Checks one meta key's value (never undefined) and returns it normalised; throws InvalidFieldValue. */
export type MetaRule = (value: unknown, key: string) => unknown;

export type MetaNormaliser = (meta: Readonly<Record<string, unknown>>) => Record<string, unknown>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Freezes an object graph of plain data (used for `defaultMeta`, which is shared). */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Builds a `normaliseMeta`: client meta is merged over a copy of `defaults` (keys set to
 * undefined are ignored; null on a checked key means "use the default"), unknown keys are
 * kept as sent (UI display settings), and each key in `rules` is checked and normalised.
 */
export function createMetaNormaliser(
  defaults: Readonly<Record<string, unknown>>,
  rules: Readonly<Record<string, MetaRule>> = {},
): MetaNormaliser {
  return (meta) => {
    if (!isPlainObject(meta)) invalid(`meta must be an object, got ${describeValue(meta)}`);
    const merged = structuredClone(defaults) as Record<string, unknown>;
    for (const [key, value] of Object.entries(meta)) {
      if (value === undefined || key === '__proto__') continue;
      if (value === null && Object.hasOwn(rules, key)) continue;
      merged[key] = value;
    }
    for (const [key, rule] of Object.entries(rules)) {
      const value = merged[key];
      if (value !== undefined && value !== null) merged[key] = rule(value, key);
    }
    return merged;
  };
}

export function integerRule(min: number, max: number): MetaRule {
  return (value, key) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
      invalid(`meta.${key} must be a whole number from ${min} to ${max}, got ${describeValue(value)}`);
    return value;
  };
}

export const booleanRule: MetaRule = (value, key) => {
  if (typeof value !== 'boolean') invalid(`meta.${key} must be true or false, got ${describeValue(value)}`);
  return value;
};

export const nonEmptyStringRule: MetaRule = (value, key) => {
  if (typeof value !== 'string' || value.trim() === '')
    invalid(`meta.${key} must be a non-empty string, got ${describeValue(value)}`);
  return value;
};

export function oneOfRule(allowed: readonly string[]): MetaRule {
  return (value, key) => {
    if (typeof value !== 'string' || !allowed.includes(value))
      invalid(
        `meta.${key} must be one of ${allowed.map((a) => `'${a}'`).join(', ')}, got ${describeValue(value)}`,
      );
    return value;
  };
}

/** ISO 4217-shaped code: three letters, upper-cased. */
export const currencyCodeRule: MetaRule = (value, key) => {
  if (typeof value !== 'string' || !/^[A-Za-z]{3}$/.test(value))
    invalid(`meta.${key} must be a three-letter currency code such as 'USD', got ${describeValue(value)}`);
  return value.toUpperCase();
};

/** A BCP 47 locale tag, returned in canonical case ('en-us' → 'en-US'). */
export const localeRule: MetaRule = (value, key) => {
  if (typeof value === 'string' && value.trim() !== '') {
    try {
      const [canonical] = Intl.getCanonicalLocales(value);
      if (canonical !== undefined) return canonical;
    } catch {
      // fall through to the error below
    }
  }
  return invalid(`meta.${key} must be a locale tag such as 'en-US', got ${describeValue(value)}`);
};

/** Reads a whole-number setting from a field's (already normalised) meta, with a fallback. */
export function metaInteger(meta: Readonly<Record<string, unknown>>, key: string, fallback: number): number {
  const value = meta[key];
  return typeof value === 'number' && Number.isInteger(value) ? value : fallback;
}

/** Reads a string setting from a field's meta, with a fallback. */
export function metaString(meta: Readonly<Record<string, unknown>>, key: string, fallback: string): string {
  const value = meta[key];
  return typeof value === 'string' ? value : fallback;
}
