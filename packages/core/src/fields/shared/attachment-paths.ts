/**
 * Where uploaded attachment files live, as stored in cells and served by the download route.
 * A file's storage key is `YYYY/MM/<22 random base64url characters>[.ext]`: random (so it
 * cannot be guessed), never derived from a client's file name. Its thumbnails are
 * `<key>.<size>.webp`. A cell holds `path` = `download/<key>`, as NocoDB's local storage does.
 */

/** Thumbnail names NocoDB answers, with the longest side in pixels. */
export const attachmentThumbnailSizes = Object.freeze({ tiny: 64, small: 128, card_cover: 512 });
export type AttachmentThumbnailSize = keyof typeof attachmentThumbnailSizes;

export const ATTACHMENT_PATH_PREFIX = 'download/';

const FILE_KEY = /^\d{4}\/\d{2}\/[A-Za-z0-9_-]{22}(?:\.[a-z0-9]{1,10})?$/;
const THUMBNAIL_SUFFIX = /\.(tiny|small|card_cover)\.webp$/;

export function isThumbnailSize(name: string): name is AttachmentThumbnailSize {
  return Object.hasOwn(attachmentThumbnailSizes, name);
}

/** A storage key of an uploaded file (not a thumbnail). */
export function isAttachmentFileKey(key: string): boolean {
  return FILE_KEY.test(key);
}

/** A storage key the download route may serve: a file's or one of its thumbnails'. */
export function isAttachmentKey(key: string): boolean {
  return isAttachmentFileKey(key.replace(THUMBNAIL_SUFFIX, ''));
}

export function thumbnailKey(fileKey: string, size: AttachmentThumbnailSize): string {
  return `${fileKey}.${size}.webp`;
}

/** `download/<key>`, the `path` a cell stores. */
export function attachmentPathOf(key: string): string {
  return `${ATTACHMENT_PATH_PREFIX}${key}`;
}

/** The storage key in a cell's `path` (a file's, or a thumbnail's), or undefined when it is not one. */
export function attachmentKeyOf(path: string): string | undefined {
  if (!path.startsWith(ATTACHMENT_PATH_PREFIX)) return undefined;
  const key = path.slice(ATTACHMENT_PATH_PREFIX.length);
  return isAttachmentKey(key) ? key : undefined;
}
