import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import {
  type AttachmentThumbnailSize,
  attachmentKeyOf,
  attachmentPathOf,
  attachmentThumbnailSizes,
  TesseraError,
  thumbnailKey,
} from '@tessera/core';
import { uploadsDirOf } from '@tessera/store';
import { ATTACHMENT_DEFAULTS, type AttachmentConfig } from '../config/attachment-config.ts';
import type { TesseraConfig } from '../config/config-schema.ts';
import type { AttachmentStorage } from './attachment-storage.ts';
import { attachmentView } from './attachment-view.ts';
import { SNIFFED_TYPES, type SniffedContent, sniffContent } from './content-sniffer.ts';
import { type DownloadLinks, downloadLinksOf } from './download-links.ts';
import { localStorage } from './local-storage.ts';
import { declaredType, extensionOf, GENERIC_TYPE, isTypeAllowed } from './media-types.ts';
import { s3Storage } from './s3-storage.ts';
import { makeThumbnails } from './thumbnail-maker.ts';
import { FileTooLargeError, type StagedUpload, stageUpload } from './upload-stager.ts';

/** One stored file as a cell holds it (see core's Attachment type). */
export type AttachmentItem = Record<string, unknown>;

/** What a client said about a file: both only hints. */
export interface IncomingFile {
  readonly filename: string | undefined;
  readonly mimetype: string | undefined;
}

const THUMBNAIL_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const MAX_TITLE_LENGTH = 255;

/** A client's file name as a title: its last path segment, without control characters. */
export function titleOf(filename: string | undefined): string {
  const base = (filename ?? '').split(/[\\/]/).at(-1) ?? '';
  const clean = base
    .replace(/\p{Cc}/gu, '')
    .trim()
    .toWellFormed();
  return clean.slice(0, MAX_TITLE_LENGTH) || 'file';
}

/** A fresh storage key: `YYYY/MM/<22 random characters>[.ext]`. */
function newKey(mimetype: string, now = new Date()): string {
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  const extension = extensionOf(mimetype);
  return `${now.getUTCFullYear()}/${month}/${randomBytes(16).toString('base64url')}${extension ? `.${extension}` : ''}`;
}

/**
 * The type a file is kept as: what its bytes show for the types we can recognise; otherwise
 * what the client declared, unless it claims a recognisable type the bytes do not show.
 */
function settledType(staged: StagedUpload, declared: string): SniffedContent {
  const sniffed = sniffContent(staged.head);
  if (sniffed) return sniffed;
  return { mimetype: SNIFFED_TYPES.has(declared) ? GENERIC_TYPE : declared };
}

export interface AttachmentService {
  readonly storage: AttachmentStorage;
  readonly links: DownloadLinks;
  readonly limits: AttachmentConfig;
  /** Checks, stores (with thumbnails for images) and describes one incoming file. */
  receive(source: Readable, file: IncomingFile): Promise<AttachmentItem>;
  /** Removes files received by a request that then failed (best effort). */
  discard(items: readonly AttachmentItem[]): Promise<void>;
  /** An item as the API answers it, with signed links. */
  view(item: AttachmentItem): AttachmentItem;
}

/**
 * Uploads: streams each file to a temporary file under the data directory (size limit
 * enforced while streaming), settles its type from its bytes, applies the allowed types,
 * makes thumbnails of images, and hands the file to local or S3 storage under a random key.
 */
export function attachmentService(config: TesseraConfig, storage?: AttachmentStorage): AttachmentService {
  const limits = config.attachments ?? ATTACHMENT_DEFAULTS;
  const uploadsDir = uploadsDirOf(config.dataDir);
  const stagingDir = `${uploadsDir}.partial`;
  const store = storage ?? (limits.s3 ? s3Storage(limits.s3) : localStorage(uploadsDir, stagingDir));
  const links = downloadLinksOf(config);

  const thumbnailsOf = async (staged: StagedUpload, key: string, image: SniffedContent) => {
    if (!THUMBNAIL_TYPES.has(image.mimetype) || image.width === undefined || image.height === undefined)
      return undefined;
    let made: Map<AttachmentThumbnailSize, Buffer>;
    try {
      made = await makeThumbnails(await readFile(staged.file), image.width, image.height);
    } catch {
      return undefined; // Not decodable after all: the file is kept, without thumbnails.
    }
    if (made.size === 0) return undefined;
    const thumbnails: Record<string, { path: string }> = {};
    for (const [name, data] of made) {
      await store.putBuffer(thumbnailKey(key, name), data, 'image/webp');
      thumbnails[name] = { path: attachmentPathOf(thumbnailKey(key, name)) };
    }
    return thumbnails;
  };

  return {
    storage: store,
    links,
    limits,

    async receive(source, file) {
      const title = titleOf(file.filename);
      let staged: StagedUpload;
      try {
        staged = await stageUpload(source, stagingDir, limits.maxBytes);
      } catch (error) {
        if (error instanceof FileTooLargeError)
          throw new TesseraError(
            'ERR_PAYLOAD_TOO_LARGE',
            `File '${title}' is larger than ${limits.maxBytes} bytes, the most one attachment may have`,
            { maxBytes: limits.maxBytes },
          );
        throw error;
      }
      try {
        const settled = settledType(staged, declaredType(file.mimetype));
        const { mimetype, width, height } = settled;
        if (!isTypeAllowed(mimetype, limits.allowedTypes))
          throw new TesseraError(
            'ERR_UNSUPPORTED_MEDIA_TYPE',
            `Files of type '${mimetype}' are not accepted (allowed: ${limits.allowedTypes?.join(', ')})`,
            { mimetype, allowed: limits.allowedTypes },
          );
        const key = newKey(mimetype);
        const thumbnails = await thumbnailsOf(staged, key, settled);
        await store.putFile(key, staged.file, {
          size: staged.size,
          sha256: staged.sha256,
          contentType: mimetype,
        });
        return {
          path: attachmentPathOf(key),
          title,
          mimetype,
          size: staged.size,
          ...(width !== undefined && height !== undefined ? { width, height } : {}),
          ...(thumbnails ? { thumbnails } : {}),
        };
      } finally {
        await rm(staged.file, { force: true });
      }
    },

    async discard(items) {
      for (const item of items) {
        const key = typeof item.path === 'string' ? attachmentKeyOf(item.path) : undefined;
        if (key === undefined) continue;
        const keys = [
          key,
          ...Object.keys(attachmentThumbnailSizes).map((n) =>
            thumbnailKey(key, n as AttachmentThumbnailSize),
          ),
        ];
        for (const each of keys) await store.remove(each).catch(() => undefined);
      }
    },

    view: (item) => attachmentView(item, links),
  };
}
