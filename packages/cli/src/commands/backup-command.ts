import { resolve } from 'node:path';
import { backupInstance } from '@tessera/store';
import { loadCliConfig } from '../cli-config.ts';
import { printJson } from '../cli-io.ts';
import { type Command, ExitCode, jsonOption } from '../command.ts';
import { progressReporter } from '../progress-reporter.ts';
import { printBackup } from '../transfer-output.ts';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Write the whole instance (database and uploads) to one archive file',
  description: [
    'Writes every Tessera table, every user table and the uploaded files under',
    '<TESSERA_DATA_DIR>/uploads to one gzip-compressed archive. The database is read in one',
    'consistent snapshot while the server keeps running (PostgreSQL REPEATABLE READ, SQLite one',
    'read transaction). The archive is dialect-neutral: a SQLite backup restores into PostgreSQL',
    'and back. It is written to a temporary file and renamed once complete.',
  ].join('\n'),
  arguments: [{ name: 'file', description: 'Archive to write, e.g. tessera-2024-05-01.tessera.gz' }],
  options: {
    'skip-uploads': { type: 'boolean', description: 'Leave the uploaded files out (database only)' },
    ...jsonOption,
  },
  examples: [
    'tessera backup /backups/tessera-$(date +%F).tessera.gz',
    'tessera backup nightly.tessera.gz --json',
  ],
  async run({ options, args, io }) {
    const config = loadCliConfig(io);
    const file = resolve(io.cwd, args[0]!);
    const json = options['json'] === true;
    const progress = progressReporter(io, 'backing up', json);
    try {
      const report = await backupInstance(config.database, {
        file,
        ...(options['skip-uploads'] === true ? {} : { dataDir: config.dataDir }),
        onProgress: progress.listener,
      });
      progress.finish();
      if (json) printJson(io, { ...report, file });
      else printBackup(io, report, file);
    } finally {
      progress.finish();
    }
    return ExitCode.ok;
  },
};
