import { tesseraVersion } from '../../server/src/routes/health-routes.ts';
import type { Command } from './command.ts';
import { backupCommand } from './commands/backup-command.ts';
import { copyDbCommand } from './commands/copy-db-command.ts';
import { doctorCommand } from './commands/doctor-command.ts';
import { migrateCommand } from './commands/migrate-command.ts';
import { restoreCommand } from './commands/restore-command.ts';
import { serveCommand } from './commands/serve-command.ts';
import { tokenCommand } from './commands/token-command.ts';
import { userCommand } from './commands/user-command.ts';

/** Every command, in the order `tessera --help` lists them. A new command is one line here. */
export const commands: readonly Command[] = [
  serveCommand,
  migrateCommand,
  userCommand,
  tokenCommand,
  backupCommand,
  restoreCommand,
  copyDbCommand,
  doctorCommand,
];

export const rootCommand: Command = {
  name: 'tessera',
  summary: 'Tessera command line',
  description: [
    `Tessera ${tesseraVersion}: run and operate a Tessera instance.`,
    '',
    'Configuration comes from the same environment variables as the server: DATABASE_URL',
    '(or NC_DB), TESSERA_DATA_DIR, TESSERA_PG_SCHEMA, … (see docs/configuration.md).',
    '',
    'Exit codes: 0 done, 1 failed, 2 usage error, 3 a check failed (doctor, or a copy or',
    'restore that did not verify; nothing was committed).',
  ].join('\n'),
  options: { version: { type: 'boolean', description: 'Print the version' } },
  subcommands: commands,
};

export { tesseraVersion };
