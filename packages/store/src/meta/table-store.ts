import {
  columnNameFor,
  type FieldModel,
  isLinkField,
  newId,
  type TableModel,
  TesseraError,
  tableNameFor,
  uniqueName,
} from '@tessera/core';
import type { Kysely } from 'kysely';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { userTableDdl } from '../ddl/user-table-ddl.ts';
import { prepareNewTableFormulas } from '../formula/formula-field-spec.ts';
import { dropLinksToTable } from '../links/field-removal.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import { checkTitle, type FieldSpec, resolveFieldSpec, schemaError } from './field-spec.ts';
import { fieldFromRow, flag, nowText, parseJsonObject } from './meta-rows.ts';
import { changedValues, fieldList, tableSnapshot } from './schema-audit.ts';
import { insertViewRow } from './view-store.ts';

export interface TableSpec {
  readonly title?: string;
  /** Physical name wanted; made safe and unique. Defaults from the title. */
  readonly tableName?: string;
  readonly description?: string | null;
  readonly meta?: Record<string, unknown>;
  readonly fields?: readonly FieldSpec[];
}

export interface TableStore {
  list(baseId: string): Promise<TableModel[]>;
  /** A table with its fields, from the cache when possible. */
  get(id: string): Promise<TableModel>;
  /** Creates the table with its fields and default view; audited as `table.create`. */
  create(baseId: string, spec: TableSpec, change: ChangeContext): Promise<TableModel>;
  /** Renames (the SQL table too) or describes the table; audited as `table.update`. */
  update(id: string, spec: TableSpec, change: ChangeContext): Promise<TableModel>;
  /** Drops the table with its views; audited as `table.delete`. */
  remove(id: string, change: ChangeContext): Promise<void>;
}

/** Names a table brings along: its own, its primary key index and its id sequence. */
const derivedNames = (name: string) => [name, `${name}_pkey`, `${name}_id_seq`];

const systemFieldSpecs = {
  ID: { title: 'Id', columnName: 'id' },
  CreatedTime: { title: 'CreatedAt', columnName: 'created_at' },
  LastModifiedTime: { title: 'UpdatedAt', columnName: 'updated_at' },
} as const;

