import { readSchemaStatus } from '@tessera/store';
import { describeDatabase } from '../cli-config.ts';
import { printJson } from '../cli-io.ts';
import { type Command, ExitCode, jsonOption } from '../command.ts';
import { withConfiguredStore } from '../configured-store.ts';

const statusCommand: Command = {
  name: 'status',
  summary: 'Show the schema version, the latest one and the pending migrations',
  description:
    'Shows the schema version of the configured database, the latest version this Tessera knows, and the migrations `migrate up` would apply. Changes nothing.',
  options: { ...jsonOption },
  examples: ['tessera migrate status', 'tessera migrate status --json'],
  run: ({ options, io }) =>
    withConfiguredStore(io, async (store, config) => {
      const where = describeDatabase(config.database);
      const status = await readSchemaStatus(store.context.database);
      const upToDate = status.pending.length === 0 && status.current <= status.latest;
      if (options['json'] === true) {
        printJson(io, { ...status, upToDate, database: where });
        return ExitCode.ok;
      }
      io.stdout.write(`database:       ${where}\n`);
      io.stdout.write(`schema version: ${status.initialized ? status.current : 'none (empty database)'}\n`);
      io.stdout.write(`latest:         ${status.latest}\n`);
      if (status.current > status.latest)
        io.stdout.write('The database was migrated by a newer Tessera: upgrade Tessera.\n');
      else if (status.pending.length === 0) io.stdout.write('Up to date.\n');
      else {
        io.stdout.write(`pending:\n`);
        for (const m of status.pending) io.stdout.write(`  ${m.version}  ${m.name}\n`);
        io.stdout.write(`Run 'tessera migrate up' (the server also migrates when it starts).\n`);
      }
      return ExitCode.ok;
    }),
};

const upCommand: Command = {
  name: 'up',
  summary: 'Apply pending migrations',
  description:
    'Applies every pending migration to the configured database, each in its own transaction, under the same lock the server takes, so it is safe while servers start. Refuses a database migrated by a newer Tessera.',
  options: { ...jsonOption },
  examples: ['tessera migrate up'],
  run: ({ options, io }) =>
    withConfiguredStore(io, async (store, config) => {
      const where = describeDatabase(config.database);
      const applied = await store.migrate();
      const status = await readSchemaStatus(store.context.database);
      if (options['json'] === true) {
        printJson(io, { applied, current: status.current, latest: status.latest, database: where });
        return ExitCode.ok;
      }
      io.stdout.write(
        applied.length === 0
          ? `Already at the latest schema version (${status.current}).\n`
          : `Applied migration${applied.length === 1 ? '' : 's'} ${applied.join(', ')}; schema version is now ${status.current}.\n`,
      );
      return ExitCode.ok;
    }),
};

export const migrateCommand: Command = {
  name: 'migrate',
  summary: "Show or apply Tessera's schema migrations",
  description: "Shows or applies the migrations of Tessera's own schema on the configured database.",
  subcommands: [statusCommand, upCommand],
};
