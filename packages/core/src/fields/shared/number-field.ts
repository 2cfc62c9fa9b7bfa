import type { FieldTypeName } from '../field-kinds.ts';
import type { FieldDefinition, FieldInputContext, FieldType } from '../field-type.ts';
import { createMetaNormaliser, deepFreeze, type MetaRule } from './meta.ts';
import { describeValue, invalid, isBlank, nonCanonical, withoutNegativeZero } from './values.ts';

/** Plain decimal notation, optionally signed, with an optional exponent ("12", "-0.5", "1e3"). */
const DECIMAL_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
/** Comma-grouped thousands ("1,234,567.89"); only read with typecast. */
const GROUPED_TEXT = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

export interface NumberInputOptions {
  /** Whole numbers only: fractions are an error, or rounded with typecast; must be a safe integer. */
  readonly integer: boolean;
  /** With typecast, a trailing '%' is dropped ("12%" → 12). */
  readonly allowPercentSign?: boolean;
  /** What the error message says was expected; default "a number". */
  readonly expected?: string;
  /** Type-specific text forms tried before plain numbers (Duration's "1:30"); undefined = not that form. */
  readonly parseText?: (text: string) => number | undefined;
}

/**
 * A client value → a finite number (or null for blank input). Accepts numbers and numeric
 * strings (trimmed). With typecast also: booleans (1/0), a currency symbol before or after the
 * number ("$12", "12 €"), comma-grouped thousands ("1,234.5"), and fractions rounded for
 * whole-number types. Never NaN, Infinity or -0.
 */
export function parseNumberInput(
  value: unknown,
  context: FieldInputContext,
  options: NumberInputOptions,
): number | null {
  if (isBlank(value)) return null;
  const expected = options.expected ?? 'a number';
  let parsed: number | undefined;
  if (typeof value === 'number') parsed = value;
  else if (typeof value === 'string') parsed = parseNumericText(value.trim(), context.typecast, options);
  else if (typeof value === 'boolean' && context.typecast) parsed = value ? 1 : 0;
  if (parsed === undefined) return invalid(`Expected ${expected}, got ${describeValue(value)}`);
  if (!Number.isFinite(parsed)) invalid(`Expected a finite number, got ${describeValue(value)}`);
  if (options.integer) {
    if (!Number.isInteger(parsed)) {
      if (!context.typecast) invalid(`Expected a whole number, got ${describeValue(value)}`);
      parsed = Math.round(parsed);
    }
    if (!Number.isSafeInteger(parsed))
      invalid(
        `Expected a whole number from ${Number.MIN_SAFE_INTEGER} to ${Number.MAX_SAFE_INTEGER}, got ${describeValue(value)}`,
      );
  }
  return withoutNegativeZero(parsed);
}

function parseNumericText(text: string, typecast: boolean, options: NumberInputOptions): number | undefined {
  const special = options.parseText?.(text);
  if (special !== undefined) return special;
  if (DECIMAL_TEXT.test(text)) return Number(text);
  if (!typecast) return undefined;
  let loose = text.replace(/^([+-]?)\s*\p{Sc}\s*/u, '$1').replace(/\s*\p{Sc}$/u, '');
  if (options.allowPercentSign) loose = loose.replace(/\s*%$/, '');
  if (GROUPED_TEXT.test(loose)) loose = loose.replaceAll(',', '');
  return DECIMAL_TEXT.test(loose) ? Number(loose) : undefined;
}

/** A stored number → its API value; tolerates bigints and numeric strings from drivers. */
export function numberToApi(canonical: unknown, typeName: string): number | null {
  if (canonical === null || canonical === undefined) return null;
  let result: number | undefined;
  if (typeof canonical === 'number') result = canonical;
  else if (typeof canonical === 'bigint') result = Number(canonical);
  else if (typeof canonical === 'string' && DECIMAL_TEXT.test(canonical.trim())) result = Number(canonical);
  if (result === undefined || !Number.isFinite(result)) throw nonCanonical(typeName, canonical);
  return withoutNegativeZero(result);
}

export interface NumberFieldSpec extends Omit<NumberInputOptions, 'integer'> {
  readonly name: FieldTypeName;
  readonly storage: 'integer' | 'real';
  readonly defaultMeta: Record<string, unknown>;
  readonly metaRules?: Readonly<Record<string, MetaRule>>;
  /** Extra check on the parsed number (e.g. Rating's range); throws InvalidFieldValue. */
  readonly check?: (value: number, field: FieldDefinition) => void;
}

/** One factory for every number-stored type; 'integer' storage means whole numbers. */
export function createNumberField(spec: NumberFieldSpec): FieldType {
  const { name, storage, check } = spec;
  const defaultMeta = deepFreeze(spec.defaultMeta);
  const options: NumberInputOptions = { ...spec, integer: storage === 'integer' };
  return {
    name,
    storage,
    filterKind: 'number',
    serverManaged: false,
    defaultMeta,
    normaliseMeta: createMetaNormaliser(defaultMeta, spec.metaRules),
    parseInput(value, field, context) {
      const parsed = parseNumberInput(value, context, options);
      if (parsed !== null) check?.(parsed, field);
      return parsed;
    },
    toApiValue(canonical) {
      return numberToApi(canonical, name);
    },
  };
}
