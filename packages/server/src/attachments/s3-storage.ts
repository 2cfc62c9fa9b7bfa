import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import type { S3Config } from '../config/attachment-config.ts';
import type { AttachmentStorage } from './attachment-storage.ts';
import { presignUrl, type SigV4Scope, sha256Hex, signHeaders, uriEncode } from './sigv4-signer.ts';

/** Longest a request to the bucket may take before it is abandoned. */
const REQUEST_TIMEOUT_MS = 120_000;
/** Lifetime of the presigned GET used to read a file back (the server reads it at once). */
const READ_LINK_SECONDS = 300;

/** The object's URL: `<endpoint>/<bucket>/<key>` (path style) or `<bucket>.<host>/<key>`. */
export function objectUrl(config: S3Config, key: string): URL {
  const endpoint = new URL(config.endpoint);
  const path = `${endpoint.pathname.replace(/\/+$/, '')}/${config.forcePathStyle ? `${config.bucket}/` : ''}${uriEncode(key, true)}`;
  const host = config.forcePathStyle ? endpoint.host : `${config.bucket}.${endpoint.host}`;
  return new URL(`${endpoint.protocol}//${host}${path}`);
}

class S3RequestError extends Error {
  constructor(what: string, status: number, body: string) {
    // The body is S3's XML error (code and message); it never holds our credentials.
    super(`S3 ${what} failed with HTTP ${status}: ${body.slice(0, 300)}`);
    this.name = 'S3RequestError';
  }
}

/**
 * Files in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2, …), signed with Signature
 * Version 4. Uploads send the body's SHA-256, so the server checks what it stored.
 */
export function s3Storage(config: S3Config): AttachmentStorage {
  const scope: SigV4Scope = {
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    service: 's3',
  };

  const send = async (
    method: string,
    key: string,
    headers: Record<string, string>,
    payloadHash: string,
    body?: Readable | Buffer,
  ) => {
    const url = objectUrl(config, key);
    const auth = signHeaders({ method, url, headers, payloadHash }, scope, new Date());
    return fetch(url, {
      method,
      headers: { ...headers, ...auth },
      ...(body === undefined
        ? {}
        : {
            body: body instanceof Readable ? (Readable.toWeb(body) as ReadableStream) : body,
            duplex: 'half',
          }),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    } as RequestInit);
  };

  const expectOk = async (what: string, response: Response) => {
    if (response.ok) {
      await response.body?.cancel();
      return;
    }
    throw new S3RequestError(what, response.status, await response.text());
  };

  return {
    kind: 's3',
    async putFile(key, tempFile, info) {
      try {
        const headers = { 'content-type': info.contentType, 'content-length': String(info.size) };
        await expectOk(
          `upload of ${key}`,
          await send('PUT', key, headers, info.sha256, createReadStream(tempFile)),
        );
      } finally {
        await rm(tempFile, { force: true });
      }
    },
    async putBuffer(key, data, contentType) {
      const headers = { 'content-type': contentType, 'content-length': String(data.length) };
      await expectOk(`upload of ${key}`, await send('PUT', key, headers, sha256Hex(data), data));
    },
    async get(key) {
      const url = presignUrl('GET', objectUrl(config, key), scope, new Date(), READ_LINK_SECONDS);
      const response = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      if (response.status === 404) {
        await response.body?.cancel();
        return null;
      }
      if (!response.ok || response.body === null)
        throw new S3RequestError(`download of ${key}`, response.status, await response.text());
      const length = Number(response.headers.get('content-length'));
      return {
        body: Readable.fromWeb(response.body as import('node:stream/web').ReadableStream),
        size: Number.isSafeInteger(length) ? length : null,
      };
    },
    async remove(key) {
      const response = await send('DELETE', key, {}, sha256Hex(''));
      if (response.status === 404) return;
      await expectOk(`delete of ${key}`, response);
    },
  };
}
