import { type ErrorCode, errorCatalogue } from './error-catalogue.ts';

/** A failure the caller caused or may act on; carries a catalogued code and an HTTP status. */
export class TesseraError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message?: string, details?: Record<string, unknown>) {
    super(message ?? errorCatalogue[code].summary);
    this.name = 'TesseraError';
    this.code = code;
    this.status = errorCatalogue[code].status;
    this.details = details;
  }
}

export function isTesseraError(error: unknown): error is TesseraError {
  return error instanceof TesseraError;
}
