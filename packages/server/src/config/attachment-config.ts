import { durationSeconds } from './auth-config.ts';

/**
 * Attachment uploads, downloads and storage, read with the rest of the configuration:
 *
 * | Variable                          | Default                                        |
 * | --------------------------------- | ---------------------------------------------- |
 * | TESSERA_ATTACHMENT_MAX_BYTES      | 20971520 (20 MiB; 1..1073741824)               |
 * | TESSERA_ATTACHMENT_ALLOWED_TYPES  | every type; else e.g. `image/*,application/pdf` |
 * | TESSERA_ATTACHMENT_URL_EXPIRES_IN | `1h` (60 s to 7 days)                          |
 * | TESSERA_S3_BUCKET                 | none: files under `<dataDir>/uploads`          |
 * | TESSERA_S3_REGION                 | `us-east-1`                                    |
 * | TESSERA_S3_ENDPOINT               | `https://s3.<region>.amazonaws.com`            |
 * | TESSERA_S3_ACCESS_KEY_ID          | none: required with TESSERA_S3_BUCKET          |
 * | TESSERA_S3_SECRET_ACCESS_KEY      | none: required with TESSERA_S3_BUCKET          |
 * | TESSERA_S3_FORCE_PATH_STYLE       | false: `<bucket>.<endpoint host>` addressing   |
 */
export interface AttachmentConfig {
  /** Largest file one upload may carry. */
  readonly maxBytes: number;
  /** Allowed MIME types (`image/png`) and families (`image/*`); null allows every type. */
  readonly allowedTypes: readonly string[] | null;
  /** How long signed download links stay valid. */
  readonly urlLifetimeSeconds: number;
  /** S3-compatible object storage; null keeps files on local disk. */
  readonly s3: S3Config | null;
}

export interface S3Config {
  readonly bucket: string;
  readonly region: string;
  /** Origin (and optional base path) of the S3 API, without a trailing slash. */
  readonly endpoint: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** `<endpoint>/<bucket>/<key>` instead of `<bucket>.<endpoint host>/<key>` (MinIO and most self-hosted servers). */
  readonly forcePathStyle: boolean;
}

export const ATTACHMENT_DEFAULTS: AttachmentConfig = Object.freeze({
  maxBytes: 20 * 1024 * 1024,
  allowedTypes: null,
  urlLifetimeSeconds: 3600,
  s3: null,
});

const MAX_BYTES_LIMIT = 1024 ** 3;
const MIME_PATTERN = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/(?:\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const REGION = /^[a-z0-9-]{1,40}$/;
const ACCESS_KEY_ID = /^[\x21-\x7e]{3,128}$/;
const TRUE = new Set(['1', 'true', 'yes', 'on']);
const FALSE = new Set(['0', 'false', 'no', 'off']);

/** A short, quoted echo of a (non-secret) value for a message. */
function shown(value: string): string {
  return JSON.stringify(value.slice(0, 80));
}

/** Reads the attachment settings; pushes one sentence per problem (never the secret key). */
export function loadAttachmentConfig(
  read: (name: string) => string | undefined,
  problems: string[],
): AttachmentConfig {
  let maxBytes = ATTACHMENT_DEFAULTS.maxBytes;
  const maxRaw = read('TESSERA_ATTACHMENT_MAX_BYTES');
  if (maxRaw !== undefined) {
    const value = /^[0-9]+$/.test(maxRaw) ? Number(maxRaw) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= 1 && value <= MAX_BYTES_LIMIT) maxBytes = value;
    else
      problems.push(
        `TESSERA_ATTACHMENT_MAX_BYTES must be an integer from 1 to ${MAX_BYTES_LIMIT} (got ${shown(maxRaw)})`,
      );
  }

  let allowedTypes: string[] | null = null;
  const typesRaw = read('TESSERA_ATTACHMENT_ALLOWED_TYPES');
  if (typesRaw !== undefined) {
    const types = typesRaw
      .toLowerCase()
      .split(/[\s,]+/)
      .filter(Boolean);
    const bad = types.filter((type) => type !== '*/*' && !MIME_PATTERN.test(type));
    if (bad.length > 0 || types.length === 0)
      problems.push(
        `TESSERA_ATTACHMENT_ALLOWED_TYPES must be a comma-separated list of MIME types such as image/png or families such as image/* (got ${shown(typesRaw)})`,
      );
    else allowedTypes = types.includes('*/*') ? null : [...new Set(types)];
  }

  let urlLifetimeSeconds = ATTACHMENT_DEFAULTS.urlLifetimeSeconds;
  const lifetime = read('TESSERA_ATTACHMENT_URL_EXPIRES_IN');
  if (lifetime !== undefined) {
    const seconds = durationSeconds(lifetime);
    if (Number.isSafeInteger(seconds) && seconds >= 60 && seconds <= 7 * 86400) urlLifetimeSeconds = seconds;
    else
      problems.push(
        `TESSERA_ATTACHMENT_URL_EXPIRES_IN must be a duration from 60s to 7d, such as 3600, 30m, 1h or 2d (got ${shown(lifetime)})`,
      );
  }

  return Object.freeze({
    maxBytes,
    allowedTypes: allowedTypes === null ? null : Object.freeze(allowedTypes),
    urlLifetimeSeconds,
    s3: loadS3Config(read, problems),
  });
}

