import { type AttachmentThumbnailSize, attachmentThumbnailSizes } from '@tessera/core';

/**
 * Images with more pixels than this get no thumbnails. Decoding and resizing take about 8
 * bytes a pixel (measured: +101 MB for a 12 MP JPEG, +128 MB at 16 MP), and the server must
 * fit a small container.
 */
export const MAX_THUMBNAIL_SOURCE_PIXELS = 16_000_000;
const QUALITY = 80;
/** Largest first: each smaller one is made from the one before, which is quick to decode. */
const ORDER = (Object.keys(attachmentThumbnailSizes) as AttachmentThumbnailSize[]).sort(
  (a, b) => attachmentThumbnailSizes[b] - attachmentThumbnailSizes[a],
);

/** Thumbnails are made one at a time per process, which bounds the memory they take. */
let queue: Promise<unknown> = Promise.resolve();

async function make(
  input: Buffer,
  width: number,
  height: number,
): Promise<Map<AttachmentThumbnailSize, Buffer>> {
  const thumbnails = new Map<AttachmentThumbnailSize, Buffer>();
  if (width * height > MAX_THUMBNAIL_SOURCE_PIXELS) return thumbnails;
  // Loaded on first use: the image library is large and most processes never need it.
  const { Transformer, ResizeFilterType, ResizeFit } = await import('@napi-rs/image');
  // Turned upright by its EXIF orientation, if it has one (which never changes the longest side).
  let source = new Transformer(input).rotate();
  let longestSide = Math.max(width, height);
  for (const name of ORDER) {
    const longest = attachmentThumbnailSizes[name];
    const fitted =
      longestSide > longest
        ? source.resize({
            width: longest,
            height: longest,
            filter: ResizeFilterType.Triangle,
            fit: ResizeFit.Inside,
          })
        : source;
    const webp = await fitted.webp(QUALITY);
    thumbnails.set(name, webp);
    longestSide = Math.min(longestSide, longest);
    source = new Transformer(webp);
  }
  return thumbnails;
}

/**
 * WebP thumbnails of a PNG, JPEG, GIF (first frame) or WebP image of the given pixel size, by
 * NocoDB's names (`tiny`, `small`, `card_cover`), each fitting a square of its size and never
 * enlarged. Empty when the image is too large to decode safely; rejects when it cannot be
 * decoded.
 */
export function makeThumbnails(
  input: Buffer,
  width: number,
  height: number,
): Promise<Map<AttachmentThumbnailSize, Buffer>> {
  const result = queue.then(() => make(input, width, height));
  queue = result.catch(() => undefined);
  return result;
}
