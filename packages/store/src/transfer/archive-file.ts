import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { TransferError } from './transfer-error.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  type InstanceHeader,
  type InstanceStream,
  type TransferItem,
} from './transfer-items.ts';

/*
 * A Tessera archive is one gzip-compressed file of JSON lines:
 *
 *   {"format":"tessera-archive","formatVersion":1,...}     the header (InstanceHeader)
 *   {"table":{...}}                                          a table's plan
 *   ["p1a2b3","Projects",null,...]                           one row, values in column order
 *                                                            (objects with sorted keys)
 *   {"tableEnd":{"rows":2,"checksum":"…"}}                  after a table's rows
 *   {"file":{"path":"ab/cd.png","mode":416}}                 an uploaded file
 *   "iVBORw0KGgo…"                                           48 KiB of it, in base64
 *   {"fileEnd":{"size":1234,"sha256":"…"}}
 *   {"end":{"tables":[…],"files":{…}}}                       the manifest, last
 *
 * Each line starts with `{`, `[` or `"`, which tells what it is. Values are dialect-neutral
 * (row-codec.ts), so an archive taken from SQLite restores into PostgreSQL and back.
 */

/** Writes the stream to `file` (via a temporary file renamed at the end); returns its size. */
export async function writeArchive(file: string, stream: InstanceStream): Promise<number> {
  const temporary = `${file}.partial-${randomBytes(4).toString('hex')}`;
  try {
    await pipeline(
      Readable.from(archiveLines(stream)),
      createGzip({ level: 6 }),
      createWriteStream(temporary),
    );
    const handle = await open(temporary, 'r');
    try {
      await handle.sync();
      const { size } = await handle.stat();
      await rename(temporary, file);
      return size;
    } finally {
      await handle.close();
    }
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

async function* archiveLines(stream: InstanceStream): AsyncGenerator<string> {
  yield `${JSON.stringify(stream.header)}\n`;
  for await (const item of stream.items) yield archiveLine(item);
}

function archiveLine(item: TransferItem): string {
  switch (item.kind) {
    case 'table':
      return `${JSON.stringify({ table: item.plan })}\n`;
    case 'rows':
      return `${(item.json ?? item.rows.map((row) => JSON.stringify(row))).join('\n')}\n`;
    case 'table-end':
      return `${JSON.stringify({ tableEnd: { rows: item.rows, checksum: item.checksum } })}\n`;
    case 'file':
      return `${JSON.stringify({ file: { path: item.path, mode: item.mode } })}\n`;
    case 'chunk':
      return `${JSON.stringify(item.data.toString('base64'))}\n`;
    case 'file-end':
      return `${JSON.stringify({ fileEnd: { size: item.size, sha256: item.sha256 } })}\n`;
    case 'end':
      return `${JSON.stringify({ end: item.manifest })}\n`;
  }
}

/** Rows read from an archive are handed on in batches of this many. */
const ROW_BATCH = 500;

/**
 * Opens an archive and gives `use` its stream. The header is checked first, so a file that
 * is not a Tessera archive is refused before anything is written.
 */
export async function withArchive<T>(file: string, use: (stream: InstanceStream) => Promise<T>): Promise<T> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  input.on('error', (error) => gunzip.destroy(error));
  const lines = createInterface({ input: input.pipe(gunzip), crlfDelay: Number.POSITIVE_INFINITY });
  const iterator = lines[Symbol.asyncIterator]();
  try {
    const header = parseHeader(await nextLine(iterator));
    return await use({ header, items: archiveItems(iterator) });
  } catch (error) {
    if (error instanceof TransferError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw error;
    if (code?.startsWith('Z_') || error instanceof SyntaxError)
      throw new TransferError(
        'bad-archive',
        `${file} is not a readable Tessera archive (${(error as Error).message})`,
      );
    throw error;
  } finally {
    lines.close();
    input.destroy();
  }
}

async function nextLine(iterator: AsyncIterator<string>): Promise<string | undefined> {
  const next = await iterator.next();
  return next.done ? undefined : next.value;
}

function parseHeader(line: string | undefined): InstanceHeader {
  let header: Partial<InstanceHeader> | undefined;
  try {
    header = line === undefined ? undefined : (JSON.parse(line) as Partial<InstanceHeader>);
  } catch {
    header = undefined;
  }
  if (header?.format !== ARCHIVE_FORMAT)
    throw new TransferError('bad-archive', 'This file is not a Tessera archive');
  if (header.formatVersion !== ARCHIVE_FORMAT_VERSION)
    throw new TransferError(
      'bad-archive',
      `This archive has format version ${header.formatVersion}; this Tessera reads version ${ARCHIVE_FORMAT_VERSION}`,
    );
  return header as InstanceHeader;
}

async function* archiveItems(iterator: AsyncIterator<string>): AsyncGenerator<TransferItem> {
  let rows: unknown[][] = [];
  for (;;) {
    const line = await nextLine(iterator);
    if (line === undefined) break;
    if (line.startsWith('[')) {
      rows.push(JSON.parse(line) as unknown[]);
      if (rows.length >= ROW_BATCH) {
        yield { kind: 'rows', rows };
        rows = [];
      }
      continue;
    }
    if (rows.length > 0) {
      yield { kind: 'rows', rows };
      rows = [];
    }
    if (line === '') continue;
    const value: unknown = JSON.parse(line);
    if (typeof value === 'string') {
      yield { kind: 'chunk', data: Buffer.from(value, 'base64') };
      continue;
    }
    yield controlItem(value as Record<string, never>);
  }
  if (rows.length > 0) yield { kind: 'rows', rows };
}

function controlItem(value: Record<string, never>): TransferItem {
  if (value.table) return { kind: 'table', plan: value.table };
  if (value.tableEnd)
    return { kind: 'table-end', ...(value.tableEnd as object as { rows: number; checksum: string }) };
  if (value.file) return { kind: 'file', ...(value.file as object as { path: string; mode: number }) };
  if (value.fileEnd)
    return { kind: 'file-end', ...(value.fileEnd as object as { size: number; sha256: string }) };
  if (value.end) return { kind: 'end', manifest: value.end };
  throw new TransferError(
    'bad-archive',
    `The archive has a line this Tessera does not understand: ${Object.keys(value).join(', ')}`,
  );
}
