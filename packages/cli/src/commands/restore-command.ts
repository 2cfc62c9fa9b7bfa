import { resolve } from 'node:path';
import { restoreInstance } from '@tessera/store';
import { loadCliConfig } from '../cli-config.ts';
import { type Command, jsonOption } from '../command.ts';
import { runVerifiedTransfer } from '../transfer-output.ts';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Restore an archive written by `tessera backup` into the configured database',
  description: [
    'Restores an archive into the configured database (SQLite or PostgreSQL, whichever the',
    "backup came from) and the uploads folder. The target is migrated to the archive's schema",
    'version first; everything is written in one transaction, read back and compared with the',
    "archive's row counts and checksums before it is committed, and then migrated to the",
    'latest version. A target that holds data is refused unless --force is given, which',
    'replaces all of it. Stop the server of the target while restoring.',
  ].join('\n'),
  arguments: [{ name: 'file', description: 'Archive written by tessera backup' }],
  options: {
    force: { type: 'boolean', description: 'Replace whatever the target database and uploads folder hold' },
    'skip-uploads': {
      type: 'boolean',
      description: 'Restore the database only; leave the uploads folder alone',
    },
    ...jsonOption,
  },
  examples: [
    'tessera restore /backups/tessera-2024-05-01.tessera.gz',
    'DATABASE_URL=postgres://tessera@db/tessera tessera restore backup.tessera.gz --force',
  ],
  async run({ options, args, io }) {
    const config = loadCliConfig(io);
    return runVerifiedTransfer(
      io,
      options['json'] === true,
      { progress: 'restoring', title: 'Restored' },
      (onProgress) =>
        restoreInstance(config.database, {
          file: resolve(io.cwd, args[0]!),
          ...(options['skip-uploads'] === true ? {} : { dataDir: config.dataDir }),
          force: options['force'] === true,
          onProgress,
        }),
    );
  },
};
