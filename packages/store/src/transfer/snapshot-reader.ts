import { linkMetaOf } from '@tessera/core';
import { type Kysely, sql } from 'kysely';
import { hasColumn, indexName } from '../ddl/user-table-ddl.ts';
import type { Database } from '../dialect/dialect-adapter.ts';
import { fieldFromRow } from '../meta/meta-rows.ts';
import { loadTable } from '../meta/table-store.ts';
import { latestSchemaVersion } from '../migrations/migration-list.ts';
import type { AnyTables, Executor } from '../store-context.ts';
import { canonicalJson } from './canonical-json.ts';
import { type CatalogTable, catalogFor, type Snapshot } from './catalog/transfer-catalog.ts';
import { MultisetChecksum } from './multiset-checksum.ts';
import { metaRowCodec, type RowCodec, userRowCodec } from './row-codec.ts';
import { recordedSchemaVersion } from './schema-status.ts';
import { parentsFirst, referencedFirst, selfReferences } from './table-order.ts';
import { TransferError } from './transfer-error.ts';
import {
  ARCHIVE_FORMAT,
  ARCHIVE_FORMAT_VERSION,
  type FilesDigest,
  type InstanceStream,
  type Manifest,
  type TablePlan,
  type TransferItem,
} from './transfer-items.ts';
import { listUploads, type UploadFile, uploadItems } from './uploads.ts';

/** Rows per batch read from a table. */
export const READ_BATCH = 1000;

/** Bookkeeping of the migrations themselves: the target has its own, so it is not copied. */
export const MIGRATIONS_TABLE = 'tessera_migrations';

export interface SnapshotOptions {
  /** The uploads folder to include; leave out to copy the database only. */
  readonly uploadsDir?: string;
  /** Gets warnings found while reading (skipped tables, files deleted meanwhile). */
  readonly warnings?: string[];
}

interface PlannedTable {
  readonly plan: TablePlan;
  readonly table: CatalogTable;
  readonly codec: RowCodec;
}

/**
 * Reads the whole instance in one read-only snapshot (PostgreSQL REPEATABLE READ, SQLite one
 * read transaction): Tessera's own tables first, in foreign-key order, then every user table,
 * then the uploaded files. `use` gets the stream; the snapshot ends when `use` returns.
 * Writers are never blocked.
 */
export async function withInstanceSnapshot<T>(
  database: Database<AnyTables>,
  options: SnapshotOptions,
  use: (stream: InstanceStream) => Promise<T>,
): Promise<T> {
  const catalog = catalogFor(database.dialect);
  const snapshot = await catalog.beginSnapshot(database.db);
  try {
    const warnings = options.warnings ?? [];
    const tables = await catalog.tables(snapshot);
    const schemaVersion = await recordedSchemaVersion(snapshot, catalog);
    if (schemaVersion === null)
      throw new TransferError(
        'not-tessera',
        'The source database holds no Tessera schema (no tessera_migrations table)',
      );
    if (schemaVersion > latestSchemaVersion)
      throw new TransferError(
        'schema-mismatch',
        `The source database is at schema version ${schemaVersion}, newer than this Tessera (${latestSchemaVersion}); upgrade Tessera first`,
      );
    const planned = await planTables(database, snapshot, tables);
    const files = options.uploadsDir === undefined ? [] : await listUploads(options.uploadsDir);
    const header: InstanceStream['header'] = {
      format: ARCHIVE_FORMAT,
      formatVersion: ARCHIVE_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      source: { dialect: database.dialect.name, schemaVersion },
      tables: planned.map((p) => ({ name: p.plan.name, kind: p.plan.kind, rows: p.plan.rows })),
      files: {
        included: options.uploadsDir !== undefined,
        count: files.length,
        bytes: files.reduce((sum, f) => sum + f.size, 0),
      },
      skippedTables: tables
        .map((t) => t.name)
        .filter((name) => name !== MIGRATIONS_TABLE && !planned.some((p) => p.plan.name === name)),
    };
    for (const name of header.skippedTables)
      warnings.push(`table ${name} belongs to no Tessera table and was not copied`);
    const items = readItems(database, snapshot, planned, options.uploadsDir, files, warnings);
    return await use({ header, items });
  } finally {
    await snapshot.rollback().execute();
  }
}

