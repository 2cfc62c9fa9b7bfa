/**
 * Every error the API can answer with, by stable code. Handlers throw `TesseraError(code, …)`;
 * the server turns it into `{ error, message, msg, details? }` with this status. `msg` keeps
 * NocoDB's legacy clients (n8n's older node) happy, `error` + `message` its coded ones.
 */
export const errorCatalogue = {
  ERR_BAD_REQUEST: { status: 400, summary: 'The request is malformed.' },
  ERR_NUL_CHARACTER: { status: 400, summary: 'Text in the request contains a NUL (\\u0000) character.' },
  ERR_INVALID_JSON: { status: 400, summary: 'The request body is not valid JSON.' },
  ERR_INVALID_REQUEST_BODY: { status: 400, summary: 'The request body does not have the expected shape.' },
  ERR_INVALID_QUERY_PARAMETER: { status: 400, summary: 'A query parameter has an invalid value.' },
  ERR_UNSUPPORTED_FILTER_OPERATION: {
    status: 400,
    summary: 'The filter operator does not apply to this field.',
  },
  ERR_READONLY_FIELD: { status: 400, summary: 'The field is kept by the server and cannot be written.' },
  ERR_FIELD_UNIQUE_CONSTRAINT_VIOLATION: { status: 400, summary: 'A unique field already holds this value.' },
  ERR_AUTHENTICATION_REQUIRED: { status: 401, summary: 'Authentication is required.' },
  ERR_FORBIDDEN: { status: 403, summary: 'The caller may not do this.' },
  ERR_ROUTE_NOT_FOUND: { status: 404, summary: 'No route matches this method and path.' },
  ERR_BASE_NOT_FOUND: { status: 404, summary: 'The base does not exist.' },
  ERR_TABLE_NOT_FOUND: { status: 404, summary: 'The table does not exist.' },
  ERR_FIELD_NOT_FOUND: { status: 404, summary: 'The field does not exist.' },
  ERR_VIEW_NOT_FOUND: { status: 404, summary: 'The view does not exist.' },
  ERR_FILTER_NOT_FOUND: { status: 404, summary: 'The view filter does not exist.' },
  ERR_SORT_NOT_FOUND: { status: 404, summary: 'The view sort does not exist.' },
  ERR_RECORD_NOT_FOUND: { status: 404, summary: 'The record does not exist.' },
  ERR_METHOD_NOT_ALLOWED: { status: 405, summary: 'The method is not allowed on this path.' },
  ERR_CONFLICT: { status: 409, summary: 'The change conflicts with the current state.' },
  ERR_PAYLOAD_TOO_LARGE: { status: 413, summary: 'The request body exceeds the configured limit.' },
  ERR_URI_TOO_LONG: { status: 414, summary: 'The URL or one of its path segments is too long.' },
  ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, summary: 'The request body has an unsupported content type.' },
  ERR_INVALID_FILTER: { status: 422, summary: 'The where filter cannot be parsed or applied.' },
  ERR_INVALID_SORT: { status: 422, summary: 'The sort cannot be parsed or applied.' },
  ERR_INVALID_OFFSET_VALUE: { status: 422, summary: 'The offset is negative or beyond the last row.' },
  ERR_INVALID_LIMIT_VALUE: { status: 422, summary: 'The limit is out of range.' },
  ERR_INVALID_VALUE_FOR_FIELD: { status: 422, summary: 'A value does not fit its field type.' },
  ERR_UNKNOWN_FIELD: { status: 422, summary: 'A record body names a field the table does not have.' },
  ERR_REQUIRED_FIELD_MISSING: { status: 422, summary: 'A required field has no value.' },
  ERR_PRIMARY_KEY_REQUIRED: { status: 422, summary: 'An update or delete item carries no primary key.' },
  ERR_DUPLICATE_RECORD: { status: 422, summary: 'The same record appears twice in one request.' },
  ERR_MAX_PAYLOAD_LIMIT_EXCEEDED: { status: 422, summary: 'Too many records in one request.' },
  ERR_TYPE_CONVERSION_FAILED: {
    status: 422,
    summary: 'Existing values cannot be converted to the new field type.',
  },
  ERR_SCHEMA_INVALID: { status: 422, summary: 'The requested schema change is not valid.' },
  ERR_INTERNAL: { status: 500, summary: 'An unexpected error occurred.' },
  ERR_NOT_IMPLEMENTED: { status: 501, summary: 'This operation is not implemented.' },
  ERR_DATABASE_UNAVAILABLE: { status: 503, summary: 'The database is not reachable right now.' },
} as const satisfies Record<string, { status: number; summary: string }>;

export type ErrorCode = keyof typeof errorCatalogue;
