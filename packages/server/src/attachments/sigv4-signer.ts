import { createHash, createHmac } from 'node:crypto';

/**
 * AWS Signature Version 4 (the `AWS4-HMAC-SHA256` scheme S3 and S3-compatible servers use),
 * for header-signed requests and presigned URLs. Written from the published algorithm and
 * checked against AWS's own examples (test/attachments/sigv4-signer.test.ts).
 */
export interface SigV4Scope {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly region: string;
  /** `s3` for object storage. */
  readonly service: string;
}

export interface SigV4Request {
  readonly method: string;
  readonly url: URL;
  /** Headers to sign besides `host` (names in any case); values are trimmed and folded. */
  readonly headers: Readonly<Record<string, string>>;
  /** Hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`. */
  readonly payloadHash: string;
}

export const ALGORITHM = 'AWS4-HMAC-SHA256';
export const EMPTY_PAYLOAD_HASH = createHash('sha256').update('').digest('hex');

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** `20130524T000000Z`. */
export function amzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** RFC 3986 encoding: everything but `A-Za-z0-9-._~` (and `/` when `keepSlash`) as %XX. */
export function uriEncode(text: string, keepSlash = false): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (/[A-Za-z0-9\-._~]/.test(char) || (keepSlash && char === '/')) out += char;
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The path as S3 signs it: each segment decoded once from the URL, then encoded once. */
function canonicalUri(url: URL): string {
  const segments = url.pathname.split('/').map((segment) => uriEncode(decodeURIComponent(segment)));
  return segments.join('/') || '/';
}

function canonicalQuery(url: URL): string {
  return [...url.searchParams]
    .map(([key, value]) => [uriEncode(key), uriEncode(value)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

function hostOf(url: URL): string {
  return url.host;
}

/** Lower-cased names → trimmed values with inner runs of spaces folded, `host` included. */
function signedHeaderMap(request: SigV4Request): Map<string, string> {
  const headers = new Map<string, string>([['host', hostOf(request.url)]]);
  for (const [name, value] of Object.entries(request.headers))
    headers.set(name.toLowerCase(), value.trim().replace(/\s+/g, ' '));
  return new Map([...headers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The canonical request text (step 1 of the algorithm) and the signed header names. */
export function canonicalRequest(request: SigV4Request): { text: string; signedHeaders: string } {
  const headers = signedHeaderMap(request);
  const signedHeaders = [...headers.keys()].join(';');
  const text = [
    request.method.toUpperCase(),
    canonicalUri(request.url),
    canonicalQuery(request.url),
    [...headers].map(([name, value]) => `${name}:${value}\n`).join(''),
    signedHeaders,
    request.payloadHash,
  ].join('\n');
  return { text, signedHeaders };
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function credentialScope(scope: SigV4Scope, date: Date): string {
  return `${amzDate(date).slice(0, 8)}/${scope.region}/${scope.service}/aws4_request`;
}

/** The hex signature of a canonical request made at `date`. */
export function signature(scope: SigV4Scope, date: Date, canonical: string): string {
  const stringToSign = [ALGORITHM, amzDate(date), credentialScope(scope, date), sha256Hex(canonical)].join(
    '\n',
  );
  const day = hmac(`AWS4${scope.secretAccessKey}`, amzDate(date).slice(0, 8));
  const signingKey = hmac(hmac(hmac(day, scope.region), scope.service), 'aws4_request');
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

/**
 * Headers that authenticate `request` (made at `date`): `x-amz-date`,
 * `x-amz-content-sha256` and `authorization`, to send with the request's own headers.
 */
export function signHeaders(request: SigV4Request, scope: SigV4Scope, date: Date): Record<string, string> {
  const extra = { 'x-amz-date': amzDate(date), 'x-amz-content-sha256': request.payloadHash };
  const signed = { ...request, headers: { ...request.headers, ...extra } };
  const { text, signedHeaders } = canonicalRequest(signed);
  const credential = `${scope.accessKeyId}/${credentialScope(scope, date)}`;
  return {
    ...extra,
    authorization: `${ALGORITHM} Credential=${credential}, SignedHeaders=${signedHeaders}, Signature=${signature(scope, date, text)}`,
  };
}

/** A presigned URL: anyone holding it may make this request until `expiresSeconds` after `date`. */
export function presignUrl(
  method: string,
  url: URL,
  scope: SigV4Scope,
  date: Date,
  expiresSeconds: number,
): URL {
  const signed = new URL(url);
  signed.searchParams.set('X-Amz-Algorithm', ALGORITHM);
  signed.searchParams.set('X-Amz-Credential', `${scope.accessKeyId}/${credentialScope(scope, date)}`);
  signed.searchParams.set('X-Amz-Date', amzDate(date));
  signed.searchParams.set('X-Amz-Expires', String(expiresSeconds));
  signed.searchParams.set('X-Amz-SignedHeaders', 'host');
  const { text } = canonicalRequest({ method, url: signed, headers: {}, payloadHash: 'UNSIGNED-PAYLOAD' });
  signed.searchParams.set('X-Amz-Signature', signature(scope, date, text));
  return signed;
}
