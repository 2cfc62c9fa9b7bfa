import type { Readable } from 'node:stream';

/** A stored file being read back. */
export interface StoredObject {
  readonly body: Readable;
  /** Bytes, when the backend knows. */
  readonly size: number | null;
}

/** What a backend is told about a file it stores. */
export interface ObjectInfo {
  readonly size: number;
  /** Hex SHA-256 of the content. */
  readonly sha256: string;
  readonly contentType: string;
}

/**
 * Where attachment files live, by storage key (see core's attachment-paths.ts): local disk
 * under `<dataDir>/uploads` (local-storage.ts) or an S3-compatible bucket (s3-storage.ts).
 */
export interface AttachmentStorage {
  /** `local` or `s3`, for logs and docs. */
  readonly kind: 'local' | 's3';
  /** Stores a finished temporary file under `key`; the temporary file is moved or deleted. */
  putFile(key: string, tempFile: string, info: ObjectInfo): Promise<void>;
  putBuffer(key: string, data: Buffer, contentType: string): Promise<void>;
  /** The file, or null when nothing is stored under `key`. */
  get(key: string): Promise<StoredObject | null>;
  /** Deletes the file if it exists. */
  remove(key: string): Promise<void>;
}
