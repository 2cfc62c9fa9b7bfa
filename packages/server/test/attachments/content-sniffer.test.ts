import { Transformer } from '@napi-rs/image';
import { describe, expect, it } from 'vitest';
import { titleOf } from '../../src/attachments/attachment-service.ts';
import { sniffContent } from '../../src/attachments/content-sniffer.ts';
import { declaredType, isTypeAllowed, showsInline, typeOfKey } from '../../src/attachments/media-types.ts';
import { pngImage } from './support/test-files.ts';

describe('content sniffing', () => {
  const png = pngImage(37, 21);
  const image = () => new Transformer(png);

  it('reads the type and size of PNG, JPEG, WebP (lossy and lossless) and GIF files', async () => {
    expect(sniffContent(png)).toStrictEqual({ mimetype: 'image/png', width: 37, height: 21 });
    expect(sniffContent(await image().jpeg(80))).toStrictEqual({
      mimetype: 'image/jpeg',
      width: 37,
      height: 21,
    });
    expect(sniffContent(await image().webp(80))).toStrictEqual({
      mimetype: 'image/webp',
      width: 37,
      height: 21,
    });
    expect(sniffContent(await image().webpLossless())).toStrictEqual({
      mimetype: 'image/webp',
      width: 37,
      height: 21,
    });
    const gif = Buffer.from('GIF89a\x25\x00\x15\x00\x00\x00\x00;', 'latin1');
    expect(sniffContent(gif)).toStrictEqual({ mimetype: 'image/gif', width: 37, height: 21 });
  });

  it('knows PDFs, and nothing from text or truncated headers', () => {
    expect(sniffContent(Buffer.from('%PDF-1.7\n'))).toStrictEqual({ mimetype: 'application/pdf' });
    expect(sniffContent(Buffer.from('<html><script>'))).toBeUndefined();
    expect(sniffContent(Buffer.alloc(0))).toBeUndefined();
    expect(sniffContent(png.subarray(0, 12))).toStrictEqual({ mimetype: 'image/png' });
    expect(sniffContent(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]))).toStrictEqual({
      mimetype: 'image/jpeg',
    });
  });
});

describe('media types', () => {
  it('reads declared types loosely and falls back to the generic type', () => {
    expect(declaredType('Text/Plain; charset=UTF-8')).toBe('text/plain');
    expect(declaredType('not a type')).toBe('application/octet-stream');
    expect(declaredType(undefined)).toBe('application/octet-stream');
  });

  it('serves by key extension, inline only for types a browser cannot run', () => {
    expect(typeOfKey('2026/01/x.png')).toBe('image/png');
    expect(typeOfKey('2026/01/x.png.tiny.webp')).toBe('image/webp');
    expect(typeOfKey('2026/01/x')).toBe('application/octet-stream');
    expect(showsInline('image/png')).toBe(true);
    expect(showsInline('video/mp4')).toBe(true);
    expect(showsInline('image/svg+xml')).toBe(false);
    expect(showsInline('text/html')).toBe(false);
  });

  it('allows exact types and families', () => {
    expect(isTypeAllowed('image/png', null)).toBe(true);
    expect(isTypeAllowed('image/png', ['image/*'])).toBe(true);
    expect(isTypeAllowed('application/pdf', ['image/*', 'application/pdf'])).toBe(true);
    expect(isTypeAllowed('application/zip', ['image/*', 'application/pdf'])).toBe(false);
  });

  it('turns client file names into titles, never paths', () => {
    expect(titleOf('../../etc/passwd')).toBe('passwd');
    expect(titleOf('C:\\Users\\me\\photo.png')).toBe('photo.png');
    expect(titleOf('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(titleOf('')).toBe('file');
    expect(titleOf(`${'x'.repeat(300)}.txt`)).toHaveLength(255);
  });
});
