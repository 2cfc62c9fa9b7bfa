import { type ErrorCode, errorCatalogue, isTesseraError, TesseraError } from '@tessera/core';
import { isDatabaseUnavailable } from '@tessera/store';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** The body every error answer has: NocoDB's coded shape plus its legacy `msg`. */
export interface ErrorBody {
  error: ErrorCode;
  message: string;
  msg: string;
  details?: Record<string, unknown>;
}

export function errorBody(error: TesseraError): ErrorBody {
  const body: ErrorBody = { error: error.code, message: error.message, msg: error.message };
  if (error.details) body.details = error.details;
  return body;
}

const frameworkErrors: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'ERR_INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'ERR_INVALID_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'ERR_PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'ERR_UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'ERR_BAD_REQUEST',
  FST_ERR_VALIDATION: 'ERR_INVALID_REQUEST_BODY',
  FST_ERR_BAD_URL: 'ERR_BAD_REQUEST',
  FST_ERR_MAX_PARAM_LENGTH: 'ERR_URI_TOO_LONG',
};

/** 503 for a database that is away: never a 500, and the client is told when to retry. */
export function databaseUnavailableError(): TesseraError {
  return new TesseraError(
    'ERR_DATABASE_UNAVAILABLE',
    'The database is not reachable right now; try again shortly',
  );
}

/** Any thrown value → a catalogued TesseraError; unknown failures become ERR_INTERNAL. */
export function toTesseraError(error: unknown): TesseraError {
  if (isTesseraError(error)) return error;
  const fastifyError = error as Partial<FastifyError> & { code?: string; message?: string };
  const mapped = fastifyError.code ? frameworkErrors[fastifyError.code] : undefined;
  if (mapped === 'ERR_INVALID_JSON') return new TesseraError(mapped, 'Invalid JSON in request body');
  if (mapped) return new TesseraError(mapped, fastifyError.message);
  if (error instanceof SyntaxError && fastifyError.statusCode === 400)
    return new TesseraError('ERR_INVALID_JSON', 'Invalid JSON in request body');
  if (isDatabaseUnavailable(error)) return databaseUnavailableError();
  if (
    typeof fastifyError.statusCode === 'number' &&
    fastifyError.statusCode >= 400 &&
    fastifyError.statusCode < 500
  )
    return new TesseraError('ERR_BAD_REQUEST', fastifyError.message);
  return new TesseraError('ERR_INTERNAL', errorCatalogue.ERR_INTERNAL.summary);
}

/** Sends any error as `{error, message, msg}` with its catalogued status; 500s are logged. */
export function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const tesseraError = toTesseraError(error);
  // An outage is logged once per retry by the database supervisor, not once per request.
  if (tesseraError.status >= 500 && tesseraError.code !== 'ERR_DATABASE_UNAVAILABLE')
    request.log.error({ err: error }, 'request failed');
  if (tesseraError.code === 'ERR_DATABASE_UNAVAILABLE') reply.header('retry-after', '5');
  return reply.status(tesseraError.status).send(errorBody(tesseraError));
}

/** Every error leaves in the catalogue's shape, including routing and body-parsing errors. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler(sendError);
  app.setNotFoundHandler((request, reply) => {
    const error = new TesseraError(
      'ERR_ROUTE_NOT_FOUND',
      `Cannot ${request.method} ${request.url.split('?')[0]}`,
    );
    return reply.status(404).send(errorBody(error));
  });
}
