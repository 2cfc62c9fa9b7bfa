import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { objectUrl, s3Storage } from '../../src/attachments/s3-storage.ts';
import { ATTACHMENT_DEFAULTS, type S3Config } from '../../src/config/attachment-config.ts';
import { type S3Receiver, startS3Receiver } from './support/s3-receiver.ts';
import { type FormPart, fetchLink as fetchLinkThrough, pngImage, uploadFiles } from './support/test-files.ts';

const MAX_BYTES = 128 * 1024;

function s3ConfigOf(receiver: S3Receiver, overrides: Partial<S3Config> = {}): S3Config {
  return {
    bucket: receiver.bucket,
    region: receiver.scope.region,
    endpoint: receiver.endpoint,
    accessKeyId: receiver.scope.accessKeyId,
    secretAccessKey: receiver.scope.secretAccessKey,
    forcePathStyle: true,
    ...overrides,
  };
}

describe('S3 object URLs', () => {
  const config: S3Config = {
    bucket: 'media',
    region: 'eu-west-1',
    endpoint: 'https://s3.eu-west-1.amazonaws.com',
    accessKeyId: 'k',
    secretAccessKey: 's',
    forcePathStyle: false,
  };
  it('addresses the bucket by host name, or by path when forced', () => {
    expect(objectUrl(config, '2026/01/abc.png').href).toBe(
      'https://media.s3.eu-west-1.amazonaws.com/2026/01/abc.png',
    );
    expect(
      objectUrl({ ...config, endpoint: 'http://minio:9000/base', forcePathStyle: true }, '2026/01/a b.png')
        .href,
    ).toBe('http://minio:9000/base/media/2026/01/a%20b.png');
  });
});

describe.each(testDialects)('attachments in S3-compatible storage on %s', (dialect) => {
  let receiver: S3Receiver;
  let t: TestApp;
  let baseId: string;
  const png = pngImage(300, 200);

  const upload = (parts: readonly FormPart[]) =>
    uploadFiles(t, parts, `/api/v2/storage/upload?base_id=${baseId}`);
  const fetchLink = (link: string) => fetchLinkThrough(t, link);

  beforeAll(async () => {
    receiver = await startS3Receiver();
    t = await createTestApp(dialect, {
      attachments: { ...ATTACHMENT_DEFAULTS, maxBytes: MAX_BYTES, s3: s3ConfigOf(receiver) },
    });
    baseId = (await t.call('POST', '/api/v2/meta/bases', { title: 'Cloud' })).body.id;
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await receiver?.close();
  });

  it('uploads the file and its thumbnails to the bucket, signed, and nothing to local disk', async () => {
    const response = await upload([{ name: 'file', filename: 'sky.png', type: 'image/png', data: png }]);
    expect(response.status).toBe(200);
    const [item] = response.body;
    const key = item.path.slice('download/'.length);
    expect(Buffer.compare(receiver.objects.get(key)?.body ?? Buffer.alloc(0), png)).toBe(0);
    expect(receiver.objects.get(key)?.contentType).toBe('image/png');
    for (const size of ['tiny', 'small', 'card_cover'])
      expect(receiver.objects.get(`${key}.${size}.webp`)?.contentType).toBe('image/webp');
    expect(
      receiver.requests
        .filter((r) => r.key.startsWith(key))
        .every((r) => r.auth === 'header' && r.status === 200),
    ).toBe(true);
    expect(() => readdirSync(join(t.config.dataDir, 'uploads'))).toThrow();
  });

  it('serves downloads from the bucket through presigned reads', async () => {
    const [item] = (await upload([{ name: 'file', filename: 'sky.png', type: 'image/png', data: png }])).body;
    const response = await fetchLink(item.signedUrl);
    expect(response.statusCode).toBe(200);
    expect(Buffer.compare(response.rawPayload, png)).toBe(0);
    expect(response.headers['content-type']).toBe('image/png');
    const key = item.path.slice('download/'.length);
    expect(receiver.requests.at(-1)).toMatchObject({ method: 'GET', key, auth: 'query', status: 200 });
    expect((await fetchLink(item.thumbnails.small.signedUrl)).statusCode).toBe(200);
    receiver.objects.delete(key);
    const gone = await fetchLink(item.signedUrl);
    expect(gone.statusCode).toBe(404);
    expect(JSON.parse(gone.body).error).toBe('ERR_FILE_NOT_FOUND');
  });

  it('removes what a failed upload already stored', async () => {
    const before = new Set(receiver.objects.keys());
    const response = await upload([
      { name: 'file', filename: 'ok.png', type: 'image/png', data: png },
      {
        name: 'file',
        filename: 'big.bin',
        type: 'application/octet-stream',
        data: Buffer.alloc(MAX_BYTES + 1),
      },
    ]);
    expect(response.status).toBe(413);
    expect([...receiver.objects.keys()].filter((k) => !before.has(k))).toStrictEqual([]);
    expect(receiver.requests.some((r) => r.method === 'DELETE')).toBe(true);
  });

  it('v3 base64 uploads go to the bucket too', async () => {
    const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: `Docs ${dialect}`,
      columns: [{ title: 'Files', uidt: 'Attachment' }],
    });
    const fieldId = table.body.columns.find((c: { title: string }) => c.title === 'Files').id;
    const id = (await t.call('POST', `/api/v2/tables/${table.body.id}/records`, {})).body.Id;
    const response = await t.call(
      'POST',
      `/api/v3/data/${baseId}/${table.body.id}/records/${id}/fields/${fieldId}/upload`,
      {
        contentType: 'text/plain',
        file: Buffer.from('in the cloud').toString('base64'),
        filename: 'cloud.txt',
      },
    );
    expect(response.status).toBe(200);
    const [file] = response.body.fields.Files;
    expect(receiver.objects.get(file.path.slice('download/'.length))?.body.toString()).toBe('in the cloud');
    expect((await fetchLink(file.signedUrl)).body).toBe('in the cloud');
  });

  it('the receiver refuses requests signed with the wrong secret, so signing is really checked', async () => {
    const wrong = s3Storage(s3ConfigOf(receiver, { secretAccessKey: 'not the secret' }));
    await expect(
      wrong.putBuffer('2026/01/AbCdEfGhIjKlMnOpQrStUv.txt', Buffer.from('x'), 'text/plain'),
    ).rejects.toThrow(/HTTP 403.*SignatureDoesNotMatch/);
    const unknown = s3Storage(s3ConfigOf(receiver, { accessKeyId: 'SOMEONEELSE' }));
    await expect(unknown.get('2026/01/AbCdEfGhIjKlMnOpQrStUv.txt')).rejects.toThrow(
      /HTTP 403.*InvalidAccessKeyId/,
    );
  });
});