export async function loadTable(executor: Executor, id: string): Promise<TableModel | undefined> {
  const row = await executor.selectFrom('tessera_tables').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  const fields = await executor
    .selectFrom('tessera_fields')
    .selectAll()
    .where('table_id', '=', id)
    .orderBy('sort_order')
    .execute();
  return {
    id: row.id,
    baseId: row.base_id,
    title: row.title,
    tableName: row.table_name,
    description: row.description,
    meta: parseJsonObject(row.meta),
    order: Number(row.sort_order),
    fields: fields.map(fieldFromRow),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertFieldRow(executor: Executor, field: FieldModel): Promise<void> {
  const now = nowText();
  await executor
    .insertInto('tessera_fields')
    .values({
      id: field.id,
      table_id: field.tableId,
      title: field.title,
      column_name: field.columnName,
      uidt: field.uidt,
      is_pk: flag(field.pk),
      is_primary_value: flag(field.primaryValue),
      is_system: flag(field.system),
      is_required: flag(field.required),
      is_unique: flag(field.unique),
      default_value: field.defaultValue === null ? null : JSON.stringify(field.defaultValue),
      description: field.description,
      meta: JSON.stringify(field.meta),
      options: JSON.stringify(field.options),
      sort_order: field.order,
      created_at: now,
      updated_at: now,
    })
    .execute();
}

export function assertUniqueTitles(fields: readonly Pick<FieldModel, 'title'>[]): void {
  const seen = new Set<string>();
  for (const field of fields) {
    const key = field.title.toLowerCase();
    if (seen.has(key)) throw schemaError(`Duplicate field title '${field.title}'`);
    seen.add(key);
  }
}

/** A column name for a title that is safe, readable and unique in its table. */
export function freeColumnName(
  title: string,
  wanted: string | undefined,
  taken: ReadonlySet<string>,
): string {
  return uniqueName(columnNameFor(wanted ?? title), taken);
}

export function tableStore(context: StoreContext): TableStore {
  const { db, cache } = context;

  const get = async (id: string): Promise<TableModel> => {
    const cached = cache.table(id);
    if (cached) return cached;
    const table = await loadTable(db, id);
    if (!table) throw new TesseraError('ERR_TABLE_NOT_FOUND', `Table '${id}' not found`);
    return cache.rememberTable(table);
  };

  const assertBase = async (baseId: string) => {
    const base = await db
      .selectFrom('tessera_bases')
      .select('id')
      .where('id', '=', baseId)
      .executeTakeFirst();
    if (!base) throw new TesseraError('ERR_BASE_NOT_FOUND', `Base '${baseId}' not found`);
  };

  const assertTitleFree = async (baseId: string, title: string, exceptId?: string) => {
    const rows = await db
      .selectFrom('tessera_tables')
      .select(['id', 'title'])
      .where('base_id', '=', baseId)
      .execute();
    if (rows.some((r) => r.id !== exceptId && r.title.toLowerCase() === title.toLowerCase()))
      throw schemaError(`A table titled '${title}' already exists in this base`);
  };

  /**
   * A safe physical name for `wanted` that no relation of the database uses (tables, indexes,
   * sequences), together with the names the database derives from it (`_pkey`, `_id_seq`).
   */
  const freeTableName = async (wanted: string, ownName?: string): Promise<string> => {
    const taken = await context.dialect.relationNames(db as unknown as Kysely<unknown>);
    if (ownName) for (const derived of derivedNames(ownName)) taken.delete(derived);
    return uniqueName(tableNameFor(wanted), (candidate) =>
      derivedNames(candidate).every((n) => !taken.has(n)),
    );
  };

  return {
    async list(baseId) {
      await assertBase(baseId);
      const rows = await db
        .selectFrom('tessera_tables')
        .select('id')
        .where('base_id', '=', baseId)
        .orderBy('sort_order')
        .orderBy('created_at')
        .execute();
      return Promise.all(rows.map((r) => get(r.id)));
    },

    get,

    async create(baseId, spec, change) {
      await assertBase(baseId);
      const title = checkTitle(spec.title, 'Table');
      await assertTitleFree(baseId, title);
      const tableId = newId('m');
      const tableName = await freeTableName(spec.tableName ?? title);
      const fields = prepareNewTableFormulas(buildInitialFields(tableId, spec.fields ?? []));
      const now = nowText();
      const last = await db
        .selectFrom('tessera_tables')
        .select((eb) => eb.fn.max('sort_order').as('max'))
        .where('base_id', '=', baseId)
        .executeTakeFirst();
      const description = spec.description ?? null;
      const meta = spec.meta ?? {};
      await db.transaction().execute(async (trx) => {
        await trx
          .insertInto('tessera_tables')
          .values({
            id: tableId,
            base_id: baseId,
            title,
            table_name: tableName,
            description,
            meta: JSON.stringify(meta),
            sort_order: Number(last?.max ?? 0) + 1,
            created_at: now,
            updated_at: now,
          })
          .execute();
        for (const field of fields) await insertFieldRow(trx, field);
        const ddl = userTableDdl(trx, context.dialect);
        await ddl.createTable(tableName, fields);
        for (const field of fields)
          if (field.unique && !field.pk) await ddl.createIndex(tableName, field, true);
        const viewId = await insertViewRow(trx, tableId, 'grid', title, 1);
        await appendAudit(trx, change, [
          {
            action: 'table.create',
            baseId,
            tableId,
            targetId: tableId,
            details: {
              after: { ...tableSnapshot({ title, tableName, description, meta }), fields: fieldList(fields) },
              default_view_id: viewId,
            },
          },
        ]);
      });
      return get(tableId);
    },

    async update(id, spec, change) {
      const table = await get(id);
      const title = spec.title === undefined ? table.title : checkTitle(spec.title, 'Table');
      if (title !== table.title) await assertTitleFree(table.baseId, title, id);
      const renamePhysical = spec.tableName !== undefined || title !== table.title;
      const tableName = renamePhysical
        ? await freeTableName(spec.tableName ?? title, table.tableName)
        : table.tableName;
      const next = {
        title,
        tableName,
        description: spec.description === undefined ? table.description : spec.description,
        meta: spec.meta === undefined ? table.meta : spec.meta,
      };
      await db.transaction().execute(async (trx) => {
        if (tableName !== table.tableName)
          await userTableDdl(trx, context.dialect).renameTable(table.tableName, tableName);
        await trx
          .updateTable('tessera_tables')
          .set({
            title,
            table_name: tableName,
            description: next.description,
            meta: JSON.stringify(next.meta),
            updated_at: nowText(),
          })
          .where('id', '=', id)
          .execute();
        await appendAudit(trx, change, [
          {
            action: 'table.update',
            baseId: table.baseId,
            tableId: id,
            targetId: id,
            details: changedValues(tableSnapshot(table), tableSnapshot(next)),
          },
        ]);
      });
      cache.forgetTable(id);
      return get(id);
    },

    async remove(id, change) {
      const table = await get(id);
      // Links to the table, and what other tables compute over them, go with it.
      const linked = table.fields.some(isLinkField);
      const baseTables = linked
        ? await Promise.all(
            (
              await db.selectFrom('tessera_tables').select('id').where('base_id', '=', table.baseId).execute()
            ).map((row) => get(row.id)),
          )
        : [];
      let changed: string[] = [];
      await db.transaction().execute(async (trx) => {
        if (linked) changed = await dropLinksToTable(trx, context.dialect, baseTables, table, change);
        await userTableDdl(trx, context.dialect).dropTable(table.tableName);
        await trx.deleteFrom('tessera_tables').where('id', '=', id).execute();
        await appendAudit(trx, change, [
          {
            action: 'table.delete',
            baseId: table.baseId,
            tableId: id,
            targetId: id,
            details: { before: { ...tableSnapshot(table), fields: fieldList(table.fields) } },
          },
        ]);
      });
      cache.forgetTable(id);
      for (const other of changed) cache.forgetTable(other);
    },
  };
}

/**
 * The fields of a new table: the client's, plus Id, CreatedAt and UpdatedAt when the client
 * did not send fields of those types. The first text-like field becomes the display value.
 */
function buildInitialFields(tableId: string, specs: readonly FieldSpec[]): FieldModel[] {
  const fields: FieldModel[] = [];
  const takenColumns = new Set<string>();
  const add = (spec: FieldSpec, system: boolean) => {
    const resolved = resolveFieldSpec(spec);
    const isPk = resolved.uidt === 'ID';
    const field: FieldModel = {
      ...resolved,
      id: newId('c'),
      tableId,
      columnName: freeColumnName(resolved.title, spec.columnName, takenColumns),
      pk: isPk,
      system: system || isPk || resolved.uidt === 'CreatedTime' || resolved.uidt === 'LastModifiedTime',
      order: fields.length + 1,
    };
    takenColumns.add(field.columnName);
    fields.push(field);
  };
  const has = (uidt: string) => specs.some((s) => s.uidt === uidt);
  if (specs.filter((s) => s.uidt === 'ID').length > 1) throw schemaError('A table has exactly one ID field');
  if (!has('ID')) add({ uidt: 'ID', ...systemFieldSpecs.ID }, true);
  for (const spec of specs) add(spec, false);
  if (!has('CreatedTime')) add({ uidt: 'CreatedTime', ...systemFieldSpecs.CreatedTime }, true);
  if (!has('LastModifiedTime')) add({ uidt: 'LastModifiedTime', ...systemFieldSpecs.LastModifiedTime }, true);
  assertUniqueTitles(fields);
  if (!fields.some((f) => f.primaryValue)) {
    const display = fields.find((f) => !f.system) ?? fields[0];
    if (display) fields[fields.indexOf(display)] = { ...display, primaryValue: true };
  }
  return fields;
}
