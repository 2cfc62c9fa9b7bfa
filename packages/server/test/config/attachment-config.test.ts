import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_DEFAULTS } from '../../src/config/attachment-config.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { problemsThrownBy } from './config-problems.ts';

const root = mkdtempSync(join(tmpdir(), 'tessera-attachment-config-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const load = (env: Record<string, string>) =>
  loadConfig({ TESSERA_DATA_DIR: join(root, 'data'), JWT_SECRET: 'j'.repeat(40), ...env }, { cwd: root });
const problems = (env: Record<string, string>) => problemsThrownBy(() => load(env));

const S3 = {
  TESSERA_S3_BUCKET: 'tessera-files',
  TESSERA_S3_ACCESS_KEY_ID: 'AKIAEXAMPLE',
  TESSERA_S3_SECRET_ACCESS_KEY: 'do-not-print-this-secret',
};

describe('attachment configuration', () => {
  it('defaults to 20 MiB files of any type, one-hour links and local storage', () => {
    expect(load({}).attachments).toStrictEqual(ATTACHMENT_DEFAULTS);
    expect(ATTACHMENT_DEFAULTS).toStrictEqual({
      maxBytes: 20 * 1024 * 1024,
      allowedTypes: null,
      urlLifetimeSeconds: 3600,
      s3: null,
    });
  });

  it('reads limits, allowed types and link lifetime', () => {
    const config = load({
      TESSERA_ATTACHMENT_MAX_BYTES: '1048576',
      TESSERA_ATTACHMENT_ALLOWED_TYPES: 'image/*, Application/PDF,text/plain image/*',
      TESSERA_ATTACHMENT_URL_EXPIRES_IN: '15m',
    }).attachments;
    expect(config).toMatchObject({
      maxBytes: 1048576,
      allowedTypes: ['image/*', 'application/pdf', 'text/plain'],
      urlLifetimeSeconds: 900,
    });
    expect(load({ TESSERA_ATTACHMENT_ALLOWED_TYPES: '*/*' }).attachments?.allowedTypes).toBeNull();
    expect(load({ TESSERA_ATTACHMENT_URL_EXPIRES_IN: '2d' }).attachments?.urlLifetimeSeconds).toBe(172800);
  });

  it.each([
    [
      { TESSERA_ATTACHMENT_MAX_BYTES: '0' },
      'TESSERA_ATTACHMENT_MAX_BYTES must be an integer from 1 to 1073741824 (got "0")',
    ],
    [{ TESSERA_ATTACHMENT_MAX_BYTES: '20MB' }, 'TESSERA_ATTACHMENT_MAX_BYTES must be an integer'],
    [
      { TESSERA_ATTACHMENT_ALLOWED_TYPES: 'images, pdf' },
      'TESSERA_ATTACHMENT_ALLOWED_TYPES must be a comma-separated list of MIME types',
    ],
    [
      { TESSERA_ATTACHMENT_URL_EXPIRES_IN: '30s' },
      'TESSERA_ATTACHMENT_URL_EXPIRES_IN must be a duration from 60s to 7d',
    ],
    [
      { TESSERA_ATTACHMENT_URL_EXPIRES_IN: '8d' },
      'TESSERA_ATTACHMENT_URL_EXPIRES_IN must be a duration from 60s to 7d',
    ],
  ])('reports %j', (env, message) => {
    const found = problems(env);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('configures S3 with AWS defaults, or a custom endpoint with path-style addressing', () => {
    expect(load(S3).attachments?.s3).toStrictEqual({
      bucket: 'tessera-files',
      region: 'us-east-1',
      endpoint: 'https://s3.us-east-1.amazonaws.com',
      accessKeyId: 'AKIAEXAMPLE',
      secretAccessKey: 'do-not-print-this-secret',
      forcePathStyle: false,
    });
    const minio = load({
      ...S3,
      TESSERA_S3_REGION: 'eu-central-1',
      TESSERA_S3_ENDPOINT: 'http://minio:9000/',
      TESSERA_S3_FORCE_PATH_STYLE: 'yes',
    }).attachments?.s3;
    expect(minio).toMatchObject({
      region: 'eu-central-1',
      endpoint: 'http://minio:9000',
      forcePathStyle: true,
    });
  });

  it('reports incomplete or invalid S3 settings without ever showing the secret', () => {
    const cases: [Record<string, string>, string][] = [
      [
        { TESSERA_S3_BUCKET: 'files' },
        'TESSERA_S3_ACCESS_KEY_ID and TESSERA_S3_SECRET_ACCESS_KEY must both be set',
      ],
      [
        { ...S3, TESSERA_S3_BUCKET: '', TESSERA_S3_REGION: 'eu-west-1' },
        'TESSERA_S3_BUCKET must be set when any other TESSERA_S3_ variable is',
      ],
      [{ ...S3, TESSERA_S3_BUCKET: 'Bad_Bucket' }, 'TESSERA_S3_BUCKET must be a bucket name'],
      [
        { ...S3, TESSERA_S3_ENDPOINT: 'ftp://files' },
        'TESSERA_S3_ENDPOINT must be an http:// or https:// URL',
      ],
      [
        { ...S3, TESSERA_S3_ENDPOINT: 'https://user:pw@s3.example.com' },
        'TESSERA_S3_ENDPOINT must be an http:// or https:// URL',
      ],
      [{ ...S3, TESSERA_S3_REGION: 'Europe West' }, 'TESSERA_S3_REGION must be a region name'],
      [
        { ...S3, TESSERA_S3_FORCE_PATH_STYLE: 'sometimes' },
        'TESSERA_S3_FORCE_PATH_STYLE must be true or false',
      ],
    ];
    for (const [env, message] of cases) {
      const found = problems(env);
      expect(found.join('\n')).toContain(message);
      expect(found.join('\n')).not.toContain('do-not-print-this-secret');
    }
  });
});
