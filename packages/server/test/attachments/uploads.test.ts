import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestUser, type TestUser } from '../../../../test/support/test-accounts.ts';
import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { sniffContent } from '../../src/attachments/content-sniffer.ts';
import { downloadLinksOf } from '../../src/attachments/download-links.ts';
import { ATTACHMENT_DEFAULTS } from '../../src/config/attachment-config.ts';
import { type FormPart, fetchLink as fetchLinkThrough, pngImage, uploadFiles } from './support/test-files.ts';

const MAX_BYTES = 256 * 1024;
const KEY_PATH = /^download\/\d{4}\/\d{2}\/[A-Za-z0-9_-]{22}\.[a-z]+$/;

/** Every file under a folder, relative, sorted. */
function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile())
      .map((e) => join(e.parentPath, e.name).slice(dir.length + 1))
      .sort();
  } catch {
    return [];
  }
}

describe.each(testDialects)('attachments on %s', (dialect) => {
  let t: TestApp;
  let baseId: string;
  let tableId: string;
  let viewer: TestUser;
  let editor: TestUser;
  const png = pngImage(600, 400);

  const upload = (
    parts: readonly FormPart[],
    query = `?base_id=${baseId}`,
    headers: Record<string, string> = {},
  ) => uploadFiles(t, parts, `/api/v2/storage/upload${query}`, headers);
  const fetchLink = (link: string) => fetchLinkThrough(t, link);
  const uploadsDir = () => join(t.config.dataDir, 'uploads');

  beforeAll(async () => {
    t = await createTestApp(dialect, {
      attachments: {
        ...ATTACHMENT_DEFAULTS,
        maxBytes: MAX_BYTES,
        allowedTypes: ['image/*', 'application/pdf', 'text/plain'],
      },
    });
    baseId = (await t.call('POST', '/api/v2/meta/bases', { title: 'Media' })).body.id;
    const table = await t.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Shots',
      columns: [
        { title: 'Name', uidt: 'SingleLineText' },
        { title: 'Files', uidt: 'Attachment' },
      ],
    });
    tableId = table.body.id;
    viewer = await createTestUser(t, 'viewer@example.com', { membership: { baseId, role: 'viewer' } });
    editor = await createTestUser(t, 'editor@example.com', { membership: { baseId, role: 'editor' } });
  }, 60_000);
  afterAll(async () => t?.close());

  it('v2 multipart upload (as n8n sends it) answers NocoDB attachment objects with absolute signed links', async () => {
    const response = await upload([
      { name: 'file', filename: 'C:\\photos\\photo.png', type: 'image/png', data: png },
      { name: 'json', data: '{}' },
    ]);
    expect(response.status).toBe(200);
    const [item] = response.body;
    expect(item).toMatchObject({
      title: 'photo.png',
      mimetype: 'image/png',
      size: png.length,
      width: 600,
      height: 400,
    });
    expect(item.path).toMatch(KEY_PATH);
    expect(item.url).toBe(`http://localhost:8080/${item.path}`);
    expect(item.signedUrl).toMatch(
      new RegExp(`^http://localhost:8080/${item.path}\\?exp=\\d+&sig=[A-Za-z0-9_-]{43}$`),
    );
    expect(Object.keys(item.thumbnails).sort()).toStrictEqual(['card_cover', 'small', 'tiny']);
    expect(Object.keys(item.thumbnails.tiny)).toStrictEqual(['signedUrl']);
    expect(item.thumbnails.tiny.signedUrl).toMatch(
      new RegExp(`^http://localhost:8080/${item.path}\\.tiny\\.webp\\?exp=`),
    );
    expect(filesUnder(uploadsDir())).toContain(item.path.slice('download/'.length));
  });

  it('makes WebP thumbnails of an uploaded PNG, sized to fit and served through signed links', async () => {
    const [item] = (await upload([{ name: 'file', filename: 'wide.png', type: 'image/png', data: png }]))
      .body;
    const sizes: Record<string, [number, number]> = {
      card_cover: [512, 341],
      small: [128, 85],
      tiny: [64, 43],
    };
    for (const [name, [width, height]] of Object.entries(sizes)) {
      const response = await fetchLink(item.thumbnails[name].signedUrl);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('image/webp');
      expect(sniffContent(response.rawPayload)).toStrictEqual({ mimetype: 'image/webp', width, height });
    }
  });

  it('downloads the exact bytes through the signed link, shown inline and never sniffed', async () => {
    const [item] = (await upload([{ name: 'file', filename: 'photo.png', type: 'image/png', data: png }]))
      .body;
    const response = await fetchLink(item.signedUrl);
    expect(response.statusCode).toBe(200);
    expect(Buffer.compare(response.rawPayload, png)).toBe(0);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-disposition']).toMatch(/^inline; filename="[A-Za-z0-9_-]{22}\.png"$/);
  });

  it('refuses forged, altered, borrowed, expired and missing signatures with 403', async () => {
    const [a, b] = (
      await upload([
        { name: 'file', filename: 'a.png', type: 'image/png', data: png },
        { name: 'file', filename: 'b.txt', type: 'text/plain', data: 'hello' },
      ])
    ).body;
    const signed = new URL(a.signedUrl);
    const sig = signed.searchParams.get('sig') as string;
    const flipped = `${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const keyOf = (item: { path: string }) => item.path.slice('download/'.length);
    const expired = downloadLinksOf(t.config).signedPath(keyOf(a), Date.now() - 3 * 3600_000);
    const later = Number(signed.searchParams.get('exp')) + 3600;
    const attempts = [
      `/${a.path}`,
      `/${a.path}?exp=${signed.searchParams.get('exp')}&sig=${flipped}`,
      `/${a.path}?exp=${later}&sig=${sig}`,
      `/${b.path}?${signed.searchParams}`,
      `/${expired}`,
      '/download/2026/01/..%2F..%2F..%2Fsecrets%2Fjwt-secret?exp=9999999999&sig=x',
      `/download/2026/01/${'A'.repeat(22)}.png?exp=9999999999&sig=${'A'.repeat(43)}`,
    ];
    for (const url of attempts) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(403);
      expect(JSON.parse(response.body).error).toBe('ERR_DOWNLOAD_LINK_INVALID');
    }
    const late = JSON.parse((await t.app.inject({ method: 'GET', url: `/${expired}` })).body);
    expect(late.msg).toContain('expired');
  });

  it('settles types from the bytes: a PDF without a type is a PDF, a fake PNG is refused', async () => {
    const pdf = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF', 'latin1');
    const response = await uploadFiles(
      t,
      [
        { name: 'a', filename: 'report', data: pdf },
        { name: 'b', filename: 'notes.txt', type: 'text/plain; charset=utf-8', data: 'plain words' },
      ],
      '/api/v1/db/storage/upload',
    );
    expect(response.status).toBe(200);
    const items = response.body;
    expect(items.map((i: { mimetype: string }) => i.mimetype)).toStrictEqual([
      'application/pdf',
      'text/plain',
    ]);
    expect(items[0].path).toMatch(/\.pdf$/);
    expect(items[1].thumbnails).toBeUndefined();
    const fake = await upload([
      { name: 'file', filename: 'x.png', type: 'image/png', data: '<script>1</script>' },
    ]);
    expect(fake.status).toBe(415);
    expect(fake.body.msg).toContain("'application/octet-stream' are not accepted");
  });

  it('refuses a disallowed type with 415 and an oversized file with 413, as JSON, keeping nothing', async () => {
    const before = filesUnder(uploadsDir());
    const zip = await upload([
      { name: 'file', filename: 'a.zip', type: 'application/zip', data: 'PK\x03\x04' },
    ]);
    expect(zip.status).toBe(415);
    expect(zip.body).toMatchObject({ error: 'ERR_UNSUPPORTED_MEDIA_TYPE' });
    expect(zip.body.msg).toContain('allowed: image/*, application/pdf, text/plain');
    const big = await upload([
      { name: 'file', filename: 'small.txt', type: 'text/plain', data: 'fits' },
      { name: 'file', filename: 'big.txt', type: 'text/plain', data: Buffer.alloc(MAX_BYTES + 1, 97) },
    ]);
    expect(big.status).toBe(413);
    expect(big.body).toMatchObject({ error: 'ERR_PAYLOAD_TOO_LARGE' });
    expect(big.body.msg).toContain(`'big.txt' is larger than ${MAX_BYTES} bytes`);
    expect(filesUnder(uploadsDir())).toStrictEqual(before);
    expect(filesUnder(`${uploadsDir()}.partial`)).toStrictEqual([]);
    const exact = await upload([
      { name: 'file', filename: 'edge.txt', type: 'text/plain', data: Buffer.alloc(MAX_BYTES, 98) },
    ]);
    expect(exact.status).toBe(200);
  });

  it('answers 400 for a body that is not multipart or holds no file', async () => {
    const json = await t.call('POST', `/api/v2/storage/upload?base_id=${baseId}`, { file: 'x' });
    expect(json.status).toBe(400);
    expect(json.body.msg).toContain('multipart/form-data');
    const empty = await upload([{ name: 'json', data: '{}' }]);
    expect(empty.status).toBe(400);
    expect(empty.body.msg).toBe('The upload holds no file');
  });

  it('lets editors of the base upload; viewers and strangers to the base get 403', async () => {
    const part = [{ name: 'file', filename: 'n.txt', type: 'text/plain', data: 'n' }];
    expect((await upload(part, `?base_id=${baseId}`, editor.headers)).status).toBe(200);
    expect((await upload(part, `?project_id=${baseId}`, editor.headers)).status).toBe(200);
    const refused = await upload(part, `?base_id=${baseId}`, viewer.headers);
    expect(refused.status).toBe(403);
    expect(refused.body.msg).toContain('editor role');
    expect((await upload(part, '?base_id=pnosuchbase123456', editor.headers)).status).toBe(404);
    const anonymous = await upload(part, `?base_id=${baseId}`, { 'xc-token': '' });
    expect(anonymous.status).toBe(401);
  });

  it('stores the upload answer written into a cell (JSON text, as n8n sends) and reads it back signed', async () => {
    const uploaded = (await upload([{ name: 'file', filename: 'cell.png', type: 'image/png', data: png }]))
      .body;
    const created = await t.call('POST', `/api/v2/tables/${tableId}/records`, {
      Name: 'one',
      Files: JSON.stringify(uploaded),
    });
    expect(created.status).toBe(200);
    const raw = await t.store.records.get(
      await t.store.tables.get(tableId),
      created.body.Id,
      (await t.store.tables.get(tableId)).fields,
    );
    const stored = JSON.stringify(raw);
    expect(stored).not.toContain('signedUrl');
    expect(stored).not.toContain('http://');
    const read = await t.call('GET', `/api/v2/tables/${tableId}/records/${created.body.Id}`);
    const [file] = read.body.Files;
    expect(file).toMatchObject({
      path: uploaded[0].path,
      title: 'cell.png',
      mimetype: 'image/png',
      width: 600,
      height: 400,
    });
    expect(file.signedUrl).toMatch(/\?exp=\d+&sig=/);
    expect((await fetchLink(file.signedUrl)).statusCode).toBe(200);
    expect((await fetchLink(file.thumbnails.tiny.signedUrl)).statusCode).toBe(200);
    const listed = await t.call('GET', `/api/v3/data/${baseId}/${tableId}/records?where=(Name,eq,one)`);
    expect(listed.body.records[0].fields.Files[0].signedUrl).toMatch(/^http:\/\/localhost:8080\/download\//);
    const bad = await t.call('POST', `/api/v2/tables/${tableId}/records`, {
      Files: [{ path: 'download/../../x' }],
    });
    expect(bad.status).toBe(422);
  });

  it('v3 base64 upload appends to the cell and answers the record', async () => {
    const table = await t.store.tables.get(tableId);
    const field = table.fields.find((f) => f.title === 'Files')!;
    const created = await t.call('POST', `/api/v2/tables/${tableId}/records`, { Name: 'v3' });
    const url = `/api/v3/data/${baseId}/${tableId}/records/${created.body.Id}/fields/${field.id}/upload`;
    const first = await t.call('POST', url, {
      contentType: 'text/plain',
      file: Buffer.from('one').toString('base64'),
      filename: 'one.txt',
    });
    expect(first.status).toBe(200);
    expect(first.body.id).toBe(created.body.Id);
    expect(first.body.fields.Files).toHaveLength(1);
    const second = await t.call('POST', url, {
      contentType: 'image/png',
      file: png.toString('base64'),
      filename: 'two.png',
    });
    expect(second.status).toBe(200);
    const files = second.body.fields.Files;
    expect(files.map((f: { title: string }) => f.title)).toStrictEqual(['one.txt', 'two.png']);
    expect(files[1]).toMatchObject({ mimetype: 'image/png', width: 600, height: 400 });
    expect(Buffer.from((await fetchLink(files[0].signedUrl)).rawPayload).toString()).toBe('one');
    const trail = await t.call('GET', `/api/v2/tables/${tableId}/records/${created.body.Id}/audits`);
    expect(trail.body.list.map((e: { action: string }) => e.action)).toContain('attachment.upload');
  });

  it('v3 upload: bad input is a clear 4xx', async () => {
    const table = await t.store.tables.get(tableId);
    const files = table.fields.find((f) => f.title === 'Files')!;
    const name = table.fields.find((f) => f.title === 'Name')!;
    const id = (await t.call('POST', `/api/v2/tables/${tableId}/records`, { Name: 'x' })).body.Id;
    const at = (recordId: unknown, fieldId: string, base = baseId) =>
      `/api/v3/data/${base}/${tableId}/records/${recordId}/fields/${fieldId}/upload`;
    const ok = { file: 'aGk=', filename: 'hi.txt', contentType: 'text/plain' };
    const cases: [string, unknown, number, string][] = [
      [at(id, name.id), ok, 400, 'is not an attachment field'],
      [at(999_999, files.id), ok, 404, 'not found'],
      [at(id, files.id), { ...ok, file: 'not base64!' }, 400, 'base64'],
      [at(id, files.id), { filename: 'x' }, 400, 'file'],
      [at(id, files.id), { ...ok, file: Buffer.alloc(MAX_BYTES + 1).toString('base64') }, 413, 'larger than'],
      [at(id, files.id), { ...ok, contentType: 'application/zip' }, 415, 'not accepted'],
    ];
    for (const [url, body, status, message] of cases) {
      const response = await t.call('POST', url, body);
      expect(response.status, url).toBe(status);
      expect(response.body.msg).toContain(message);
    }
  });
});
