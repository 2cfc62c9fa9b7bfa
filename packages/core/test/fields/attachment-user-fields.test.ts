import { describe, expect, it } from 'vitest';
import {
  attachmentKeyOf,
  getFieldType,
  isAttachmentKey,
  MAX_ATTACHMENTS_PER_CELL,
  thumbnailKey,
} from '../../src/fields/index.ts';
import { type AcceptRow, expectAccepted, expectInvalid, fieldOf, parse } from './field-test-helpers.ts';

const KEY = '2026/01/AbCdEfGhIjKlMnOpQrStUv.png';
const PATH = `download/${KEY}`;

describe('Attachment', () => {
  const field = fieldOf('Attachment');
  const stored = { path: PATH, title: 'cat.png', mimetype: 'image/png', size: 12 };

  it.each<AcceptRow>([
    { input: [stored], canonical: [stored] },
    { input: stored, canonical: [stored] },
    // n8n sends the upload answer JSON-stringified.
    { input: JSON.stringify([stored]), canonical: [stored] },
    { input: [], canonical: null },
    { input: '', canonical: null },
    { input: 'null', canonical: null },
    {
      input: [{ url: 'https://example.com/a/report%20v2.pdf?x=1' }],
      canonical: [
        {
          url: 'https://example.com/a/report%20v2.pdf?x=1',
          title: 'report v2.pdf',
          mimetype: 'application/octet-stream',
        },
      ],
    },
    {
      input: 'https://example.com/photo.jpg',
      canonical: [
        { url: 'https://example.com/photo.jpg', title: 'photo.jpg', mimetype: 'application/octet-stream' },
      ],
      typecast: true,
    },
  ])('accepts $input', (row) => expectAccepted(field, row));

  it('drops rendered keys and derives thumbnail paths from the file, never from the client', () => {
    const canonical = parse(field, [
      {
        ...stored,
        width: 4,
        height: 3,
        url: 'http://localhost/download/x',
        signedUrl: 'http://localhost/download/x?sig=1',
        signedPath: 'download/x?sig=1',
        icon: 'mdi-file',
        thumbnails: {
          tiny: { signedUrl: 'http://evil.example/x', path: 'download/2020/01/other.png' },
          card_cover: {},
        },
      },
    ]);
    expect(canonical).toStrictEqual([
      {
        ...stored,
        width: 4,
        height: 3,
        thumbnails: {
          tiny: { path: `download/${thumbnailKey(KEY, 'tiny')}` },
          card_cover: { path: `download/${thumbnailKey(KEY, 'card_cover')}` },
        },
      },
    ]);
  });

  it.each([
    [[{ title: 'x' }], "needs 'path' (an uploaded file) or 'url' (a link)"],
    [[{ path: 'download/../../etc/passwd' }], 'is not a file uploaded to this server'],
    [[{ path: `download/${thumbnailKey(KEY, 'tiny')}` }], 'is not a file uploaded to this server'],
    [[{ path: KEY }], 'is not a file uploaded to this server'],
    [[{ url: 'javascript:alert(1)' }], "'url' must be an absolute http(s) link"],
    [[{ url: 'file:///etc/passwd' }], "'url' must be an absolute http(s) link"],
    [[{ ...stored, size: -1 }], "'size' must be a whole number of at least 0"],
    [[{ ...stored, size: '12' }], "'size' must be a whole number"],
    [[{ ...stored, width: 0 }], "'width' must be a whole number of at least 1"],
    [[{ ...stored, mimetype: 'not a type' }], "'mimetype' must look like type/subtype"],
    [[{ ...stored, title: 'x'.repeat(256) }], "'title' is longer than 255 characters"],
    [[{ ...stored, owner: 'me' }], "unknown key 'owner'"],
    [[{ ...stored, thumbnails: { huge: {} } }], "unknown thumbnail 'huge'"],
    [[stored, 'text'], "attachment 2: expected an object with 'path' or 'url'"],
    ['https://example.com/a.png', 'is not valid JSON'],
    [42, 'Expected a list of attachments, got 42'],
  ])('rejects %j', (input, message) => expectInvalid(field, input, message));

  it(`holds at most ${MAX_ATTACHMENTS_PER_CELL} files`, () => {
    expectInvalid(
      field,
      Array(MAX_ATTACHMENTS_PER_CELL + 1).fill(stored),
      'At most 100 attachments per cell',
    );
  });

  it('recognises storage keys strictly', () => {
    expect(attachmentKeyOf(PATH)).toBe(KEY);
    expect(isAttachmentKey(thumbnailKey(KEY, 'small'))).toBe(true);
    for (const bad of [
      '2026/01/short.png',
      '2026/01/AbCdEfGhIjKlMnOpQrStUv.PNG',
      '../AbCdEfGhIjKlMnOpQrStUv',
    ])
      expect(isAttachmentKey(bad)).toBe(false);
    expect(attachmentKeyOf(`uploads/${KEY}`)).toBeUndefined();
  });
});

