/**
 * MIME types of stored files: the extension a storage key gets (from the type the server
 * settled on, never from the client's file name), the type a download is served as (from that
 * extension), and which types a browser may show inline.
 */
const extensionByType: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
  'image/svg+xml': 'svg',
  'image/bmp': 'bmp',
  'image/tiff': 'tiff',
  'application/pdf': 'pdf',
  'application/json': 'json',
  'application/xml': 'xml',
  'application/zip': 'zip',
  'application/gzip': 'gz',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
  'application/vnd.oasis.opendocument.text': 'odt',
  'application/vnd.oasis.opendocument.spreadsheet': 'ods',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'text/markdown': 'md',
  'text/html': 'html',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/ogg': 'ogg',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
};

const typeByExtension: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries(extensionByType).map(([type, extension]) => [extension, type]),
);

/** Shown in the browser: images that cannot carry script, PDFs, plain text, audio and video. */
const INLINE_TYPES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'application/pdf',
  'text/plain',
]);

const MIME_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;
export const GENERIC_TYPE = 'application/octet-stream';

/** A client's Content-Type → `type/subtype` lower-cased without parameters, or the generic type. */
export function declaredType(raw: string | undefined): string {
  const type = (raw ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return MIME_TYPE.test(type) ? type : GENERIC_TYPE;
}

export function extensionOf(mimetype: string): string | undefined {
  return Object.hasOwn(extensionByType, mimetype) ? extensionByType[mimetype] : undefined;
}

/** The type a stored file is served as, from its key's extension. */
export function typeOfKey(key: string): string {
  const extension = /\.([a-z0-9]{1,10})$/.exec(key)?.[1];
  return extension !== undefined && Object.hasOwn(typeByExtension, extension)
    ? (typeByExtension[extension] as string)
    : GENERIC_TYPE;
}

export function showsInline(mimetype: string): boolean {
  return INLINE_TYPES.has(mimetype) || mimetype.startsWith('audio/') || mimetype.startsWith('video/');
}

/** `allowed` holds types (`image/png`) and families (`image/*`); null allows every type. */
export function isTypeAllowed(mimetype: string, allowed: readonly string[] | null): boolean {
  if (allowed === null) return true;
  const family = `${mimetype.split('/')[0]}/*`;
  return allowed.includes(mimetype) || allowed.includes(family);
}
