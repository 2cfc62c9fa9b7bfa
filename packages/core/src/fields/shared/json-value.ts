import type { JsonValue } from '../field-type.ts';
import { isPlainObject } from './meta.ts';
import { describeValue, invalid } from './values.ts';

/** Deepest nesting accepted for a JSON value that did not come from JSON text. */
export const MAX_JSON_DEPTH = 100;

/**
 * Checks that `value` is plain JSON data (null, boolean, finite number, string, dense array,
 * plain object; no cycles, at most MAX_JSON_DEPTH levels) and returns a detached copy with
 * -0 turned into 0. Throws InvalidFieldValue otherwise.
 */
export function toJsonValue(value: unknown): JsonValue {
  return copyJson(value, 0, new Set<object>());
}

function copyJson(value: unknown, depth: number, ancestors: Set<object>): JsonValue {
  if (value === null || typeof value === 'boolean') return value;
  // Lone UTF-16 surrogates cannot be stored as UTF-8 (PostgreSQL refuses them in JSON):
  // they become U+FFFD on every database alike.
  if (typeof value === 'string') return value.toWellFormed();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) invalid(`Expected a JSON value, got ${describeValue(value)}`);
    return value === 0 ? 0 : value;
  }
  if (typeof value !== 'object') return invalid(`Expected a JSON value, got ${describeValue(value)}`);
  if (depth >= MAX_JSON_DEPTH) invalid(`JSON value is nested more than ${MAX_JSON_DEPTH} levels deep`);
  if (ancestors.has(value)) invalid('JSON value contains a cycle');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const copy: JsonValue[] = [];
      for (let index = 0; index < value.length; index += 1) {
        if (!(index in value)) invalid('Expected a JSON value, got an array with holes');
        copy.push(copyJson(value[index], depth + 1, ancestors));
      }
      return copy;
    }
    if (!isPlainObject(value)) return invalid('Expected a JSON value, got an object that is not plain data');
    const copy: { [key: string]: JsonValue } = {};
    for (const [key, child] of Object.entries(value)) {
      if (child === undefined) continue;
      Object.defineProperty(copy, key.toWellFormed(), {
        value: copyJson(child, depth + 1, ancestors),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy;
  } finally {
    ancestors.delete(value);
  }
}
