import { type ApiVersion, type FieldModel, getFieldType, type TableModel, TesseraError } from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import { UserDirectory } from '../accounts/user-directory.ts';
import {
  type AuditEntry,
  type AuditInsert,
  appendAudit,
  auditInsertFromCte,
  auditRow,
  type ChangeContext,
} from '../audit/audit-log.ts';
import { ComputedReaders } from '../computed/computed-readers.ts';
import { computedSchema, isComputedField, lastComputedSchema } from '../computed/computed-schema.ts';
import { ComputedSelections, readsLinkedRows } from '../computed/computed-selection.ts';
import { type NestedFields, type ReadShape, shapeKey } from '../computed/read-shape.ts';
import {
  appendEvent,
  eventInsertFromCte,
  eventRow,
  nextSequence,
  type RecordEventInput,
} from '../events/event-log.ts';
import { unlinkDeletedRecords, writeBodyLinks } from '../links/link-writes.ts';
import { nowText } from '../meta/meta-rows.ts';
import { changedValues, fieldSnapshot } from '../meta/schema-audit.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import { assignAutoNumbers, autoNumberFields } from './auto-number.ts';
import { DATA_VERSION, ListStatements, ROW_COUNT, type SortSpec } from './list-statement.ts';
import { encodeFieldValue } from './record-codec.ts';
import {
  type AddedOptions,
  parseRecordBody,
  parseRecordId,
  primaryKeyField,
  recordIdOf,
} from './record-input.ts';
import { type ApiRecord, type RecordMapper, RecordMappers, type RowValues } from './record-mapper.ts';
import { insertStamp, updateStamp, updateStampFields } from './server-stamps.ts';
import { StatementShapes } from './statement-shapes.ts';
import { TotalsCache } from './totals-cache.ts';
import { resolveUserValues } from './user-values.ts';

export type { SortSpec };

export interface ListSpec {
  /** Columns to read (the primary key is always read). */
  readonly fields: readonly FieldModel[];
  readonly filter?: RawBuilder<boolean> | null;
  readonly sorts?: readonly SortSpec[];
  readonly limit: number;
  readonly offset: number;
  readonly shuffle?: boolean;
  /**
   * A view with record positions (RecordOrderStore.inUse): without sorts or shuffle the list
   * reads in its positions' order. Leave it out for views without positions.
   */
  readonly orderOfView?: string;
  /** API version and nested link fields the rows are read for (computed fields differ); default v2. */
  readonly shape?: ReadShape;
}

export interface WriteOptions {
  readonly typecast: boolean;
  /** Who writes; recorded in the audit trail in the write's transaction. */
  readonly change: ChangeContext;
}

export interface RecordStore {
  /**
   * One page of rows keyed by column name, plus the exact number of rows matching. Rows may
   * also carry internal columns; turn them into records with `mapper`.
   */
  list(table: TableModel, spec: ListSpec): Promise<{ rows: Record<string, unknown>[]; totalRows: number }>;
  /** Row → API record for these fields of the table, compiled once per table version and field list. */
  mapper(
    table: TableModel,
    fields: readonly FieldModel[],
    version: ApiVersion,
    nested?: NestedFields,
  ): RecordMapper;
  count(table: TableModel, filter?: RawBuilder<boolean> | null): Promise<number>;
  /** One row by id, or undefined. */
  get(
    table: TableModel,
    id: unknown,
    fields: readonly FieldModel[],
    shape?: ReadShape,
  ): Promise<Record<string, unknown> | undefined>;
  /** Rows by id in one query, in the order of `ids`; ids that do not exist are skipped. */
  getMany(
    table: TableModel,
    ids: readonly number[],
    fields: readonly FieldModel[],
    shape?: ReadShape,
  ): Promise<Record<string, unknown>[]>;
  /** Inserts all records or none; returns their ids in request order. */
  insert(table: TableModel, bodies: readonly unknown[], options: WriteOptions): Promise<number[]>;
  /** Updates all records or none; each body carries its id. Returns the ids in request order. */
  update(table: TableModel, bodies: readonly unknown[], options: WriteOptions): Promise<number[]>;
  /** Deletes all records or none. Returns the ids in request order. */
  remove(table: TableModel, bodies: readonly unknown[], change: ChangeContext): Promise<number[]>;
}

/** SQLite and PostgreSQL both accept at least this many bound parameters per statement. */
const MAX_PARAMETERS = 30_000;

