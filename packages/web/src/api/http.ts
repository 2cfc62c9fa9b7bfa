// The one way the app talks to the server: JSON over fetch with the session's JWT in
// `xc-auth`. A 401 refreshes the JWT once (refresh cookie) and repeats the request.
import { session } from './session.ts';

/** An answer that was not 2xx, with NocoDB's error body (`msg`, `code`, `details`). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string | undefined;
  readonly details: unknown;
  constructor(status: number, message: string, code?: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
  /** True when trying again later may succeed: no connection, 5xx, 429 or 408. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

export type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export interface RequestOptions {
  /** Query parameters; undefined values are left out, arrays repeat the key. */
  readonly query?: Record<string, string | number | boolean | undefined | readonly (string | number)[]>;
  /** Extra headers (e.g. `xc-password` for a protected shared view). */
  readonly headers?: Record<string, string>;
  /** Send without the session's JWT (public pages). */
  readonly anonymous?: boolean;
  readonly signal?: AbortSignal;
}

export function withQuery(path: string, query: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => null)) as {
    msg?: string;
    message?: string;
    error?: string;
    code?: string;
    details?: unknown;
  } | null;
  const message = body?.msg ?? body?.message ?? `${response.status} ${response.statusText}`;
  return new ApiError(response.status, message, body?.code ?? body?.error, body?.details);
}

async function send(
  method: HttpMethod,
  path: string,
  body: unknown,
  options: RequestOptions,
): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  const token = options.anonymous ? undefined : session.token();
  if (token) headers['xc-auth'] = token;
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  try {
    return await fetch(withQuery(path, options.query), {
      method,
      headers,
      body: payload,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'The server cannot be reached. Check your connection.');
  }
}

/** Sends one request and answers its JSON body; throws ApiError on anything but 2xx. */
export async function api<T>(
  method: HttpMethod,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  let response = await send(method, path, body, options);
  if (response.status === 401 && !options.anonymous && session.token()) {
    if (await session.refresh()) response = await send(method, path, body, options);
  }
  if (!response.ok) throw await errorOf(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