function loadS3Config(read: (name: string) => string | undefined, problems: string[]): S3Config | null {
  const bucket = read('TESSERA_S3_BUCKET');
  const accessKeyId = read('TESSERA_S3_ACCESS_KEY_ID');
  const secretAccessKey = read('TESSERA_S3_SECRET_ACCESS_KEY');
  const regionRaw = read('TESSERA_S3_REGION');
  const endpointRaw = read('TESSERA_S3_ENDPOINT');
  const pathStyleRaw = read('TESSERA_S3_FORCE_PATH_STYLE')?.toLowerCase();
  const anyGiven = [bucket, accessKeyId, secretAccessKey, regionRaw, endpointRaw, pathStyleRaw].some(
    (value) => value !== undefined,
  );
  if (!anyGiven) return null;
  const before = problems.length;
  if (bucket === undefined)
    problems.push('TESSERA_S3_BUCKET must be set when any other TESSERA_S3_ variable is (or unset them all)');
  else if (!BUCKET.test(bucket))
    problems.push(
      `TESSERA_S3_BUCKET must be a bucket name of 3 to 63 lowercase letters, digits, dots and dashes (got ${shown(bucket)})`,
    );
  if (accessKeyId === undefined || secretAccessKey === undefined)
    problems.push(
      'TESSERA_S3_ACCESS_KEY_ID and TESSERA_S3_SECRET_ACCESS_KEY must both be set for S3 storage',
    );
  else if (!ACCESS_KEY_ID.test(accessKeyId))
    problems.push('TESSERA_S3_ACCESS_KEY_ID must be 3 to 128 printable characters without spaces');
  const region = regionRaw ?? 'us-east-1';
  if (!REGION.test(region))
    problems.push(`TESSERA_S3_REGION must be a region name such as eu-west-1 (got ${shown(region)})`);
  const endpoint = parseEndpoint(endpointRaw ?? `https://s3.${region}.amazonaws.com`);
  if (endpoint === undefined)
    problems.push(
      `TESSERA_S3_ENDPOINT must be an http:// or https:// URL without credentials, query or fragment, e.g. https://s3.eu-west-1.amazonaws.com or http://minio:9000 (got ${shown(endpointRaw ?? '')})`,
    );
  let forcePathStyle = false;
  if (pathStyleRaw !== undefined) {
    if (TRUE.has(pathStyleRaw)) forcePathStyle = true;
    else if (!FALSE.has(pathStyleRaw))
      problems.push(`TESSERA_S3_FORCE_PATH_STYLE must be true or false (got ${shown(pathStyleRaw)})`);
  }
  if (problems.length > before) return null;
  return Object.freeze({
    bucket: bucket as string,
    region,
    endpoint: endpoint as string,
    accessKeyId: accessKeyId as string,
    secretAccessKey: secretAccessKey as string,
    forcePathStyle,
  });
}

function parseEndpoint(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  const plain = url.username === '' && url.password === '' && url.search === '' && url.hash === '';
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !plain || raw.includes('?'))
    return undefined;
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
