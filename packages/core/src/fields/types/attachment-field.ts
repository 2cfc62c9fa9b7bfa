import type { FieldType, JsonValue } from '../field-type.ts';
import {
  type AttachmentThumbnailSize,
  attachmentKeyOf,
  attachmentPathOf,
  isAttachmentFileKey,
  isThumbnailSize,
  thumbnailKey,
} from '../shared/attachment-paths.ts';
import { createMetaNormaliser, deepFreeze, isPlainObject } from '../shared/meta.ts';
import { describeValue, invalid, isBlank, nonCanonical } from '../shared/values.ts';

const defaultMeta = deepFreeze({});

/** Most files one cell may hold. */
export const MAX_ATTACHMENTS_PER_CELL = 100;
const MAX_TITLE_LENGTH = 255;
const MAX_URL_LENGTH = 2048;
const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
const DEFAULT_MIME_TYPE = 'application/octet-stream';

/** Keys an item may carry. Rendered-only keys (signed links, icon, id) are accepted and dropped. */
const itemKeys = new Set([
  'path',
  'url',
  'title',
  'mimetype',
  'size',
  'width',
  'height',
  'thumbnails',
  'signedUrl',
  'signedPath',
  'icon',
  'id',
]);

type Item = { [key: string]: JsonValue };

function text(item: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string')
    return invalid(`${where}: '${key}' must be text, got ${describeValue(value)}`);
  return value.toWellFormed();
}

function wholeNumber(
  item: Record<string, unknown>,
  key: string,
  min: number,
  where: string,
): number | undefined {
  const value = item[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    return invalid(
      `${where}: '${key}' must be a whole number of at least ${min}, got ${describeValue(value)}`,
    );
  return value;
}

/** An absolute http(s) link, or undefined when `text` is not one. */
function httpUrl(value: string): string | undefined {
  const trimmed = value.trim();
  if (trimmed.length > MAX_URL_LENGTH || /\s/.test(trimmed)) return undefined;
  try {
    const url = new URL(trimmed);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
      ? trimmed
      : undefined;
  } catch {
    return undefined;
  }
}

/** The last path segment of a key or link, as a title when none is given. */
function defaultTitle(location: string): string {
  const bare = location.split(/[?#]/)[0] ?? '';
  const last = decodeSafely(bare.split('/').filter(Boolean).at(-1) ?? '');
  return last.slice(0, MAX_TITLE_LENGTH) || 'file';
}

function decodeSafely(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function thumbnailsOf(value: unknown, fileKey: string, where: string): Item | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value))
    return invalid(`${where}: 'thumbnails' must be an object, got ${describeValue(value)}`);
  const thumbnails: Item = {};
  for (const name of Object.keys(value)) {
    if (!isThumbnailSize(name)) return invalid(`${where}: unknown thumbnail '${name}'`);
    // Derived from the file's key, never taken from the client.
    thumbnails[name] = { path: attachmentPathOf(thumbnailKey(fileKey, name as AttachmentThumbnailSize)) };
  }
  return Object.keys(thumbnails).length > 0 ? thumbnails : undefined;
}

/** One item a client sent → its canonical form: `{path | url, title, mimetype, size?, width?, height?, thumbnails?}`. */
function parseItem(raw: unknown, index: number, count: number): Item {
  const where = count > 1 ? `attachment ${index + 1}` : 'attachment';
  if (!isPlainObject(raw))
    return invalid(`${where}: expected an object with 'path' or 'url', got ${describeValue(raw)}`);
  for (const key of Object.keys(raw)) if (!itemKeys.has(key)) invalid(`${where}: unknown key '${key}'`);
  const path = text(raw, 'path', where);
  const url = text(raw, 'url', where);
  const item: Item = {};
  let fileKey: string | undefined;
  if (path !== undefined) {
    fileKey = attachmentKeyOf(path);
    if (fileKey === undefined || !isAttachmentFileKey(fileKey))
      return invalid(`${where}: 'path' ${describeValue(path)} is not a file uploaded to this server`);
    item.path = path;
  } else if (url !== undefined) {
    const link = httpUrl(url);
    if (link === undefined)
      return invalid(`${where}: 'url' must be an absolute http(s) link, got ${describeValue(url)}`);
    item.url = link;
  } else return invalid(`${where}: needs 'path' (an uploaded file) or 'url' (a link)`);
  const title = text(raw, 'title', where)?.trim();
  if (title !== undefined && title.length > MAX_TITLE_LENGTH)
    invalid(`${where}: 'title' is longer than ${MAX_TITLE_LENGTH} characters`);
  item.title = title || defaultTitle(path ?? url ?? '');
  const mimetype = text(raw, 'mimetype', where)?.trim().toLowerCase();
  if (mimetype !== undefined && mimetype !== '' && !MIME_TYPE.test(mimetype))
    invalid(`${where}: 'mimetype' must look like type/subtype, got ${describeValue(mimetype)}`);
  item.mimetype = mimetype || DEFAULT_MIME_TYPE;
  const size = wholeNumber(raw, 'size', 0, where);
  if (size !== undefined) item.size = size;
  const width = wholeNumber(raw, 'width', 1, where);
  const height = wholeNumber(raw, 'height', 1, where);
  if (width !== undefined) item.width = width;
  if (height !== undefined) item.height = height;
  const thumbnails = fileKey === undefined ? undefined : thumbnailsOf(raw.thumbnails, fileKey, where);
  if (thumbnails !== undefined) item.thumbnails = thumbnails;
  return item;
}

/** The items of a value: a list, one object, JSON text of either (n8n sends that), or with typecast a bare link. */
function itemsOf(value: unknown, typecast: boolean): unknown[] {
  if (Array.isArray(value)) return value;
  if (isPlainObject(value)) return [value];
  if (typeof value === 'string') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(value);
    } catch {
      const link = typecast ? httpUrl(value) : undefined;
      if (link !== undefined) return [{ url: link }];
      return invalid(
        `Expected a list of attachments (or its JSON text); ${describeValue(value)} is not valid JSON`,
      );
    }
    if (parsed === null) return [];
    if (Array.isArray(parsed)) return parsed;
    if (isPlainObject(parsed)) return [parsed];
  }
  return invalid(`Expected a list of attachments, got ${describeValue(value)}`);
}

