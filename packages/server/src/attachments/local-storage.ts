import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { isAttachmentKey } from '@tessera/core';
import type { AttachmentStorage } from './attachment-storage.ts';

/** Where a key lives under the uploads folder; keys are checked, so no path leaves it. */
function fileOf(uploadsDir: string, key: string): string {
  if (!isAttachmentKey(key)) throw new Error(`Not an attachment storage key: ${JSON.stringify(key)}`);
  return join(uploadsDir, ...key.split('/'));
}

/**
 * Files on local disk under `<dataDir>/uploads/YYYY/MM/…` (the folder backups include, see
 * store's transfer/uploads.ts). Temporary files are written beside it and renamed into place,
 * so a file under a key is always complete. `stagingDir` must be on the same file system.
 */
export function localStorage(uploadsDir: string, stagingDir: string): AttachmentStorage {
  const place = async (key: string) => {
    const file = fileOf(uploadsDir, key);
    await mkdir(dirname(file), { recursive: true, mode: 0o750 });
    return file;
  };
  return {
    kind: 'local',
    async putFile(key, tempFile) {
      await rename(tempFile, await place(key));
    },
    async putBuffer(key, data) {
      const temp = join(stagingDir, `${randomBytes(12).toString('hex')}.partial`);
      await writeFile(temp, data, { mode: 0o640 });
      try {
        await rename(temp, await place(key));
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key) {
      try {
        const handle = await open(fileOf(uploadsDir, key), 'r');
        const { size } = await handle.stat();
        return { body: handle.createReadStream(), size };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async remove(key) {
      await rm(fileOf(uploadsDir, key), { force: true });
    },
  };
}
