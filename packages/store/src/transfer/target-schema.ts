import type { Database } from '../dialect/dialect-adapter.ts';
import { migrations } from '../migrations/migration-list.ts';
import { migrateToLatest } from '../migrations/migration-runner.ts';
import type { AnyTables } from '../store-context.ts';
import { readSchemaStatus } from './schema-status.ts';
import { TransferError } from './transfer-error.ts';

/**
 * Migrates a target database up to `version` (default: the latest), so data read at that
 * version fits it. A target already past that version cannot take the data: Tessera's
 * migrations only go forward. Returns the version the target is at.
 */
export async function migrateTargetTo(database: Database<AnyTables>, version?: number): Promise<number> {
  const latest = migrations.at(-1)?.version ?? 0;
  const wanted = version ?? latest;
  if (wanted > latest)
    throw new TransferError(
      'schema-mismatch',
      `The data is at schema version ${wanted}, newer than this Tessera (${latest}); upgrade Tessera first`,
    );
  await database.prepare();
  const status = await readSchemaStatus(database);
  if (status.current > wanted)
    throw new TransferError(
      'schema-mismatch',
      `The target database is at schema version ${status.current}, past the data's version ${wanted}; ` +
        'restore into a new, empty database (a new SQLite file or PostgreSQL schema) and Tessera migrates it afterwards',
    );
  await migrateToLatest(
    database,
    migrations.filter((m) => m.version <= wanted),
  );
  return wanted;
}