describe('User', () => {
  const single = fieldOf('User');
  const multi = fieldOf('User', { is_multi: true });

  it.each<AcceptRow>([
    { input: 'usabc', canonical: 'usabc', v2: [{ id: 'usabc' }] },
    { input: ' Ann@Example.COM ', canonical: 'ann@example.com', v2: [{ id: 'ann@example.com' }] },
    {
      input: [{ id: 'usabc', email: 'x@y.z', display_name: 'X' }],
      canonical: 'usabc',
      v2: [{ id: 'usabc' }],
    },
    { input: { email: 'a@b.co' }, canonical: 'a@b.co', v2: [{ id: 'a@b.co' }] },
    { input: '[{"id":"usabc"}]', canonical: 'usabc', v2: [{ id: 'usabc' }] },
    { input: [], canonical: null },
    { input: '', canonical: null },
  ])('one user: accepts $input', (row) => expectAccepted(single, row));

  it('several users when meta.is_multi, deduplicated in order', () => {
    expect(parse(multi, 'usb, a@b.co ,usb')).toBe('usb,a@b.co');
    expect(parse(multi, ['usb', { email: 'A@B.CO' }])).toBe('usb,a@b.co');
  });

  it.each([
    [single, 'usa,usb', 'takes one user (meta.is_multi is false), got 2'],
    [single, 'not an id!', 'Expected a user id or e-mail address'],
    [single, 'a@b', 'Expected a user id or e-mail address'],
    [single, [{ name: 'x' }], 'Expected a user as {id} or {email}'],
    [single, 42, 'Expected a list of user ids or e-mail addresses, got 42'],
    [single, '[oops', 'is not valid JSON'],
    [multi, Array.from({ length: 101 }, (_, i) => `us${i}`).join(','), 'At most 100 users per value'],
  ])('rejects %j', (field, input, message) => expectInvalid(field, input, message));

  it('meta.is_multi must be a boolean', () => {
    expect(() => getFieldType('User').normaliseMeta({ is_multi: 'yes' })).toThrow(
      'meta.is_multi must be true or false',
    );
  });
});

describe.each(['CreatedBy', 'LastModifiedBy', 'AutoNumber'] as const)('%s', (name) => {
  it('is written by the server only', () => {
    expectInvalid(fieldOf(name), 'usabc', 'set by the server and cannot be written');
  });
});

describe('server-kept values render', () => {
  it('CreatedBy and LastModifiedBy answer {id}; AutoNumber a number', () => {
    expect(getFieldType('CreatedBy').toApiValue('usabc', fieldOf('CreatedBy'), 'v2')).toStrictEqual({
      id: 'usabc',
    });
    expect(getFieldType('LastModifiedBy').toApiValue('usabc', fieldOf('LastModifiedBy'), 'v3')).toStrictEqual(
      {
        id: 'usabc',
      },
    );
    expect(getFieldType('AutoNumber').toApiValue('7', fieldOf('AutoNumber'), 'v2')).toBe(7);
  });
});
