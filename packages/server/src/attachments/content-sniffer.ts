/** What the first bytes of a file say it is. */
export interface SniffedContent {
  readonly mimetype: string;
  /** Pixel size, for images whose header was read. */
  readonly width?: number;
  readonly height?: number;
}

/** Types recognised from their bytes; a client claiming one of these must send it. */
export const SNIFFED_TYPES: ReadonlySet<string> = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'application/pdf',
]);

/** Bytes of a file's start worth reading: JPEG frame headers may follow 64 KiB of EXIF. */
export const SNIFF_BYTES = 256 * 1024;

function startsWith(head: Buffer, bytes: readonly number[], at = 0): boolean {
  return head.length >= at + bytes.length && bytes.every((byte, index) => head[at + index] === byte);
}

function ascii(head: Buffer, at: number, length: number): string {
  return head.length >= at + length ? head.toString('latin1', at, at + length) : '';
}

function sized(mimetype: string, width: number | undefined, height: number | undefined): SniffedContent {
  return width !== undefined && height !== undefined && width > 0 && height > 0
    ? { mimetype, width, height }
    : { mimetype };
}

function png(head: Buffer): SniffedContent {
  const ok = head.length >= 24 && ascii(head, 12, 4) === 'IHDR';
  return sized('image/png', ok ? head.readUInt32BE(16) : undefined, ok ? head.readUInt32BE(20) : undefined);
}

function gif(head: Buffer): SniffedContent {
  const ok = head.length >= 10;
  return sized('image/gif', ok ? head.readUInt16LE(6) : undefined, ok ? head.readUInt16LE(8) : undefined);
}

/** Walks JPEG segments to the first start-of-frame marker, which holds the size. */
function jpeg(head: Buffer): SniffedContent {
  let at = 2;
  while (at + 9 < head.length) {
    if (head[at] !== 0xff) break;
    const marker = head[at + 1] as number;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return sized('image/jpeg', head.readUInt16BE(at + 7), head.readUInt16BE(at + 5));
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
      at += 2;
      continue;
    }
    at += 2 + head.readUInt16BE(at + 2);
  }
  return { mimetype: 'image/jpeg' };
}

function webp(head: Buffer): SniffedContent {
  const chunk = ascii(head, 12, 4);
  if (chunk === 'VP8 ' && head.length >= 30 && startsWith(head, [0x9d, 0x01, 0x2a], 23))
    return sized('image/webp', head.readUInt16LE(26) & 0x3fff, head.readUInt16LE(28) & 0x3fff);
  if (chunk === 'VP8L' && head.length >= 25 && head[20] === 0x2f) {
    const bits = head.readUInt32LE(21);
    return sized('image/webp', (bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8X' && head.length >= 30)
    return sized('image/webp', head.readUIntLE(24, 3) + 1, head.readUIntLE(27, 3) + 1);
  return { mimetype: 'image/webp' };
}

/** The type the bytes show (and an image's size), or undefined when they show none we know. */
export function sniffContent(head: Buffer): SniffedContent | undefined {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return png(head);
  if (startsWith(head, [0xff, 0xd8, 0xff])) return jpeg(head);
  if (ascii(head, 0, 6) === 'GIF87a' || ascii(head, 0, 6) === 'GIF89a') return gif(head);
  if (ascii(head, 0, 4) === 'RIFF' && ascii(head, 8, 4) === 'WEBP') return webp(head);
  if (ascii(head, 0, 5) === '%PDF-') return { mimetype: 'application/pdf' };
  return undefined;
}