/**
 * Attachment: files uploaded through the storage routes (`path`) or links (`url`), as a JSON
 * list. Input is checked strictly; signed links and other rendered keys are dropped, and
 * thumbnail paths are derived from the file's own. Answers the list; the server adds
 * absolute `url` and expiring `signedUrl` links (see docs/attachments.md).
 */
export const attachmentField: FieldType = {
  name: 'Attachment',
  storage: 'json',
  filterKind: 'json',
  serverManaged: false,
  defaultMeta,
  normaliseMeta: createMetaNormaliser(defaultMeta),
  parseInput(value, _field, context) {
    if (isBlank(value)) return null;
    const items = itemsOf(value, context.typecast);
    if (items.length > MAX_ATTACHMENTS_PER_CELL)
      invalid(`At most ${MAX_ATTACHMENTS_PER_CELL} attachments per cell, got ${items.length}`);
    const parsed = items.map((item, index) => parseItem(item, index, items.length));
    return parsed.length > 0 ? parsed : null;
  },
  toApiValue(canonical) {
    if (canonical === null || canonical === undefined) return null;
    if (!Array.isArray(canonical)) throw nonCanonical('Attachment', canonical);
    return canonical.map((item): JsonValue => {
      if (!isPlainObject(item)) throw nonCanonical('Attachment', canonical);
      const copy: Item = { ...(item as Item) };
      if (isPlainObject(item.thumbnails)) copy.thumbnails = { ...(item.thumbnails as Item) };
      return copy;
    });
  },
};
