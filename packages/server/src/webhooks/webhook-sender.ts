import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { checkLiteralTarget, guardedLookup, type PrivateTargets, TargetRefusedError } from './ssrf-guard.ts';

/** One HTTP request of a delivery, fully prepared (headers signed, URL with its parameters). */
export interface OutgoingWebhook {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Null for GET (no body is sent). */
  readonly body: string | null;
}

export interface SendOptions {
  /** Deadline for the whole exchange: resolving, connecting, sending, the answer. */
  readonly timeoutMs: number;
  readonly privateTargets: PrivateTargets;
}

/** What one attempt got. A status code means the target answered; otherwise `error` says why not. */
export interface SendResult {
  readonly statusCode: number | null;
  readonly latencyMs: number;
  /** The first KiB of the answer's body. */
  readonly excerpt: string | null;
  readonly error: string | null;
  /** Refused by the address policy (never retried). */
  readonly refused: boolean;
  /** From a Retry-After header, in milliseconds. */
  readonly retryAfterMs: number | null;
}

/** Kept of an answer's body for the delivery log. */
export const EXCERPT_CHARACTERS = 1024;
/** Read of an answer's body at most; the rest is not waited for. */
const MAX_BODY_READ = 64 * 1024;
const USER_AGENT = 'Tessera-Webhooks/0.1';

function retryAfterMs(response: IncomingMessage): number | null {
  const header = response.headers['retry-after'];
  if (typeof header !== 'string' || header.trim() === '') return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends one webhook request with node:http(s): no redirects followed, no connection reuse, the
 * target's addresses checked by the SSRF guard as they are resolved, one deadline for all of it.
 * Never throws: every failure comes back as a SendResult.
 */
export function sendWebhook(request: OutgoingWebhook, options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const failed = (error: unknown): SendResult => ({
    statusCode: null,
    latencyMs: elapsed(),
    excerpt: null,
    error: messageOf(error),
    refused: error instanceof TargetRefusedError,
    retryAfterMs: null,
  });
  let url: URL;
  try {
    url = new URL(request.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new TargetRefusedError(`Refused webhook target: ${url.protocol} is not http or https`);
    checkLiteralTarget(url, options.privateTargets);
  } catch (error) {
    return Promise.resolve(failed(error));
  }
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    let answer: IncomingMessage | undefined;
    const chunks: Buffer[] = [];
    let read = 0;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const answered = (error: string | null) => {
      if (!answer) return;
      const text = Buffer.concat(chunks).toString('utf8');
      finish({
        statusCode: answer.statusCode ?? null,
        latencyMs: elapsed(),
        excerpt: text === '' ? null : text.slice(0, EXCERPT_CHARACTERS),
        error,
        refused: false,
        retryAfterMs: retryAfterMs(answer),
      });
    };
    const client = url.protocol === 'https:' ? https : http;
    let outgoing: http.ClientRequest;
    try {
      outgoing = client.request(
        url,
        {
          method: request.method,
          headers: {
            'user-agent': USER_AGENT,
            ...request.headers,
            ...(request.body === null ? {} : { 'content-length': String(Buffer.byteLength(request.body)) }),
          },
          agent: false,
          lookup: guardedLookup(options.privateTargets),
        },
        (response) => {
          answer = response;
          response.on('data', (chunk: Buffer) => {
            if (read < MAX_BODY_READ) {
              chunks.push(chunk);
              read += chunk.length;
            }
            if (read >= MAX_BODY_READ) {
              answered(null);
              response.destroy();
            }
          });
          response.on('end', () => answered(null));
          response.on('error', (error) => answered(messageOf(error)));
          response.on('close', () => answered(null));
        },
      );
    } catch (error) {
      finish(failed(error));
      return;
    }
    const timer = setTimeout(() => {
      const message = `timed out after ${options.timeoutMs} ms`;
      // An answer's status is known: the target took the delivery, however slow its body.
      if (answer) answered(message);
      else finish(failed(new Error(message)));
      outgoing.destroy();
    }, options.timeoutMs);
    outgoing.on('error', (error) => (answer ? answered(messageOf(error)) : finish(failed(error))));
    outgoing.end(request.body ?? undefined);
  });
}
