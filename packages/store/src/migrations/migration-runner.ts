import { type Kysely, sql } from 'kysely';
import type { Database } from '../dialect/dialect-adapter.ts';
import type { MetaTables } from '../meta/meta-tables.ts';
import type { Migration } from './migration.ts';
import { migrations as knownMigrations } from './migration-list.ts';

export interface MigrationStatus {
  readonly current: number;
  readonly latest: number;
  readonly pending: readonly Migration[];
}

/** Raised when the database was migrated by a newer Tessera than this one. */
export class SchemaTooNewError extends Error {
  constructor(current: number, latest: number) {
    super(
      `The database schema is at version ${current}, but this Tessera only knows versions up to ${latest}. ` +
        'Upgrade Tessera to the version that last migrated this database; nothing was changed.',
    );
    this.name = 'SchemaTooNewError';
  }
}

async function ensureMigrationTable(db: Kysely<MetaTables>): Promise<void> {
  await db.schema
    .createTable('tessera_migrations')
    .ifNotExists()
    .addColumn('version', 'integer', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();
}

async function currentVersion(db: Kysely<MetaTables>): Promise<number> {
  const row = await db
    .selectFrom('tessera_migrations')
    .select(sql<number | null>`max(version)`.as('version'))
    .executeTakeFirst();
  return Number(row?.version ?? 0);
}

export async function migrationStatus(
  database: Database<MetaTables>,
  migrations: readonly Migration[] = knownMigrations,
): Promise<MigrationStatus> {
  await database.prepare();
  await ensureMigrationTable(database.db);
  const current = await currentVersion(database.db);
  const latest = migrations.at(-1)?.version ?? 0;
  return { current, latest, pending: migrations.filter((m) => m.version > current) };
}

/**
 * Applies pending migrations, each in its own transaction with its bookkeeping row, under a
 * lock so concurrent starts take turns. Refuses (changing nothing) a database that is newer.
 */
export async function migrateToLatest(
  database: Database<MetaTables>,
  migrations: readonly Migration[] = knownMigrations,
): Promise<number[]> {
  const status = await migrationStatus(database, migrations);
  if (status.current > status.latest) throw new SchemaTooNewError(status.current, status.latest);
  const applied: number[] = [];
  for (const migration of status.pending) {
    await database.db.transaction().execute(async (trx) => {
      await database.dialect.lockUntilCommit(trx as unknown as Kysely<unknown>, 'migrations');
      if ((await currentVersion(trx)) >= migration.version) return;
      await migration.up(trx as unknown as Kysely<unknown>, database.dialect);
      await trx
        .insertInto('tessera_migrations')
        .values({ version: migration.version, name: migration.name, applied_at: new Date().toISOString() })
        .execute();
      applied.push(migration.version);
    });
  }
  return applied;
}
