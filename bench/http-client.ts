/** A failed API call, carrying the request and the response so a server bug can be reported as is. */
export class ApiError extends Error {
  readonly status: number;
  readonly responseBody: string;
  constructor(message: string, status: number, responseBody: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.responseBody = responseBody;
  }
}

export interface ApiResponse {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
}

/** Small JSON client for one server on 127.0.0.1; every call is bounded by a timeout. */
export class JsonClient {
  readonly baseUrl: string;
  readonly headers: Record<string, string>;

  constructor(baseUrl: string, headers: Record<string, string> = {}) {
    const host = new URL(baseUrl).hostname;
    if (host !== '127.0.0.1') throw new Error(`benchmark traffic stays on 127.0.0.1, not ${host}`);
    this.baseUrl = baseUrl;
    this.headers = headers;
  }

  withHeaders(headers: Record<string, string>): JsonClient {
    return new JsonClient(this.baseUrl, { ...this.headers, ...headers });
  }

  /** Any status; the caller decides. */
  async send(method: string, path: string, body?: unknown, timeoutMs = 30_000): Promise<ApiResponse> {
    const init: RequestInit = {
      method,
      headers: body === undefined ? this.headers : { ...this.headers, 'content-type': 'application/json' },
      signal: AbortSignal.timeout(timeoutMs),
    };
    if (body !== undefined) init.body = JSON.stringify(body);
    const response = await fetch(`${this.baseUrl}${path}`, init);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed, text };
  }

  /** Expects a 2xx answer; throws an ApiError quoting request and response otherwise. */
  async call(method: string, path: string, body?: unknown, timeoutMs?: number): Promise<unknown> {
    const response = await this.send(method, path, body, timeoutMs);
    if (response.status < 200 || response.status > 299) {
      throw new ApiError(
        `${method} ${path} -> ${response.status}\n  request body: ${describeBody(body)}\n  response: ${clip(response.text)}`,
        response.status,
        response.text,
      );
    }
    return response.body;
  }
}

function describeBody(body: unknown): string {
  if (body === undefined) return '(none)';
  if (Array.isArray(body)) return `array of ${body.length}, first: ${clip(JSON.stringify(body[0]))}`;
  return clip(JSON.stringify(body));
}

export function clip(text: string, max = 800): string {
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}

/** Narrowing helpers for JSON answers. */
export function asRecord(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${what}: expected an object, got ${clip(JSON.stringify(value) ?? String(value))}`);
  }
  return value as Record<string, unknown>;
}

export function asArray(value: unknown, what: string): unknown[] {
  if (!Array.isArray(value))
    throw new Error(`${what}: expected an array, got ${clip(JSON.stringify(value) ?? '')}`);
  return value;
}

export function asString(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '')
    throw new Error(`${what}: expected a string, got ${String(value)}`);
  return value;
}
