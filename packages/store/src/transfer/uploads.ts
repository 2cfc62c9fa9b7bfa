import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream, type Dirent, type WriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { MultisetChecksum } from './multiset-checksum.ts';
import { TransferError } from './transfer-error.ts';
import type { FilesDigest, TransferItem } from './transfer-items.ts';

/** Where uploaded files (attachments) live: `<dataDir>/uploads`. */
export function uploadsDirOf(dataDir: string): string {
  return join(dataDir, 'uploads');
}

export interface UploadFile {
  /** Relative to the uploads folder, with `/` separators. */
  readonly path: string;
  readonly size: number;
  readonly mode: number;
}

/** Bytes per archive chunk: 48 KiB, 64 KiB once in base64. */
const CHUNK_BYTES = 48 * 1024;

/** Regular files under `dir`, sorted by path; none when the folder does not exist. */
export async function listUploads(dir: string): Promise<UploadFile[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: UploadFile[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const absolute = join(entry.parentPath, entry.name);
    const info = await stat(absolute);
    files.push({
      path: relative(dir, absolute).split(sep).join('/'),
      size: info.size,
      mode: info.mode & 0o777,
    });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** The checksum over files: each file's path with its SHA-256. */
export function fileChecksumEntry(path: string, sha256: string): string {
  return `${path}\0${sha256}`;
}

/**
 * The files as transfer items, read now (after the database snapshot). A file deleted since
 * it was listed is left out with a warning; its size and hash are those of what was read.
 */
export async function* uploadItems(
  dir: string,
  files: readonly UploadFile[],
  warnings: string[],
  digest: (value: FilesDigest) => void,
): AsyncGenerator<TransferItem> {
  const checksum = new MultisetChecksum();
  let bytes = 0;
  for (const file of files) {
    const stream = createReadStream(join(dir, ...file.path.split('/')), { highWaterMark: CHUNK_BYTES });
    try {
      await once(stream, 'open');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      warnings.push(`uploads/${file.path} was deleted during the backup and is not in it`);
      continue;
    }
    const hash = createHash('sha256');
    let size = 0;
    yield { kind: 'file', path: file.path, mode: file.mode };
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      yield { kind: 'chunk', data: chunk };
    }
    const sha256 = hash.digest('hex');
    checksum.add(fileChecksumEntry(file.path, sha256));
    bytes += size;
    yield { kind: 'file-end', size, sha256 };
  }
  digest({ count: checksum.count, bytes, checksum: checksum.digest() });
}

/** A relative `/`-separated path that stays inside the folder it is joined to. */
function safeSegments(path: string): string[] {
  const segments = path.split('/');
  const bad =
    path.includes('\0') ||
    path.includes('\\') ||
    segments.some((s) => s === '' || s === '.' || s === '..') ||
    /^[a-z]:/i.test(path);
  if (bad)
    throw new TransferError(
      'bad-archive',
      `The archive names an unsafe upload path: ${JSON.stringify(path)}`,
    );
  return segments;
}

/**
 * Receives uploaded files into a staging folder beside the uploads folder, and on `commit`
 * puts it in place of the uploads folder (the old one is removed), so a failed restore
 * leaves the uploads as they were.
 */
export class UploadsSink {
  readonly #target: string;
  readonly #staging: string;
  readonly #checksum = new MultisetChecksum();
  #bytes = 0;
  #current: { path: string; stream: WriteStream; hash: ReturnType<typeof createHash>; size: number } | null =
    null;

  constructor(uploadsDir: string) {
    this.#target = uploadsDir;
    this.#staging = `${uploadsDir}.incoming-${randomBytes(4).toString('hex')}`;
  }

  async open(): Promise<void> {
    await mkdir(this.#staging, { recursive: true, mode: 0o750 });
  }

  async begin(path: string, mode: number): Promise<void> {
    const file = join(this.#staging, ...safeSegments(path));
    await mkdir(dirname(file), { recursive: true });
    const stream = createWriteStream(file, { mode: mode & 0o777 || 0o640 });
    await once(stream, 'open');
    this.#current = { path, stream, hash: createHash('sha256'), size: 0 };
  }

  async write(data: Buffer): Promise<void> {
    const current = this.#expectFile();
    current.hash.update(data);
    current.size += data.length;
    if (!current.stream.write(data)) await once(current.stream, 'drain');
  }

  /** Closes the file and checks it against the size and hash the source recorded. */
  async end(size: number, sha256: string): Promise<void> {
    const current = this.#expectFile();
    this.#current = null;
    current.stream.end();
    await once(current.stream, 'close');
    const actual = current.hash.digest('hex');
    if (current.size !== size || actual !== sha256)
      throw new TransferError(
        'bad-archive',
        `uploads/${current.path} is damaged: expected ${size} bytes with SHA-256 ${sha256}, got ${current.size} bytes with ${actual}`,
      );
    this.#checksum.add(fileChecksumEntry(current.path, actual));
    this.#bytes += current.size;
  }

  /** What was received, checked again against the files now on disk. */
  async digest(): Promise<FilesDigest> {
    const onDisk = await listUploads(this.#staging);
    const bytes = onDisk.reduce((sum, f) => sum + f.size, 0);
    if (onDisk.length !== this.#checksum.count || bytes !== this.#bytes)
      return { count: onDisk.length, bytes, checksum: 'files on disk differ from the files received' };
    return { count: this.#checksum.count, bytes: this.#bytes, checksum: this.#checksum.digest() };
  }

  async commit(): Promise<void> {
    const replaced = `${this.#target}.replaced-${randomBytes(4).toString('hex')}`;
    let moved = false;
    try {
      await rename(this.#target, replaced);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    await rename(this.#staging, this.#target);
    if (moved) await rm(replaced, { recursive: true, force: true });
  }

  async abort(): Promise<void> {
    this.#current?.stream.destroy();
    this.#current = null;
    await rm(this.#staging, { recursive: true, force: true });
  }

  #expectFile() {
    if (!this.#current) throw new TransferError('bad-archive', 'The archive has file data outside a file');
    return this.#current;
  }
}
