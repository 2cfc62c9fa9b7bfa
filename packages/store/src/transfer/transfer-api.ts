import { resolve } from 'node:path';
import type { DatabaseConfig } from '../dialect/database-config.ts';
import { openDatabase } from '../dialect/open-database.ts';
import type { AnyTables } from '../store-context.ts';
import { withArchive, writeArchive } from './archive-file.ts';
import { writeInstance } from './instance-writer.ts';
import { withInstanceSnapshot } from './snapshot-reader.ts';
import { TransferError } from './transfer-error.ts';
import type { InstanceStream, Manifest, TransferItem } from './transfer-items.ts';
import type { ProgressListener, TransferReport } from './transfer-report.ts';
import { listUploads, UploadsSink, uploadsDirOf } from './uploads.ts';

export interface BackupOptions {
  /** The archive to write (replaced if it exists, only once complete). */
  readonly file: string;
  /** Data directory whose `uploads` folder goes into the archive; leave out for none. */
  readonly dataDir?: string;
  readonly onProgress?: ProgressListener;
}

export interface RestoreOptions {
  readonly file: string;
  /** Data directory whose `uploads` folder is replaced by the archive's files. */
  readonly dataDir?: string;
  /** Replace a target that holds data (database rows or uploaded files). */
  readonly force?: boolean;
  readonly onProgress?: ProgressListener;
}

export interface CopyOptions {
  /** Copy the uploads folder of `fromDataDir` into that of `toDataDir` as well. */
  readonly fromDataDir?: string;
  readonly toDataDir?: string;
  readonly force?: boolean;
  readonly onProgress?: ProgressListener;
}

/**
 * Writes the whole instance (every `tessera_*` table, every user table, the uploads) to one
 * archive file, read from one consistent snapshot while the server keeps running.
 */
export async function backupInstance(
  config: DatabaseConfig,
  options: BackupOptions,
): Promise<TransferReport & { readonly archiveBytes: number }> {
  const started = Date.now();
  const warnings: string[] = [];
  return withDatabase(config, (database) =>
    withInstanceSnapshot(database, { ...uploadsOption(options.dataDir), warnings }, async (stream) => {
      let manifest: Manifest | undefined;
      const watched: InstanceStream = {
        header: stream.header,
        items: watchProgress(stream, options.onProgress, (m) => {
          manifest = m;
        }),
      };
      const archiveBytes = await writeArchive(resolve(options.file), watched);
      if (!manifest) throw new Error('The snapshot ended without a manifest');
      const complete: Manifest = manifest;
      return {
        ok: true,
        source: stream.header.source,
        tables: complete.tables.map((t) => ({
          name: t.name,
          kind: stream.header.tables.find((h) => h.name === t.name)?.kind ?? 'meta',
          rows: t.rows,
          checksum: t.checksum,
          ok: true,
        })),
        files: { ...complete.files, included: stream.header.files.included, ok: true },
        warnings,
        durationMs: Date.now() - started,
        archiveBytes,
      };
    }),
  );
}

/**
 * Restores an archive into a database (of either dialect) and the uploads folder, in one
 * transaction, verified against the archive's manifest before it is committed.
 */
export async function restoreInstance(
  config: DatabaseConfig,
  options: RestoreOptions,
): Promise<TransferReport> {
  const started = Date.now();
  const uploadsDir = options.dataDir === undefined ? undefined : uploadsDirOf(options.dataDir);
  // The archive is opened (and its header checked) before the target is touched.
  return withArchive(resolve(options.file), (stream) =>
    withDatabase(config, async (database) => {
      const report = await writeInstance(database, stream, {
        force: options.force ?? false,
        ...(uploadsDir !== undefined && stream.header.files.included
          ? {
              uploads: {
                sink: new UploadsSink(uploadsDir),
                hasFiles: (await listUploads(uploadsDir)).length > 0,
              },
            }
          : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      });
      const warnings = stream.header.skippedTables.map((t) => `table ${t} was not in the backup`);
      return { ...report, warnings, durationMs: Date.now() - started };
    }),
  );
}

/**
 * Copies a whole instance from one database to another (SQLite ↔ PostgreSQL): migrates the
 * target, copies every table from one snapshot of the source, and verifies row counts and
 * checksums table by table before committing.
 */
export async function copyInstance(
  from: DatabaseConfig,
  to: DatabaseConfig,
  options: CopyOptions = {},
): Promise<TransferReport> {
  if (sameDatabase(from, to))
    throw new TransferError('same-database', 'The source and the target are the same database');
  const started = Date.now();
  const warnings: string[] = [];
  const { fromDataDir, toDataDir } = options;
  const copyFiles = fromDataDir !== undefined && toDataDir !== undefined;
  const targetUploads = copyFiles ? uploadsDirOf(toDataDir) : undefined;
  if (copyFiles && resolve(fromDataDir) === resolve(toDataDir))
    throw new TransferError('same-database', 'The source and the target data directories are the same');
  return withDatabase(from, (source) =>
    withDatabase(to, (target) =>
      withInstanceSnapshot(
        source,
        { ...uploadsOption(copyFiles ? fromDataDir : undefined), warnings },
        async (stream) => {
          const report = await writeInstance(target, stream, {
            force: options.force ?? false,
            ...(targetUploads !== undefined
              ? {
                  uploads: {
                    sink: new UploadsSink(targetUploads),
                    hasFiles: (await listUploads(targetUploads)).length > 0,
                  },
                }
              : {}),
            ...(options.onProgress ? { onProgress: options.onProgress } : {}),
          });
          return { ...report, warnings, durationMs: Date.now() - started };
        },
      ),
    ),
  );
}

async function withDatabase<T>(
  config: DatabaseConfig,
  use: (database: ReturnType<typeof openDatabase<AnyTables>>) => Promise<T>,
): Promise<T> {
  const database = openDatabase<AnyTables>(config);
  try {
    return await use(database);
  } finally {
    await database.close();
  }
}

function uploadsOption(dataDir: string | undefined): { uploadsDir?: string } {
  return dataDir === undefined ? {} : { uploadsDir: uploadsDirOf(dataDir) };
}

function sameDatabase(a: DatabaseConfig, b: DatabaseConfig): boolean {
  if (a.kind === 'sqlite' && b.kind === 'sqlite') return resolve(a.file) === resolve(b.file);
  if (a.kind === 'postgres' && b.kind === 'postgres')
    return a.connectionString === b.connectionString && a.schema === b.schema;
  return false;
}

/** Passes the items on, reporting rows and bytes as they go by. */
async function* watchProgress(
  stream: InstanceStream,
  listener: ProgressListener | undefined,
  onManifest?: (manifest: Manifest) => void,
): AsyncGenerator<TransferItem> {
  const totalRows = stream.header.tables.reduce((sum, t) => sum + t.rows, 0);
  const totalBytes = stream.header.files.bytes;
  let rows = 0;
  let bytes = 0;
  let table: string | undefined;
  for await (const item of stream.items) {
    if (item.kind === 'table') table = item.plan.name;
    if (item.kind === 'rows') rows += item.rows.length;
    if (item.kind === 'chunk') bytes += item.data.length;
    if (item.kind === 'end') onManifest?.(item.manifest);
    if (listener && (item.kind === 'rows' || item.kind === 'chunk'))
      listener({ phase: 'copy', ...(table ? { table } : {}), rows, totalRows, bytes, totalBytes });
    yield item;
  }
}
