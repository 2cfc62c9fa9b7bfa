import type { FieldTypeName } from '../field-kinds.ts';
import type { FieldInputContext, FieldType, JsonValue } from '../field-type.ts';
import { toJsonValue } from './json-value.ts';
import { createMetaNormaliser, deepFreeze, isPlainObject, type MetaRule } from './meta.ts';
import { describeValue, invalid, nonCanonical } from './values.ts';

export interface TextFieldSpec {
  readonly name: FieldTypeName;
  readonly defaultMeta?: Record<string, unknown>;
  readonly metaRules?: Readonly<Record<string, MetaRule>>;
  /**
   * For validated text (Email, URL, PhoneNumber): receives the trimmed, non-empty text and
   * returns it normalised, or throws InvalidFieldValue. Validated text is always trimmed and
   * blank input means null; plain text is kept exactly as sent ('' stays '').
   */
  readonly validate?: (text: string) => string;
}

/**
 * One factory for every text-stored type. Accepts strings, finite numbers and booleans
 * (stringified); with typecast also arrays of scalars (joined with ',') and other JSON
 * (as JSON text), so values of any type convert to text.
 */
export function createTextField(spec: TextFieldSpec): FieldType {
  const { name, validate } = spec;
  const defaultMeta = deepFreeze(spec.defaultMeta ?? {});
  return {
    name,
    storage: 'text',
    filterKind: 'text',
    serverManaged: false,
    defaultMeta,
    normaliseMeta: createMetaNormaliser(defaultMeta, spec.metaRules),
    parseInput(value, _field, context) {
      if (value === null || value === undefined) return null;
      const text = inputText(value, context);
      if (!validate) return text;
      const trimmed = text.trim();
      return trimmed === '' ? null : validate(trimmed);
    },
    toApiValue(canonical) {
      if (canonical === null || canonical === undefined) return null;
      if (typeof canonical === 'string') return canonical;
      throw nonCanonical(name, canonical);
    },
  };
}

/** A client value as text, or InvalidFieldValue. */
export function inputText(value: unknown, context: FieldInputContext): string {
  // Lone UTF-16 surrogates cannot be stored as UTF-8: they become U+FFFD on both databases.
  if (typeof value === 'string') return value.toWellFormed();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalid(`Expected text, got ${describeValue(value)}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (context.typecast && (Array.isArray(value) || isPlainObject(value))) return looseText(value);
  return invalid(`Expected text, got ${describeValue(value)}`);
}

function looseText(value: unknown[] | Record<string, unknown>): string {
  const json: JsonValue = toJsonValue(value);
  if (Array.isArray(json) && json.every((item) => item !== null && typeof item !== 'object'))
    return json.map(String).join(',');
  return JSON.stringify(json);
}