async function planTables(
  database: Database<AnyTables>,
  snapshot: Snapshot,
  tables: readonly CatalogTable[],
): Promise<PlannedTable[]> {
  const catalog = catalogFor(database.dialect);
  const byName = new Map(tables.map((t) => [t.name, t]));
  const count = async (name: string) => {
    const row = await sql<{ n: number | bigint }>`select count(*) as n from ${sql.id(name)}`.execute(
      snapshot,
    );
    return Number(row.rows[0]?.n ?? 0);
  };
  const sequence = async (table: CatalogTable) =>
    table.autoIncrement === null
      ? undefined
      : {
          column: table.autoIncrement,
          value: await catalog.sequenceValue(snapshot, table.name, table.autoIncrement),
        };

  const planned: PlannedTable[] = [];
  const meta = tables.filter((t) => t.name.startsWith('tessera_') && t.name !== MIGRATIONS_TABLE);
  for (const table of referencedFirst(meta)) {
    const seq = await sequence(table);
    planned.push({
      table,
      codec: metaRowCodec(table.columns),
      plan: {
        name: table.name,
        kind: 'meta',
        columns: table.columns,
        rows: await count(table.name),
        ...(seq ? { sequence: seq } : {}),
      },
    });
  }

  const relations = await database.dialect.relationNames(snapshot as unknown as Kysely<unknown>);
  const ids = await snapshot.selectFrom('tessera_tables').select('id').orderBy('id').execute();
  for (const { id } of ids) {
    const model = await loadTable(snapshot, id);
    if (!model) continue;
    const table = byName.get(model.tableName);
    if (!table)
      throw new TransferError(
        'not-tessera',
        `Table ${model.title} (${id}) has no SQL table ${model.tableName}; the source database is damaged`,
      );
    // Computed fields have no column (a belongs-to link keeps its key column under its own name).
    const columns = model.fields.filter(hasColumn).map((f) => f.columnName);
    const missing = columns.filter((c) => !table.columns.includes(c));
    if (missing.length > 0)
      throw new TransferError(
        'not-tessera',
        `SQL table ${model.tableName} lacks the columns ${missing.join(', ')} that its fields describe`,
      );
    const seq = await sequence(table);
    planned.push({
      table,
      codec: userRowCodec(database.dialect, columns, model.fields),
      plan: {
        name: model.tableName,
        kind: 'user',
        columns,
        rows: await count(model.tableName),
        tableId: id,
        indexes: model.fields
          .filter(hasColumn)
          .flatMap((f) =>
            [false, true]
              .filter((unique) => relations.has(indexName(f.id, unique)))
              .map((unique) => ({ fieldId: f.id, unique })),
          ),
        ...(seq ? { sequence: seq } : {}),
      },
    });
  }
  planned.push(...(await junctionPlans(snapshot, byName, planned, count)));
  return planned;
}

/**
 * The junction tables of many-to-many links, after every user table: each once, described by
 * the link field whose meta names its first column as the field's own side.
 */
async function junctionPlans(
  snapshot: Snapshot,
  byName: ReadonlyMap<string, CatalogTable>,
  planned: readonly PlannedTable[],
  count: (name: string) => Promise<number>,
): Promise<PlannedTable[]> {
  const plans: PlannedTable[] = [];
  const fields = await snapshot.selectFrom('tessera_fields').selectAll().orderBy('id').execute();
  for (const field of fields.map(fieldFromRow)) {
    const junction = linkMetaOf(field)?.junction;
    const table = junction ? byName.get(junction.table) : undefined;
    if (!junction || !table || table.columns[0] !== junction.selfColumn) continue;
    if (planned.some((p) => p.plan.name === table.name) || plans.some((p) => p.plan.name === table.name))
      continue;
    const columns = [junction.selfColumn, junction.relatedColumn];
    plans.push({
      table,
      codec: metaRowCodec(columns),
      plan: { name: table.name, kind: 'user', columns, rows: await count(table.name), junctionOf: field.id },
    });
  }
  return plans;
}

async function* readItems(
  database: Database<AnyTables>,
  snapshot: Snapshot,
  planned: readonly PlannedTable[],
  uploadsDir: string | undefined,
  files: readonly UploadFile[],
  warnings: string[],
): AsyncGenerator<TransferItem> {
  const tables: Manifest['tables'][number][] = [];
  for (const { plan, table, codec } of planned) {
    yield { kind: 'table', plan };
    const checksum = new MultisetChecksum();
    const selfKeys = selfReferences(table);
    const buffered: unknown[][] = [];
    for await (const batch of readTableValues(database, snapshot, plan, codec)) {
      const json = batch.map((values) => canonicalJson(values));
      for (const text of json) checksum.add(text);
      if (selfKeys.length > 0) buffered.push(...batch);
      else yield { kind: 'rows', rows: batch, json };
    }
    // Rows referencing rows of their own table go after them, so inserting never breaks a key.
    const ordered = parentsFirst(buffered, plan.columns, selfKeys);
    for (let i = 0; i < ordered.length; i += READ_BATCH)
      yield { kind: 'rows', rows: ordered.slice(i, i + READ_BATCH) };
    const digest = { rows: checksum.count, checksum: checksum.digest() };
    tables.push({ name: plan.name, ...digest });
    yield { kind: 'table-end', ...digest };
  }
  let filesDigest: FilesDigest = { count: 0, bytes: 0, checksum: new MultisetChecksum().digest() };
  if (uploadsDir !== undefined)
    yield* uploadItems(uploadsDir, files, warnings, (digest) => {
      filesDigest = digest;
    });
  yield { kind: 'end', manifest: { tables, files: filesDigest } };
}

/** A table's rows in archive form, batch by batch (also used to verify a target). */
export async function* readTableValues(
  database: Database<AnyTables>,
  executor: Executor,
  plan: Pick<TablePlan, 'name' | 'columns'>,
  codec: RowCodec,
): AsyncGenerator<unknown[][]> {
  const catalog = catalogFor(database.dialect);
  for await (const rows of catalog.readRows(executor, plan.name, plan.columns, READ_BATCH))
    yield rows.map((row) => codec.fromDriver(row));
}
