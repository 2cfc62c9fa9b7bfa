import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SNIFF_BYTES } from './content-sniffer.ts';

/** An incoming file written to a temporary file, measured and hashed on the way. */
export interface StagedUpload {
  readonly file: string;
  readonly size: number;
  /** Hex SHA-256. */
  readonly sha256: string;
  /** The first bytes, for content sniffing. */
  readonly head: Buffer;
}

/** The file is larger than allowed; nothing was kept. */
export class FileTooLargeError extends Error {
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    super(`File is larger than ${maxBytes} bytes`);
    this.name = 'FileTooLargeError';
    this.maxBytes = maxBytes;
  }
}

/** The incoming stream broke off or was malformed (a client's fault, not the server's). */
export class UploadInterruptedError extends Error {
  constructor(cause: unknown) {
    super(`The upload was interrupted: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'UploadInterruptedError';
  }
}

/**
 * Streams `source` into a new temporary file in `stagingDir` (never held in memory whole),
 * stopping with FileTooLargeError as soon as it passes `maxBytes`. A failed upload leaves no
 * file behind.
 */
export async function stageUpload(
  source: Readable,
  stagingDir: string,
  maxBytes: number,
): Promise<StagedUpload> {
  await mkdir(stagingDir, { recursive: true, mode: 0o750 });
  const file = join(stagingDir, `${randomBytes(12).toString('hex')}.partial`);
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  let sourceError: unknown;
  source.once('error', (error) => {
    sourceError = error;
  });
  try {
    await pipeline(
      source,
      async function* measure(chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          size += chunk.length;
          if (size > maxBytes) throw new FileTooLargeError(maxBytes);
          hash.update(chunk);
          if (headBytes < SNIFF_BYTES) {
            head.push(chunk.subarray(0, SNIFF_BYTES - headBytes));
            headBytes += Math.min(chunk.length, SNIFF_BYTES - headBytes);
          }
          yield chunk;
        }
      },
      createWriteStream(file, { mode: 0o640 }),
    );
    // A multipart file cut at its size limit ends early instead of failing.
    if ((source as { truncated?: boolean }).truncated) throw new FileTooLargeError(maxBytes);
  } catch (error) {
    await rm(file, { force: true });
    if (error instanceof FileTooLargeError || sourceError === undefined) throw error;
    // The multipart parser may stop the file at its own size limit before we count past ours.
    if ((sourceError as { statusCode?: unknown }).statusCode === 413) throw new FileTooLargeError(maxBytes);
    throw new UploadInterruptedError(sourceError);
  }
  return { file, size, sha256: hash.digest('hex'), head: Buffer.concat(head) };
}