function ref(column: string) {
  return sql.ref(column);
}

interface TableStats {
  readonly rowCount: number;
  readonly dataVersion: number;
}

/** A filter with its compiled SQL, which keys the totals cache and the statement cache. */
interface CompiledFilter {
  readonly builder: RawBuilder<boolean>;
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * The record ids an update or delete names, in request order: each body carries its primary
 * key (`Id`, `id`, …); a delete may also give bare ids. Missing, unparseable and repeated ids
 * fail the whole request before anything is written.
 */
function requestedIds(table: TableModel, bodies: readonly unknown[], allowBareIds: boolean): number[] {
  const seen = new Set<number>();
  return bodies.map((body, index) => {
    const where = bodies.length > 1 ? ` (record ${index + 1} of the request)` : '';
    const isObject = Boolean(body) && typeof body === 'object' && !Array.isArray(body);
    if (!isObject && !allowBareIds)
      throw new TesseraError('ERR_INVALID_REQUEST_BODY', `Each record must be a JSON object${where}`);
    const rawId = isObject ? recordIdOf(table, body as Record<string, unknown>) : body;
    if (rawId === undefined || rawId === null || rawId === '')
      throw new TesseraError('ERR_PRIMARY_KEY_REQUIRED', `Primary key is required${where}`);
    const id = parseRecordId(rawId);
    if (id === undefined) throw notFound(rawId);
    if (seen.has(id))
      throw new TesseraError('ERR_DUPLICATE_RECORD', `Duplicate record with id ${id}`, { id });
    seen.add(id);
    return id;
  });
}

function recordEntry(table: TableModel, action: string, id: number, details: unknown): AuditEntry {
  return { action, baseId: table.baseId, tableId: table.id, recordId: id, details };
}

/** The values of `row` in the order of `columns` (null for missing ones), and back. */
function valuesOf(row: Readonly<Record<string, unknown>>, columns: readonly string[]): unknown[] {
  return columns.map((column) => row[column] ?? null);
}

function rowOf(columns: readonly string[], bound: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(columns.map((column, index) => [column, bound[index]]));
}

/** A field whose value is its own column (not Links, Lookup, Rollup, Formula). */
function storesOwnValue(field: FieldModel): boolean {
  return !getFieldType(field.uidt).virtual;
}

/** Fields with a physical column of their own value. */
function storedFields(table: TableModel): FieldModel[] {
  return table.fields.filter(storesOwnValue);
}

function notFound(id: unknown): TesseraError {
  return new TesseraError('ERR_RECORD_NOT_FOUND', `Record '${String(id)}' not found`, { id });
}

export function recordStore(context: StoreContext): RecordStore {
  const { db, dialect } = context;
  const totals = new TotalsCache();
  const listStatements = new ListStatements();
  const mappers = new RecordMappers(dialect);
  const selections = new ComputedSelections();
  const shapes = new StatementShapes();
  const users = new UserDirectory(db);

  /** Field title → API value, for the audit trail's before (stored) and after (canonical). */
  const auditValues = (
    table: TableModel,
    row: Record<string, unknown>,
    fields: readonly FieldModel[],
    values: RowValues = 'stored',
  ) => mappers.get(table, fields, 'v2', values)(row);

  const tableStats = async (executor: Executor, tableId: string): Promise<TableStats> => {
    const row = await executor
      .selectFrom('tessera_table_stats')
      .select([
        sql<number>`coalesce(sum(row_count), 0)`.as('rows'),
        sql<number>`coalesce(sum(data_version), 0)`.as('version'),
      ])
      .where('table_id', '=', tableId)
      .executeTakeFirst();
    return { rowCount: Number(row?.rows ?? 0), dataVersion: Number(row?.version ?? 0) };
  };

  /** The upsert counting a write of `rowDelta` rows in shard `shard` of the table's stats. */
  const statsUpsert = (executor: Executor, tableId: string, shard: number, rowDelta: number) =>
    executor
      .insertInto('tessera_table_stats')
      .values({ table_id: tableId, shard, row_count: rowDelta, data_version: sql.lit(1) })
      .onConflict((oc) =>
        oc.columns(['table_id', 'shard']).doUpdateSet((eb) => ({
          row_count: eb('tessera_table_stats.row_count', '+', rowDelta),
          data_version: eb('tessera_table_stats.data_version', '+', sql.lit(1)),
        })),
      );

  /** Writes land in a random shard, so concurrent writers rarely wait on one row. */
  const randomShard = () => Math.floor(Math.random() * dialect.counterShards);

  /** Counts the write in one shard of the table's stats, in the write's transaction. */
  const bumpStats = async (trx: Executor, tableId: string, rowDelta: number) => {
    await statsUpsert(trx, tableId, randomShard(), rowDelta).execute();
  };

  /**
   * Inserts one record, counts it in the table's stats and audits it in a single statement
   * (data-modifying CTEs): atomic by itself, one round trip. The SQL is built once per table
   * and column list (see StatementShapes).
   */
  const insertOneStatement = async (
    executor: Executor,
    table: TableModel,
    row: Record<string, unknown>,
    after: ApiRecord,
    event: RecordEventInput,
    change: ChangeContext,
    now: string,
  ): Promise<number> => {
    const pk = primaryKeyField(table);
    const columns = Object.keys(row);
    const entry = { action: 'record.insert', baseId: table.baseId, tableId: table.id, details: { after } };
    const audit = auditRow(change, entry, now);
    const auditColumns = (Object.keys(audit) as (keyof AuditInsert)[]).filter((c) => c !== 'record_id');
    const outbox = eventRow(change, event, now);
    const eventColumns = (Object.keys(outbox) as (keyof typeof outbox)[]).filter((c) => c !== 'record_ids');
    const values = [
      ...valuesOf(row, columns),
      table.id,
      randomShard(),
      1,
      ...valuesOf(audit, auditColumns),
      ...valuesOf(outbox, eventColumns),
    ];
    const key = ['insert-one', table.tableName, pk.columnName, ...columns].join('\u0000');
    const statement = shapes.compile(key, values, (bound) => {
      const at = columns.length;
      const insert = executor
        .insertInto(table.tableName)
        .values(rowOf(columns, bound))
        .returning(ref(pk.columnName).as('id'));
      const counted = statsUpsert(
        executor,
        bound[at] as string,
        bound[at + 1] as number,
        bound[at + 2] as number,
      ).returning('shard');
      const audited = auditInsertFromCte(
        executor,
        {
          ...audit,
          ...Object.fromEntries(auditColumns.map((column, index) => [column, bound[at + 3 + index]])),
        },
        'inserted',
      );
      const eventAt = at + 3 + auditColumns.length;
      const boundEvent = {
        ...outbox,
        ...Object.fromEntries(eventColumns.map((column, index) => [column, bound[eventAt + index]])),
      };
      // The stats row is locked before the sequence row, as in every other write.
      const sequence = nextSequence(executor, boundEvent.base_id, 'counted');
      const evented = eventInsertFromCte(executor, boundEvent, 'sequence', 'inserted');
      const ctes = sql`inserted as (${insert}), counted as (${counted}), audited as (${audited}), sequence as (${sequence}), evented as (${evented})`;
      return sql`with ${ctes} select id from inserted`.compile(executor);
    });
    const result = await executor.executeQuery<{ id: unknown }>(statement);
    return Number(result.rows[0]?.id);
  };

  /**
   * What insertOneStatement does except the event, as three statements (insert, stats, audit)
   * in the caller's transaction, which appends the event last; each one's SQL is built once.
   */
  const insertOneSteps = async (
    trx: Executor,
    table: TableModel,
    row: Record<string, unknown>,
    after: ApiRecord,
    change: ChangeContext,
    now: string,
  ): Promise<number> => {
    const pk = primaryKeyField(table);
    const columns = Object.keys(row);
    const insertKey = ['insert', table.tableName, pk.columnName, ...columns].join('\u0000');
    const insert = shapes.compile(insertKey, valuesOf(row, columns), (bound) =>
      trx
        .insertInto(table.tableName)
        .values(rowOf(columns, bound))
        .returning(ref(pk.columnName).as('id'))
        .compile(),
    );
    const id = Number((await trx.executeQuery<{ id: unknown }>(insert)).rows[0]?.id);
    const stats = shapes.compile('stats', [table.id, randomShard(), 1], (bound) =>
      statsUpsert(trx, bound[0] as string, bound[1] as number, bound[2] as number).compile(),
    );
    await trx.executeQuery(stats);
    const audit = auditRow(change, recordEntry(table, 'record.insert', id, { after }), now);
    const auditColumns = Object.keys(audit) as (keyof AuditInsert)[];
    const audited = shapes.compile('audit', valuesOf(audit, auditColumns), (bound) =>
      trx
        .insertInto('tessera_audit_log')
        .values(rowOf(auditColumns, bound) as AuditInsert)
        .compile(),
    );
    await trx.executeQuery(audited);
    return id;
  };

  /** Exact total for a filter, given the table's stats read with (or just before) the page. */
  const totalFor = async (table: TableModel, filter: CompiledFilter | null, stats: TableStats) => {
    if (!filter) return stats.rowCount;
    // A filter on computed fields reads other tables, whose changes the table's version misses.
    const cacheable = !readsLinkedRows(filter.sql);
    const key = `${table.id}\u0000${filter.sql}\u0000${JSON.stringify(filter.parameters)}`;
    const cached = cacheable ? totals.get(key, stats.dataVersion) : undefined;
    if (cached !== undefined) return cached;
    const row = await db
      .selectFrom(table.tableName)
      .select(sql<number>`count(*)`.as('n'))
      .where(filter.builder)
      .executeTakeFirst();
    const n = Number(row?.n ?? 0);
    if (cacheable) totals.set(key, stats.dataVersion, n);
    return n;
  };

  const count = async (table: TableModel, filter?: RawBuilder<boolean> | null): Promise<number> =>
    totalFor(
      table,
      filter ? { builder: filter, ...filter.compile(db) } : null,
      await tableStats(db, table.id),
    );

  /**
   * Adds select options that typecast writes introduced, inside the write's transaction, and
   * audits each changed field as a `field.update` of its options.
   */
  const saveAddedOptions = async (
    trx: Executor,
    table: TableModel,
    added: AddedOptions,
    change: ChangeContext,
  ) => {
    const entries: AuditEntry[] = [];
    for (const [fieldId, options] of added) {
      const field = table.fields.find((f) => f.id === fieldId);
      if (!field || options.length === 0) continue;
      const next = [...field.options, ...options];
      await trx
        .updateTable('tessera_fields')
        .set({ options: JSON.stringify(next), updated_at: nowText() })
        .where('id', '=', fieldId)
        .execute();
      entries.push({
        action: 'field.update',
        baseId: table.baseId,
        tableId: table.id,
        targetId: fieldId,
        details: changedValues(fieldSnapshot(field), fieldSnapshot({ ...field, options: next })),
      });
    }
    await appendAudit(trx, change, entries);
  };

  /**
   * Runs a record write in a transaction, or (`oneStatement`, when nothing else must be
   * written with it) straight on the database, as a statement is atomic by itself. A
   * unique-field clash becomes a 400 naming the unique fields.
   */
  const write = async <T>(
    table: TableModel,
    added: AddedOptions,
    change: ChangeContext,
    work: (trx: Executor) => Promise<T>,
    oneStatement = false,
  ): Promise<T> => {
    try {
      const result =
        oneStatement && added.size === 0
          ? await work(db)
          : await db.transaction().execute(async (trx) => {
              const value = await work(trx);
              await saveAddedOptions(trx, table, added, change);
              return value;
            });
      context.eventSignal.appended(table.baseId);
      return result;
    } catch (error) {
      if (dialect.constraintViolation(error) === 'unique') {
        const unique = table.fields.filter((f) => f.unique).map((f) => `'${f.title}'`);
        throw new TesseraError(
          'ERR_FIELD_UNIQUE_CONSTRAINT_VIOLATION',
          `A record with the same value already exists in unique field ${unique.join(', ') || ''}`.trim(),
        );
      }
      throw error;
    } finally {
      if (added.size > 0) context.cache.forgetTable(table.id);
    }
  };

  /**
   * Rows by id (those that exist), read through the given executor. With a read shape,
   * computed fields are read too (see computed/computed-selection.ts); without, only stored ones.
   */
  const rowsIn = async (
    executor: Executor,
    table: TableModel,
    ids: readonly number[],
    fields: readonly FieldModel[],
    shape?: ReadShape,
  ) => {
    const pk = primaryKeyField(table);
    const schema = shape ? await computedSchema(context, table) : undefined;
    const selection = schema?.hasComputed
      ? selections.get(schema, { schema, dialect, depth: 1 }, fields, shape as ReadShape)
      : undefined;
    const columns = selection?.columns ?? [
      ...new Set([pk.columnName, ...fields.filter(storesOwnValue).map((f) => f.columnName)]),
    ];
    const found = new Map<number, Record<string, unknown>>();
    for (let start = 0; start < ids.length; start += MAX_PARAMETERS) {
      const rows = await executor
        .selectFrom(table.tableName)
        .select(columns.map((c) => ref(c).as(c)))
        .select((selection?.computed ?? []).map((c) => c.expression.as(c.alias)))
        .where(ref(pk.columnName), 'in', ids.slice(start, start + MAX_PARAMETERS))
        .execute();
      for (const row of rows as Record<string, unknown>[]) found.set(Number(row[pk.columnName]), row);
    }
    return found;
  };

  const rowsById = async (
    table: TableModel,
    ids: readonly number[],
    fields: readonly FieldModel[],
    shape: ReadShape = { version: 'v2' },
  ) => {
    const found = await rowsIn(db, table, ids, fields, shape);
    return ids.flatMap((id): Record<string, unknown>[] => {
      const row = found.get(id);
      return row ? [row] : [];
    });
  };

  /** Columns a list reads for a field list (the primary key first), kept per field list. */
  const listColumns = new WeakMap<readonly FieldModel[], readonly string[]>();
  const columnsOf = (pk: FieldModel, fields: readonly FieldModel[]): readonly string[] => {
    let columns = listColumns.get(fields);
    if (!columns) {
      columns = [...new Set([pk.columnName, ...fields.map((f) => f.columnName)])];
      listColumns.set(fields, columns);
    }
    return columns;
  };

  return {
    async list(table, spec) {
      const pk = primaryKeyField(table);
      const schema = await computedSchema(context, table);
      const selection = schema.hasComputed
        ? selections.get(schema, { schema, dialect, depth: 1 }, spec.fields, spec.shape ?? { version: 'v2' })
        : undefined;
      const columns = selection?.columns ?? columnsOf(pk, spec.fields);
      const filter = spec.filter ? { builder: spec.filter, ...spec.filter.compile(db) } : null;
      const statement = listStatements.statement(db, dialect, table, {
        columns,
        computed: selection && {
          columns: selection.computed,
          key: selection.key,
          sort: selection.sort,
        },
        pkColumn: pk.columnName,
        filter,
        sorts: spec.sorts ?? [],
        shuffle: spec.shuffle ?? false,
        orderOfView: spec.orderOfView,
        limit: spec.limit,
        offset: spec.offset,
      });
      const rows = (await db.executeQuery(statement)).rows as Record<string, unknown>[];
      const first = rows[0];
      // The stats columns stay on the rows: deleting them would turn every row into a slow
      // dictionary object, and mappers read only the columns of their fields.
      const stats = first
        ? { rowCount: Number(first[ROW_COUNT]), dataVersion: filter ? Number(first[DATA_VERSION]) : 0 }
        : await tableStats(db, table.id);
      return { rows, totalRows: await totalFor(table, filter, stats) };
    },

    count,

    mapper(table, fields, version, nested) {
      const schema = lastComputedSchema(table);
      if (!schema.hasComputed) return mappers.get(table, fields, version);
      const readers = new ComputedReaders(schema, dialect);
      const shape: ReadShape = { version, nested };
      return mappers.get(table, fields, version, 'stored', {
        owner: schema,
        key: shapeKey(shape),
        reader: (field) => (isComputedField(field) ? readers.selected(table, field, shape) : undefined),
      });
    },

    async get(table, id, fields, shape) {
      const recordId = parseRecordId(id);
      if (recordId === undefined) return undefined;
      return (await rowsById(table, [recordId], fields, shape))[0];
    },

    getMany: rowsById,

    async insert(table, bodies, options) {
      const added: AddedOptions = new Map();
      const parsed = bodies.map((body, index) =>
        parseRecordBody(table, body, bodies.length > 1 ? index : -1, {
          ...options,
          allowPrimaryKey: false,
          addedOptions: added,
        }),
      );
      await resolveUserValues(
        users,
        table,
        parsed.map((p) => p.values),
      );
      const now = nowText();
      const writable = table.fields.filter((f) => !f.pk && storesOwnValue(f));
      const links = parsed.map((p) => p.links);
      const hasLinks = links.some((l) => l.size > 0);
      // Loaded before the write's transaction (on SQLite, loading inside it would wait for it).
      const schema = hasLinks ? await computedSchema(context, table) : undefined;
      // What is stored (driver values) and, for the audit trail, the same values canonical.
      const canonicalRows: Record<string, unknown>[] = [];
      const rows = parsed.map(({ values }, index) => {
        const row: Record<string, unknown> = {};
        const canonical: Record<string, unknown> = {};
        canonicalRows.push(canonical);
        for (const field of writable) {
          let value = insertStamp(field, now, options.change);
          if (value === undefined)
            value = values.has(field.id) ? values.get(field.id) : (field.defaultValue ?? null);
          if (field.required && (value === null || value === '') && !getFieldType(field.uidt).serverManaged) {
            const where = bodies.length > 1 ? ` (record ${index + 1} of the request)` : '';
            throw new TesseraError(
              'ERR_REQUIRED_FIELD_MISSING',
              `Field '${field.title}' is required${where}`,
              {
                field: field.title,
              },
            );
          }
          canonical[field.columnName] = value;
          row[field.columnName] = encodeFieldValue(field, value, dialect);
        }
        return row;
      });
      const written = writable.filter((f) => !getFieldType(f.uidt).serverManaged);
      const after = (index: number) => auditValues(table, canonicalRows[index] ?? {}, written, 'canonical');
      const stored = storedFields(table).filter((f) => !f.pk);
      const idField = primaryKeyField(table).title;
      /** The event of the insert, once AutoNumbers are given (they are stored values too). */
      const insertEvent = (ids: readonly number[]): RecordEventInput => {
        for (const field of autoNumberFields(table))
          rows.forEach((row, index) => {
            (canonicalRows[index] as Record<string, unknown>)[field.columnName] = row[field.columnName];
          });
        return {
          baseId: table.baseId,
          tableId: table.id,
          type: 'records.insert',
          recordIds: ids,
          rows: canonicalRows.map((canonical, index) => ({
            ...(ids[index] === undefined ? {} : { [idField]: ids[index] }),
            ...auditValues(table, canonical, stored, 'canonical'),
          })),
          idField,
        };
      };
      const [only] = rows;
      const oneStatement = dialect.supportsWritableCtes && autoNumberFields(table).length === 0 && !hasLinks;
      if (rows.length === 1 && only)
        return write(
          table,
          added,
          options.change,
          async (executor) => {
            if (oneStatement)
              return [
                await insertOneStatement(
                  executor,
                  table,
                  only,
                  after(0),
                  insertEvent([]),
                  options.change,
                  now,
                ),
              ];
            await assignAutoNumbers(executor, table, rows);
            const id = await insertOneSteps(executor, table, only, after(0), options.change, now);
            if (schema)
              await writeBodyLinks(executor, context, schema, [{ id, links: links[0]! }], options.change);
            // Last: the event's sequence row stays locked until commit (see nextSequence).
            await appendEvent(executor, options.change, insertEvent([id]), now);
            return [id];
          },
          oneStatement,
        );
      if (rows.length === 0) return [];
      const pk = primaryKeyField(table);
      const chunkSize = Math.max(1, Math.floor(MAX_PARAMETERS / Math.max(1, writable.length)));
      return write(table, added, options.change, async (trx) => {
        await assignAutoNumbers(trx, table, rows);
        const ids: number[] = [];
        for (let start = 0; start < rows.length; start += chunkSize) {
          const chunk = rows.slice(start, start + chunkSize);
          const inserted = await trx
            .insertInto(table.tableName)
            .values(chunk)
            .returning(ref(pk.columnName).as('id'))
            .execute();
          ids.push(...inserted.map((r) => Number((r as { id: unknown }).id)).sort((a, b) => a - b));
        }
        await bumpStats(trx, table.id, rows.length);
        await appendAudit(
          trx,
          options.change,
          rows.map((_, index) =>
            recordEntry(table, 'record.insert', ids[index] as number, { after: after(index) }),
          ),
        );
        if (schema)
          await writeBodyLinks(
            trx,
            context,
            schema,
            ids.map((id, index) => ({ id, links: links[index]! })),
            options.change,
          );
        await appendEvent(trx, options.change, insertEvent(ids), now);
        return ids;
      });
    },

    async update(table, bodies, options) {
      const added: AddedOptions = new Map();
      const pk = primaryKeyField(table);
      const ids = requestedIds(table, bodies, false);
      const items = bodies.map((body, index) => {
        const id = ids[index] as number;
        const parsed = parseRecordBody(table, body, bodies.length > 1 ? index : -1, {
          ...options,
          allowPrimaryKey: true,
          addedOptions: added,
        });
        return { id, values: parsed.values, links: parsed.links };
      });
      await resolveUserValues(
        users,
        table,
        items.map((i) => i.values),
      );
      const schema = items.some((i) => i.links.size > 0) ? await computedSchema(context, table) : undefined;
      const now = nowText();
      const stamped = updateStampFields(table);
      const stored = storedFields(table);
      return write(table, added, options.change, async (trx) => {
        // Whole rows, for the event's previous and current records.
        const before = await rowsIn(trx, table, ids, stored);
        const entries: AuditEntry[] = [];
        const previousRows: ApiRecord[] = [];
        const currentRows: ApiRecord[] = [];
        for (const item of items) {
          const set: Record<string, unknown> = {};
          const canonical: Record<string, unknown> = {};
          const fields: FieldModel[] = [];
          for (const [fieldId, value] of item.values) {
            const field = table.fields.find((f) => f.id === fieldId);
            if (!field) continue;
            canonical[field.columnName] = value;
            set[field.columnName] = encodeFieldValue(field, value, dialect);
            fields.push(field);
          }
          const previous = before.get(item.id);
          for (const field of stamped) {
            const stamp = updateStamp(field, now, options.change);
            canonical[field.columnName] = stamp;
            set[field.columnName] = encodeFieldValue(field, stamp, dialect);
          }
          if (previous) {
            entries.push(
              recordEntry(table, 'record.update', item.id, {
                before: auditValues(table, previous, fields),
                after: auditValues(table, canonical, fields, 'canonical'),
              }),
            );
            const old = auditValues(table, previous, stored);
            previousRows.push(old);
            currentRows.push({
              ...old,
              ...auditValues(table, canonical, [...fields, ...stamped], 'canonical'),
            });
          }
          const result =
            Object.keys(set).length > 0
              ? await trx
                  .updateTable(table.tableName)
                  .set(set)
                  .where(ref(pk.columnName), '=', item.id)
                  .executeTakeFirst()
              : undefined;
          const touched =
            result === undefined
              ? await trx
                  .selectFrom(table.tableName)
                  .select(ref(pk.columnName).as('id'))
                  .where(ref(pk.columnName), '=', item.id)
                  .executeTakeFirst()
              : Number(result.numUpdatedRows) > 0;
          if (!touched) throw notFound(item.id);
        }
        await bumpStats(trx, table.id, 0);
        await appendAudit(trx, options.change, entries);
        // Link writes append their own events: after every other lock, like appendEvent.
        if (schema) await writeBodyLinks(trx, context, schema, items, options.change);
        await appendEvent(
          trx,
          options.change,
          {
            baseId: table.baseId,
            tableId: table.id,
            type: 'records.update',
            recordIds: ids,
            rows: currentRows,
            previousRows,
            idField: pk.title,
          },
          now,
        );
        return items.map((i) => i.id);
      });
    },

    async remove(table, bodies, change) {
      const pk = primaryKeyField(table);
      const ids = requestedIds(table, bodies, true);
      if (ids.length === 0) return [];
      const kept = storedFields(table).filter((f) => !f.pk);
      const schema = await computedSchema(context, table);
      return write(table, new Map(), change, async (trx) => {
        const existing = await rowsIn(trx, table, ids, kept);
        const missing = ids.find((id) => !existing.has(id));
        if (missing !== undefined) throw notFound(missing);
        await unlinkDeletedRecords(trx, schema, ids);
        for (let start = 0; start < ids.length; start += MAX_PARAMETERS)
          await trx
            .deleteFrom(table.tableName)
            .where(ref(pk.columnName), 'in', ids.slice(start, start + MAX_PARAMETERS))
            .execute();
        await bumpStats(trx, table.id, -ids.length);
        const removed = ids.map((id) =>
          auditValues(table, existing.get(id) as Record<string, unknown>, kept),
        );
        await appendAudit(
          trx,
          change,
          ids.map((id, index) => recordEntry(table, 'record.delete', id, { before: removed[index] })),
        );
        const rows = removed.map((record, index) => ({ [pk.title]: ids[index], ...record }));
        await appendEvent(
          trx,
          change,
          {
            baseId: table.baseId,
            tableId: table.id,
            type: 'records.delete',
            recordIds: ids,
            rows,
            idField: pk.title,
          },
          nowText(),
        );
        return ids;
      });
    },
  };
}
