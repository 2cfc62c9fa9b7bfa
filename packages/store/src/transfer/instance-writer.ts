import { linkMetaOf, type TableModel } from '@tessera/core';
import { sql } from 'kysely';
import { userTableDdl } from '../ddl/user-table-ddl.ts';
import type { Database } from '../dialect/dialect-adapter.ts';
import { createJunction } from '../links/link-ddl.ts';
import { fieldFromRow } from '../meta/meta-rows.ts';
import { loadTable } from '../meta/table-store.ts';
import type { AnyTables, Executor } from '../store-context.ts';
import { canonicalJson } from './canonical-json.ts';
import { type CatalogTable, catalogFor } from './catalog/transfer-catalog.ts';
import { MultisetChecksum } from './multiset-checksum.ts';
import { metaRowCodec, type RowCodec, userRowCodec } from './row-codec.ts';
import { MIGRATIONS_TABLE, readTableValues } from './snapshot-reader.ts';
import { referencedFirst } from './table-order.ts';
import { migrateTargetTo } from './target-schema.ts';
import { TransferError } from './transfer-error.ts';
import type { Digest, InstanceStream, Manifest, TablePlan } from './transfer-items.ts';
import type { ProgressListener, TableReport, TransferReport } from './transfer-report.ts';
import type { UploadsSink } from './uploads.ts';

export interface WriteOptions {
  /** Replace whatever the target holds; without it a target with data is refused. */
  readonly force: boolean;
  /** Where the stream's files go; without it they are not written. */
  readonly uploads?: { readonly sink: UploadsSink; readonly hasFiles: boolean };
  readonly onProgress?: ProgressListener;
}

/** Most bound parameters per INSERT (SQLite and PostgreSQL both accept more). */
const MAX_PARAMETERS = 30_000;
const MAX_BATCH_ROWS = 500;

interface OpenTable {
  readonly plan: TablePlan;
  readonly codec: RowCodec;
  readonly model?: TableModel;
  readonly batchRows: number;
  pending: (readonly unknown[])[];
  digest?: Digest;
}

/**
 * Writes an instance stream into a database in one transaction: migrates the target to the
 * stream's schema version, refuses a target with data unless `force` (which replaces it),
 * creates user tables from the copied meta rows, inserts rows in batches, recreates indexes,
 * advances sequences, then reads everything back and compares counts and checksums with the
 * stream's manifest. On any difference nothing is committed and a TransferError carries the
 * comparison. Finally migrates the target to the latest version.
 */
export async function writeInstance(
  database: Database<AnyTables>,
  stream: InstanceStream,
  options: WriteOptions,
): Promise<Omit<TransferReport, 'durationMs' | 'warnings'>> {
  const { header } = stream;
  await migrateTargetTo(database, header.source.schemaVersion);
  const sink = options.uploads?.sink;
  await sink?.open();
  let report: Omit<TransferReport, 'durationMs' | 'warnings'>;
  try {
    report = await database.db.transaction().execute(async (trx) => {
      const writer = new TransactionWriter(database, trx, stream, options);
      await writer.prepare();
      const manifest = await writer.consume();
      return writer.verify(manifest);
    });
  } catch (error) {
    await sink?.abort();
    throw error;
  }
  await sink?.commit();
  const schemaVersion = await migrateTargetTo(database);
  return { ...report, target: { dialect: database.dialect.name, schemaVersion } };
}

class TransactionWriter {
  readonly #database: Database<AnyTables>;
  readonly #trx: Executor;
  readonly #stream: InstanceStream;
  readonly #options: WriteOptions;
  readonly #tables: OpenTable[] = [];
  #targetTables = new Map<string, CatalogTable>();
  #rows = 0;
  #bytes = 0;
  readonly #totalRows: number;

  constructor(database: Database<AnyTables>, trx: Executor, stream: InstanceStream, options: WriteOptions) {
    this.#database = database;
    this.#trx = trx;
    this.#stream = stream;
    this.#options = options;
    this.#totalRows = stream.header.tables.reduce((sum, t) => sum + t.rows, 0);
  }

