import { resolve } from 'node:path';
import { copyInstance } from '@tessera/store';
import { describeDatabase, loadCliConfig, parseDatabaseArgument } from '../cli-config.ts';
import { type Command, jsonOption, UsageError } from '../command.ts';
import { runVerifiedTransfer } from '../transfer-output.ts';

export const copyDbCommand: Command = {
  name: 'copy-db',
  summary: 'Copy the whole instance to another database (SQLite ↔ PostgreSQL) and verify it',
  description: [
    'Copies every Tessera table and user table from the configured database (DATABASE_URL) to',
    'the one given with --to, from one consistent snapshot of the source. The target is',
    'migrated first; the copy is written in one transaction, then every table is read back and',
    'its row count and checksum (over dialect-neutral values) compared with the source before',
    'it is committed. Exits 3, committing nothing, on any difference. Afterwards point',
    'DATABASE_URL at the target. Stop the server (or its writers) if the copy must include the',
    'very latest writes; the copy is consistent either way.',
  ].join('\n'),
  options: {
    to: {
      type: 'string',
      placeholder: '<url>',
      description: 'Target database: postgres://USER:PASSWORD@HOST:5432/DB or sqlite:PATH',
    },
    'to-schema': {
      type: 'string',
      placeholder: '<name>',
      description: 'PostgreSQL schema of the target (default: TESSERA_PG_SCHEMA, or tessera)',
    },
    'to-data-dir': {
      type: 'string',
      placeholder: '<dir>',
      description: 'Also copy the uploaded files into this data directory (for a move to another host)',
    },
    force: { type: 'boolean', description: 'Replace whatever the target holds' },
    ...jsonOption,
  },
  examples: [
    'tessera copy-db --to "postgres://tessera:secret@supabase-db:5432/postgres?sslmode=require"',
    'DATABASE_URL=postgres://tessera@old-db/tessera tessera copy-db --to sqlite:/data/tessera.db',
  ],
  async run({ options, io }) {
    const to = options['to'];
    if (typeof to !== 'string' || to.trim() === '') throw new UsageError('--to <url> is required');
    const config = loadCliConfig(io);
    const schema = typeof options['to-schema'] === 'string' ? options['to-schema'] : undefined;
    const target = parseDatabaseArgument(to, '--to', config, schema, io);
    const toDataDir =
      typeof options['to-data-dir'] === 'string' ? resolve(io.cwd, options['to-data-dir']) : undefined;
    const json = options['json'] === true;
    if (!json)
      io.stderr.write(`copying ${describeDatabase(config.database)} → ${describeDatabase(target)}\n`);
    return runVerifiedTransfer(io, json, { progress: 'copying', title: 'Copied' }, (onProgress) =>
      copyInstance(config.database, target, {
        ...(toDataDir ? { fromDataDir: config.dataDir, toDataDir } : {}),
        force: options['force'] === true,
        onProgress,
      }),
    );
  },
};
