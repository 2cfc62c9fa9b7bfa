import { TesseraError } from '../errors/tessera-error.ts';

/**
 * A formula the language refuses: 422 ERR_SCHEMA_INVALID (a formula is part of a field's
 * definition). `position` is 1-based (the first character is position 1) and is also written
 * at the end of the message: `Unknown function 'CONCATT' at position 1`.
 */
export class FormulaError extends TesseraError {
  readonly position: number | undefined;

  constructor(message: string, offset?: number) {
    const position = offset === undefined ? undefined : offset + 1;
    super(
      'ERR_SCHEMA_INVALID',
      position === undefined ? message : `${message} at position ${position}`,
      position === undefined ? undefined : { position },
    );
    this.name = 'FormulaError';
    this.position = position;
  }
}

/** Throws a FormulaError at a 0-based offset. */
export function formulaError(message: string, offset?: number): never {
  throw new FormulaError(message, offset);
}
