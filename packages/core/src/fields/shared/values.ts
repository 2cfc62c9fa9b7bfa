import { InvalidFieldValue } from '../field-type.ts';

const MAX_QUOTED_LENGTH = 60;

/**
 * A short, safe description of any value for an error message: strings quoted as JSON
 * (truncated), numbers and booleans as written, containers by kind. Never calls user code.
 */
export function describeValue(value: unknown): string {
  switch (typeof value) {
    case 'string': {
      const shown = value.length > MAX_QUOTED_LENGTH ? `${value.slice(0, MAX_QUOTED_LENGTH)}…` : value;
      return JSON.stringify(shown);
    }
    case 'number':
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value.toString()}n`;
    case 'undefined':
      return 'undefined';
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? 'an array' : 'an object';
    default:
      return `a ${typeof value}`;
  }
}

/** Throws InvalidFieldValue; typed `never` so callers can use it as an expression. */
export function invalid(message: string): never {
  throw new InvalidFieldValue(message);
}

/** null, undefined, or a string that is empty after trimming: the value means "empty". */
export function isBlank(value: unknown): value is null | undefined | string {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** A stored value that is not canonical for its type: a bug in the store, not client input. */
export function nonCanonical(typeName: string, value: unknown): Error {
  return new TypeError(`Stored ${typeName} value is not canonical: ${describeValue(value)}`);
}

/** Turns -0 into 0 so canonical numbers compare and serialise predictably. */
export function withoutNegativeZero(value: number): number {
  return value === 0 ? 0 : value;
}
