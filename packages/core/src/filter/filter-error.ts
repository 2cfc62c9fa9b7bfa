import { TesseraError } from '../errors/tessera-error.ts';

/** The one error the filter language throws: 422 ERR_INVALID_FILTER with a message naming the problem. */
export function filterError(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_FILTER', message);
}

/** A character for an error message: printable as itself, otherwise as a `U+XXXX` code. */
export function describeChar(char: string | undefined): string {
  if (char === undefined) return 'end of filter';
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${char}'`;
}
