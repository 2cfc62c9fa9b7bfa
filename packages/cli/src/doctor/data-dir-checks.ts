import { randomBytes } from 'node:crypto';
import { rm, stat, statfs, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { uploadsDirOf } from '@tessera/store';
import { formatBytes } from '../progress-reporter.ts';
import { type CheckResult, fail, ok, warn } from './doctor-check.ts';

const DIR = 'data directory';
const UPLOADS = 'uploads folder';
const DISK = 'free disk';

/** Below this, writes are about to fail. */
const CRITICAL_FREE = 100 * 1024 ** 2;
/** Below this, a backup or a growing database may not fit. */
const LOW_FREE = 1024 ** 3;

/** The data directory and its uploads folder are writable (tried for real), and disk space. */
export async function checkDataDir(dataDir: string): Promise<CheckResult[]> {
  const uid = process.getuid?.();
  const owner = `chown -R ${uid ?? 1000} ${dataDir}`;
  const results: CheckResult[] = [];
  try {
    if (!(await stat(dataDir)).isDirectory())
      return [
        fail(
          DIR,
          `${dataDir} is not a directory`,
          'point TESSERA_DATA_DIR at a directory (a volume in a container)',
        ),
      ];
  } catch {
    return [
      fail(DIR, `${dataDir} does not exist`, `create it (mkdir -p ${dataDir}) or mount a volume there`),
    ];
  }
  const writable = await tryWrite(dataDir);
  results.push(
    writable === null
      ? ok(DIR, `${dataDir} is writable`)
      : fail(
          DIR,
          `${dataDir} is not writable by this process (uid ${uid ?? '?'}): ${writable}`,
          `give it to this user: ${owner}`,
        ),
  );
  const uploads = uploadsDirOf(dataDir);
  try {
    await stat(uploads);
    const error = await tryWrite(uploads);
    results.push(
      error === null
        ? ok(UPLOADS, `${uploads} is writable`)
        : fail(
            UPLOADS,
            `${uploads} is not writable by this process: ${error}`,
            `give it to this user: ${owner}`,
          ),
    );
  } catch {
    results.push(ok(UPLOADS, `${uploads} does not exist yet; it is created when the first file is uploaded`));
  }
  results.push(await checkFreeDisk(dataDir));
  return results;
}

async function tryWrite(dir: string): Promise<string | null> {
  const probe = join(dir, `.tessera-doctor-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(probe, 'probe', { flag: 'wx' });
    await rm(probe, { force: true });
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
  }
}

async function checkFreeDisk(dataDir: string): Promise<CheckResult> {
  const fs = await statfs(dataDir);
  const free = fs.bavail * fs.bsize;
  const total = fs.blocks * fs.bsize;
  const message = `${formatBytes(free)} free of ${formatBytes(total)} on the data directory's file system`;
  if (free < CRITICAL_FREE)
    return fail(DISK, message, 'free space or grow the volume: writes fail when it is full');
  if (free < LOW_FREE)
    return warn(DISK, message, 'free space or grow the volume soon; a backup or copy needs room as well');
  return ok(DISK, message);
}
