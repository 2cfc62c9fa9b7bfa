import { type Kysely, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createTestDatabase,
  type TestDialect,
  testDialects,
} from '../../../../test/support/test-databases.ts';
import {
  type Database,
  latestSchemaVersion,
  migrateToLatest,
  migrationStatus,
  openDatabase,
  openStore,
  SchemaTooNewError,
} from '../../src/index.ts';
import type { MetaTables } from '../../src/meta/meta-tables.ts';
import type { Migration } from '../../src/migrations/migration.ts';
import { migrations as knownMigrations } from '../../src/migrations/migration-list.ts';

/** Every table of the database under test (PostgreSQL: only the test's own schema), sorted. */
async function tableNames(database: Database<MetaTables>, dialect: TestDialect): Promise<string[]> {
  const db = database.db as unknown as Kysely<unknown>;
  const result =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`
          select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{ name: string }>`
          select table_name as name from information_schema.tables
          where table_schema = current_schema()`.execute(db);
  return result.rows.map((r) => r.name).sort();
}

async function columnNames(
  database: Database<MetaTables>,
  dialect: TestDialect,
  table: string,
): Promise<string[]> {
  const db = database.db as unknown as Kysely<unknown>;
  const result =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
      : await sql<{ name: string }>`
          select column_name as name from information_schema.columns
          where table_schema = current_schema() and table_name = ${table}`.execute(db);
  return result.rows.map((r) => r.name).sort();
}

async function recordedMigrations(database: Database<MetaTables>) {
  return database.db
    .selectFrom('tessera_migrations')
    .select(['version', 'name', 'applied_at'])
    .orderBy('version')
    .execute();
}

const metaTables = [
  'tessera_bases',
  'tessera_fields',
  'tessera_migrations',
  'tessera_tables',
  'tessera_view_fields',
  'tessera_view_filters',
  'tessera_view_sorts',
  'tessera_views',
];

describe.each(testDialects)('migration runner on %s', (dialect) => {
  const cleanups: (() => Promise<void>)[] = [];

  /** A fresh database, closed and dropped after the test. */
  async function freshDatabase() {
    const test = await createTestDatabase(dialect);
    const database = openDatabase<MetaTables>(test.config);
    cleanups.push(async () => {
      await database.close();
      await test.drop();
    });
    return { database, config: test.config };
  }

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('migrates a fresh database to the latest version and records every version', async () => {
    const { database } = await freshDatabase();
    expect(latestSchemaVersion).toBe(knownMigrations.at(-1)?.version);
    expect(latestSchemaVersion).toBeGreaterThanOrEqual(1);

    const before = await migrationStatus(database);
    expect(before.current).toBe(0);
    expect(before.latest).toBe(latestSchemaVersion);
    expect(before.pending.map((m) => m.version)).toEqual(knownMigrations.map((m) => m.version));

    const applied = await migrateToLatest(database);
    expect(applied).toEqual(knownMigrations.map((m) => m.version));

    const rows = await recordedMigrations(database);
    expect(rows.map((r) => Number(r.version))).toEqual(knownMigrations.map((m) => m.version));
    expect(rows.map((r) => r.name)).toEqual(knownMigrations.map((m) => m.name));
    for (const row of rows) expect(Number.isNaN(Date.parse(row.applied_at))).toBe(false);

    const after = await migrationStatus(database);
    expect(after).toMatchObject({ current: latestSchemaVersion, latest: latestSchemaVersion, pending: [] });
    expect(await tableNames(database, dialect)).toEqual(expect.arrayContaining(metaTables));
  });

  it('versions are strictly increasing from 1 and never repeat', () => {
    const versions = knownMigrations.map((m) => m.version);
    expect(versions[0]).toBe(1);
    for (let i = 1; i < versions.length; i += 1) expect(versions[i]).toBeGreaterThan(versions[i - 1]!);
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('applies nothing when run again, through the runner and through the store', async () => {
    const { database, config } = await freshDatabase();
    await migrateToLatest(database);
    const rowsBefore = await recordedMigrations(database);
    const tablesBefore = await tableNames(database, dialect);

    expect(await migrateToLatest(database)).toEqual([]);
    const store = openStore(config);
    try {
      expect(await store.migrate()).toEqual([]);
    } finally {
      await store.close();
    }

    expect(await recordedMigrations(database)).toEqual(rowsBefore);
    expect(await tableNames(database, dialect)).toEqual(tablesBefore);
  });

  it('refuses a database migrated by a newer Tessera, naming both versions, and changes nothing', async () => {
    const { database, config } = await freshDatabase();
    await migrateToLatest(database);
    const newer = latestSchemaVersion + 7;
    await database.db
      .insertInto('tessera_migrations')
      .values({ version: newer, name: 'from the future', applied_at: new Date().toISOString() })
      .execute();
    const rowsBefore = await recordedMigrations(database);
    const tablesBefore = await tableNames(database, dialect);

    const error = await migrateToLatest(database).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SchemaTooNewError);
    expect((error as Error).name).toBe('SchemaTooNewError');
    expect((error as Error).message).toContain(`version ${newer}`);
    expect((error as Error).message).toContain(`up to ${latestSchemaVersion}`);

    const store = openStore(config);
    try {
      await expect(store.migrate()).rejects.toBeInstanceOf(SchemaTooNewError);
    } finally {
      await store.close();
    }

    expect(await recordedMigrations(database)).toEqual(rowsBefore);
    expect(await tableNames(database, dialect)).toEqual(tablesBefore);
  });

  it('a migration that fails on a fresh database leaves no trace', async () => {
    const { database } = await freshDatabase();
    const boom = new Error('migration 1 exploded');
    const failing: Migration = {
      version: 1,
      name: 'creates a table, then fails',
      async up(db) {
        await db.schema
          .createTable('doomed_first')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .execute();
        await sql`insert into doomed_first (id) values (1)`.execute(db);
        throw boom;
      },
    };

    await expect(migrateToLatest(database, [failing])).rejects.toBe(boom);

    const tables = await tableNames(database, dialect);
    expect(tables).not.toContain('doomed_first');
    expect(tables).toEqual(['tessera_migrations']);
    expect(await recordedMigrations(database)).toEqual([]);
    expect((await migrationStatus(database, [failing])).current).toBe(0);
  });

  it('a failing migration after good ones keeps the good ones and leaves no trace of itself', async () => {
    const { database } = await freshDatabase();
    const good: Migration = {
      version: latestSchemaVersion + 1,
      name: 'adds a table',
      async up(db) {
        await db.schema
          .createTable('extra_ok')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .execute();
      },
    };
    const failing: Migration = {
      version: latestSchemaVersion + 2,
      name: 'creates a table and changes meta data, then fails',
      async up(db) {
        await db.schema
          .createTable('doomed')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .execute();
        await db.schema.alterTable('extra_ok').addColumn('note', 'text').execute();
        throw new Error('migration exploded');
      },
    };
    const list = [...knownMigrations, good, failing];

    await expect(migrateToLatest(database, list)).rejects.toThrow('migration exploded');

    const tables = await tableNames(database, dialect);
    expect(tables).toEqual(expect.arrayContaining([...metaTables, 'extra_ok']));
    expect(tables).not.toContain('doomed');
    const versions = (await recordedMigrations(database)).map((r) => Number(r.version));
    expect(versions).toEqual([...knownMigrations.map((m) => m.version), good.version]);
    // The failed step's ALTER on an earlier table was rolled back too.
    expect(await columnNames(database, dialect, 'extra_ok')).toEqual(['id']);

    // Retrying with the failing step fixed applies only that step.
    const fixed: Migration = { ...failing, up: async () => {} };
    expect(await migrateToLatest(database, [...knownMigrations, good, fixed])).toEqual([fixed.version]);
  });
});
