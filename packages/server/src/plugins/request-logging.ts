import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { REDACTED, redactSecrets } from './log-redaction.ts';

/** Where log lines go: anything with `write(line)` (default stdout). */
export interface LogDestination {
  write(line: string): void;
}

/** How much the server logs and where; `false` turns logging off (tests). */
export type LogSetting = boolean | { readonly level?: string; readonly stream?: LogDestination };

/** Header a caller (or a proxy in front) may set to tie its logs to ours; echoed on every reply. */
export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming id is used only when short and plain printable ASCII (no spaces, no controls). */
const SANE_REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

/** Probes that would flood the log at info: logged at debug. */
const PROBE_ROUTES = new Set(['/api/v1/health', '/api/v1/health/ready', '/api/v1/ready', '/metrics']);

/** Query parameters whose values never reach the log. */
const SENSITIVE_QUERY_KEY = /token|auth|pass|secret|key|session|signature|code/i;

/** The request id: a sane incoming `x-request-id`, else a fresh UUID. */
export function requestIdOf(raw: IncomingMessage): string {
  const incoming = raw.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && SANE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
}

/** The URL as logged: path as sent, values of credential-like query parameters replaced. */
export function loggedUrl(url: string): string {
  const start = url.indexOf('?');
  if (start < 0 || !SENSITIVE_QUERY_KEY.test(url.slice(start + 1))) return url;
  const params = new URLSearchParams(url.slice(start + 1));
  for (const key of new Set(params.keys())) if (SENSITIVE_QUERY_KEY.test(key)) params.set(key, REDACTED);
  return `${url.slice(0, start)}?${params.toString()}`;
}

/** What a log line says about a request (or any object logged as `req`): never headers or body. */
function serializeRequest(request: Partial<FastifyRequest>) {
  return {
    method: request.method,
    url: typeof request.url === 'string' ? loggedUrl(request.url) : undefined,
    route: request.routeOptions?.url,
    remoteAddress: request.ip,
  };
}

function serializeReply(reply: { statusCode: number }) {
  return { statusCode: reply.statusCode };
}

/**
 * One line per request, written when the reply has gone: method, URL, route pattern, status and
 * duration (ms), under the request's id. Health, readiness and metrics probes go at debug.
 */
class CompletionLogController extends LogController {
  override incomingRequest(): void {}

  override routeNotFound(): void {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ): void {
    const fields = { req: request, res: reply, responseTime: reply.elapsedTime };
    if (error) {
      reply.log.error({ ...fields, err: error }, 'request errored');
    } else if (PROBE_ROUTES.has(request.routeOptions?.url ?? '')) {
      reply.log.debug(fields, 'request completed');
    } else {
      reply.log.info(fields, 'request completed');
    }
  }
}

/** Fastify options for JSON logs with request ids, one completion line per request and redaction. */
export function loggingOptions(
  level: string,
  setting: LogSetting,
): Pick<FastifyServerOptions, 'logger' | 'logController' | 'genReqId'> {
  const common = {
    genReqId: requestIdOf,
    logController: new CompletionLogController({ requestIdLogLabel: 'reqId' }),
  };
  if (setting === false) return { ...common, logger: false };
  const options = setting === true ? {} : setting;
  return {
    ...common,
    logger: {
      level: options.level ?? level,
      ...(options.stream ? { stream: options.stream } : {}),
      // Credentials in any logged object; request lines carry no headers or body to begin with.
      formatters: {
        log: (object: Record<string, unknown>) => redactSecrets(object) as Record<string, unknown>,
      },
      serializers: { req: serializeRequest, res: serializeReply },
    },
  };
}

/** Echoes the request id to the caller, on every answer including errors. */
export function installRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', (request, reply, done) => {
    reply.header(REQUEST_ID_HEADER, request.id);
    done();
  });
}
