// A tiny S3-compatible server for tests: path-style PUT, GET and DELETE of objects kept in
// memory, each request's Signature Version 4 (header or presigned query) checked by
// recomputing it, as S3 does. Wrong signatures, credentials, payload hashes and expired
// links get S3's 403 XML errors. (The algorithm itself is checked against AWS's published
// examples in sigv4-signer.test.ts, so this server does not just agree with itself.)
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ALGORITHM,
  canonicalRequest,
  type SigV4Scope,
  sha256Hex,
  signature,
} from '../../../src/attachments/sigv4-signer.ts';

export interface StoredTestObject {
  readonly body: Buffer;
  readonly contentType: string | undefined;
}

export interface ReceivedRequest {
  readonly method: string;
  readonly key: string;
  readonly auth: 'header' | 'query' | 'none';
  readonly status: number;
}

export interface S3Receiver {
  readonly endpoint: string;
  readonly bucket: string;
  readonly scope: SigV4Scope;
  readonly objects: Map<string, StoredTestObject>;
  readonly requests: ReceivedRequest[];
  close(): Promise<void>;
}

function xmlError(code: string, message: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
}

/** `20130524T000000Z` → Date. */
function parseAmzDate(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  return m ? new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}Z`) : undefined;
}

async function bodyOf(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Checks the request's signature; the S3 error code when it is wrong. */
function verify(request: IncomingMessage, url: URL, body: Buffer, scope: SigV4Scope): string | undefined {
  const header = request.headers.authorization;
  let date: Date | undefined;
  let credential: string;
  let signedHeaders: string[];
  let given: string;
  let payloadHash: string;
  const signedUrl = new URL(url);
  if (header) {
    const m = /^AWS4-HMAC-SHA256 Credential=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      header,
    );
    if (!m) return 'AuthorizationHeaderMalformed';
    [, credential, , given] = m as unknown as [string, string, string, string];
    signedHeaders = (m[2] as string).split(';');
    date = parseAmzDate(String(request.headers['x-amz-date'] ?? ''));
    payloadHash = String(request.headers['x-amz-content-sha256'] ?? '');
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256Hex(body))
      return 'XAmzContentSHA256Mismatch';
  } else {
    const q = url.searchParams;
    if (q.get('X-Amz-Algorithm') !== ALGORITHM) return 'AccessDenied';
    credential = q.get('X-Amz-Credential') ?? '';
    signedHeaders = (q.get('X-Amz-SignedHeaders') ?? '').split(';');
    given = q.get('X-Amz-Signature') ?? '';
    date = parseAmzDate(q.get('X-Amz-Date') ?? '');
    const expires = Number(q.get('X-Amz-Expires'));
    if (!date || !(expires > 0) || date.getTime() + expires * 1000 < Date.now()) return 'AccessDenied';
    signedUrl.searchParams.delete('X-Amz-Signature');
    payloadHash = 'UNSIGNED-PAYLOAD';
  }
  if (!date || Math.abs(date.getTime() - Date.now()) > 15 * 60_000) return 'RequestTimeTooSkewed';
  const [keyId, day, region, service, terminator] = credential.split('/');
  if (keyId !== scope.accessKeyId) return 'InvalidAccessKeyId';
  if (
    day !== date.toISOString().slice(0, 10).replace(/-/g, '') ||
    region !== scope.region ||
    service !== 's3' ||
    terminator !== 'aws4_request'
  )
    return 'AuthorizationHeaderMalformed';
  if (!signedHeaders.includes('host')) return 'AccessDenied';
  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    if (name === 'host') continue;
    const value = request.headers[name];
    if (value === undefined) return 'AccessDenied';
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const { text } = canonicalRequest({
    method: request.method ?? 'GET',
    url: signedUrl,
    headers,
    payloadHash,
  });
  return signature(scope, date, text) === given ? undefined : 'SignatureDoesNotMatch';
}

/** Starts a receiver on a free loopback port. */
export async function startS3Receiver(bucket = 'tessera-test'): Promise<S3Receiver> {
  const scope: SigV4Scope = {
    accessKeyId: 'TESTKEYID123',
    secretAccessKey: 'test/secret+key/that-is-long-enough',
    region: 'eu-test-1',
    service: 's3',
  };
  const objects = new Map<string, StoredTestObject>();
  const requests: ReceivedRequest[] = [];
  const server: Server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', `http://${request.headers.host}`);
    const body = await bodyOf(request);
    const prefix = `/${bucket}/`;
    const key = url.pathname.startsWith(prefix) ? decodeURIComponent(url.pathname.slice(prefix.length)) : '';
    const auth = request.headers.authorization
      ? 'header'
      : url.searchParams.has('X-Amz-Signature')
        ? 'query'
        : 'none';
    const answer = (status: number, payload?: Buffer | string, headers: Record<string, string> = {}) => {
      requests.push({ method: request.method ?? '', key, auth, status });
      response.writeHead(status, headers).end(payload);
    };
    const problem = key === '' ? 'NoSuchBucket' : verify(request, url, body, scope);
    if (problem) return answer(problem === 'NoSuchBucket' ? 404 : 403, xmlError(problem, problem));
    if (request.method === 'PUT') {
      if (Number(request.headers['content-length']) !== body.length)
        return answer(400, xmlError('IncompleteBody', 'length'));
      objects.set(key, { body, contentType: request.headers['content-type'] });
      return answer(200, '', { etag: `"${sha256Hex(body).slice(0, 32)}"` });
    }
    if (request.method === 'GET') {
      const found = objects.get(key);
      if (!found) return answer(404, xmlError('NoSuchKey', 'The specified key does not exist.'));
      return answer(200, found.body, {
        'content-type': found.contentType ?? 'application/octet-stream',
        'content-length': String(found.body.length),
      });
    }
    if (request.method === 'DELETE') {
      objects.delete(key);
      return answer(204);
    }
    return answer(405, xmlError('MethodNotAllowed', 'method'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    scope,
    objects,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