  /** Refuses a target with data unless forced; with force, empties it. */
  async prepare(): Promise<void> {
    const catalog = catalogFor(this.#database.dialect);
    this.#targetTables = new Map((await catalog.tables(this.#trx)).map((t) => [t.name, t]));
    const meta = referencedFirst(
      [...this.#targetTables.values()].filter(
        (t) => t.name.startsWith('tessera_') && t.name !== MIGRATIONS_TABLE,
      ),
    );
    const contents: string[] = [];
    for (const table of meta) {
      const row = await sql<{ n: number | bigint }>`
        select count(*) as n from ${sql.id(table.name)}`.execute(this.#trx);
      const n = Number(row.rows[0]?.n ?? 0);
      if (n > 0) contents.push(`${table.name} (${n} rows)`);
    }
    if (this.#options.uploads?.hasFiles) contents.push('files in the uploads folder');
    if (contents.length === 0) return;
    if (!this.#options.force)
      throw new TransferError(
        'target-not-empty',
        `The target is not empty: ${contents.join(', ')}. Pass --force to replace everything it holds.`,
      );
    const ddl = userTableDdl(this.#trx, this.#database.dialect);
    for (const { table_name } of await this.#trx.selectFrom('tessera_tables').select('table_name').execute())
      await ddl.dropTable(table_name);
    for (const row of await this.#trx.selectFrom('tessera_fields').selectAll().execute()) {
      const junction = linkMetaOf(fieldFromRow(row))?.junction;
      if (junction) await ddl.dropTable(junction.table);
    }
    for (const table of meta.reverse()) await this.#trx.deleteFrom(table.name).execute();
  }

  /** Writes every item; returns the manifest that ends the stream. */
  async consume(): Promise<Manifest> {
    const sink = this.#options.uploads?.sink;
    let table: OpenTable | undefined;
    for await (const item of this.#stream.items) {
      switch (item.kind) {
        case 'table':
          table = await this.#open(item.plan);
          this.#tables.push(table);
          break;
        case 'rows': {
          const open = this.#expect(table);
          for (const row of item.rows) {
            open.pending.push(row);
            if (open.pending.length >= open.batchRows) await this.#flush(open);
          }
          break;
        }
        case 'table-end': {
          const open = this.#expect(table);
          await this.#flush(open);
          await this.#close(open);
          open.digest = { rows: item.rows, checksum: item.checksum };
          table = undefined;
          break;
        }
        case 'file':
          await sink?.begin(item.path, item.mode);
          break;
        case 'chunk':
          await sink?.write(item.data);
          this.#bytes += item.data.length;
          this.#progress('copy');
          break;
        case 'file-end':
          await sink?.end(item.size, item.sha256);
          break;
        case 'end':
          return item.manifest;
      }
    }
    throw new TransferError('bad-archive', 'The archive is truncated: it ends before its manifest');
  }

  /** Reads the target back and compares each table and the files with the manifest. */
  async verify(manifest: Manifest): Promise<Omit<TransferReport, 'durationMs' | 'warnings'>> {
    const tables: TableReport[] = [];
    this.#rows = 0;
    for (const expected of manifest.tables) {
      const open = this.#tables.find((t) => t.plan.name === expected.name);
      const checksum = new MultisetChecksum();
      if (open) {
        for await (const batch of readTableValues(this.#database, this.#trx, open.plan, open.codec)) {
          for (const values of batch) checksum.add(canonicalJson(values));
          this.#rows += batch.length;
          this.#progress('verify', open.plan.name);
        }
      }
      const sameAsStream = open?.digest?.rows === expected.rows && open.digest.checksum === expected.checksum;
      tables.push({
        name: expected.name,
        kind: open?.plan.kind ?? 'meta',
        rows: expected.rows,
        checksum: expected.checksum,
        targetRows: checksum.count,
        targetChecksum: checksum.digest(),
        ok: sameAsStream && checksum.count === expected.rows && checksum.digest() === expected.checksum,
      });
    }
    for (const open of this.#tables)
      if (!manifest.tables.some((t) => t.name === open.plan.name))
        tables.push({ name: open.plan.name, kind: open.plan.kind, rows: 0, checksum: '', ok: false });

    const sink = this.#options.uploads?.sink;
    const included = this.#stream.header.files.included && sink !== undefined;
    const received = included ? await sink.digest() : undefined;
    const files = {
      ...manifest.files,
      included,
      ...(received
        ? { targetCount: received.count, targetBytes: received.bytes, targetChecksum: received.checksum }
        : {}),
      ok:
        received === undefined ||
        (received.count === manifest.files.count &&
          received.bytes === manifest.files.bytes &&
          received.checksum === manifest.files.checksum),
    };
    const report = {
      ok: files.ok && tables.every((t) => t.ok),
      source: this.#stream.header.source,
      target: {
        dialect: this.#database.dialect.name,
        schemaVersion: this.#stream.header.source.schemaVersion,
      },
      tables,
      files,
    };
    if (!report.ok) {
      const bad = [
        ...tables.filter((t) => !t.ok).map((t) => t.name),
        ...(files.ok ? [] : ['uploaded files']),
      ];
      throw new TransferError(
        'verification-failed',
        `The target differs from the source in ${bad.join(', ')}; nothing was committed`,
        { ...report, warnings: [], durationMs: 0 },
      );
    }
    return report;
  }

  async #open(plan: TablePlan): Promise<OpenTable> {
    const batchRows = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / plan.columns.length)));
    if (plan.kind === 'meta') {
      const target = this.#targetTables.get(plan.name);
      const missing = plan.columns.filter((c) => !target?.columns.includes(c));
      if (!target || missing.length > 0)
        throw new TransferError(
          'schema-mismatch',
          target
            ? `Table ${plan.name} of the target lacks the columns ${missing.join(', ')}`
            : `The target has no table ${plan.name}`,
        );
      return { plan, codec: metaRowCodec(plan.columns), batchRows, pending: [] };
    }
    if (plan.junctionOf !== undefined) return this.#openJunction(plan, batchRows);
    const model = plan.tableId === undefined ? undefined : await loadTable(this.#trx, plan.tableId);
    if (!model || model.tableName !== plan.name)
      throw new TransferError(
        'bad-archive',
        `User table ${plan.name} has no matching Tessera table in the archive`,
      );
    await userTableDdl(this.#trx, this.#database.dialect).createTable(model.tableName, model.fields);
    const codec = userRowCodec(this.#database.dialect, plan.columns, model.fields);
    return { plan, codec, model, batchRows, pending: [] };
  }

  /** A many-to-many link's junction table, made as its link field (copied with the meta) describes it. */
  async #openJunction(plan: TablePlan, batchRows: number): Promise<OpenTable> {
    const row = await this.#trx
      .selectFrom('tessera_fields')
      .selectAll()
      .where('id', '=', plan.junctionOf as string)
      .executeTakeFirst();
    const link = row ? linkMetaOf(fieldFromRow(row)) : undefined;
    if (!link?.junction || link.junction.table !== plan.name)
      throw new TransferError(
        'bad-archive',
        `Junction table ${plan.name} has no matching link field in the archive`,
      );
    await createJunction(this.#trx, this.#database.dialect, link.junction, link.inverseFieldId);
    return { plan, codec: metaRowCodec(plan.columns), batchRows, pending: [] };
  }

  async #flush(open: OpenTable): Promise<void> {
    if (open.pending.length === 0) return;
    const rows = open.pending.map((values) => open.codec.toDriver(values));
    open.pending = [];
    await this.#trx.insertInto(open.plan.name).values(rows).execute();
    this.#rows += rows.length;
    this.#progress('copy', open.plan.name);
  }

  /** Indexes and sequences, once a table's rows are in. */
  async #close(open: OpenTable): Promise<void> {
    const catalog = catalogFor(this.#database.dialect);
    const { plan, model } = open;
    let sequenceColumn = this.#targetTables.get(plan.name)?.autoIncrement ?? null;
    if (model) {
      const ddl = userTableDdl(this.#trx, this.#database.dialect);
      const pk = model.fields.find((f) => f.pk);
      for (const index of plan.indexes ?? []) {
        const field = model.fields.find((f) => f.id === index.fieldId);
        if (field)
          await ddl.createIndex(
            model.tableName,
            field,
            index.unique,
            index.unique ? undefined : pk?.columnName,
          );
      }
      sequenceColumn = pk?.columnName ?? null;
    }
    if (sequenceColumn !== null)
      await catalog.advanceSequence(this.#trx, plan.name, sequenceColumn, plan.sequence?.value ?? null);
  }

  #expect(table: OpenTable | undefined): OpenTable {
    if (!table) throw new TransferError('bad-archive', 'The archive has rows outside a table');
    return table;
  }

  #progress(phase: 'copy' | 'verify', table?: string): void {
    this.#options.onProgress?.({
      phase,
      ...(table ? { table } : {}),
      rows: this.#rows,
      totalRows: this.#totalRows,
      bytes: this.#bytes,
      totalBytes: this.#stream.header.files.included ? this.#stream.header.files.bytes : 0,
    });
  }
}
