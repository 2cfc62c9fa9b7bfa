import {
  type ApiVersion,
  type FieldModel,
  type TableModel,
  TesseraError,
  type ViewModel,
} from '@tessera/core';
import {
  type ApiRecord,
  type ChangeContext,
  primaryKeyField,
  type TesseraStore,
  tableFieldFilter,
  UserDirectory,
} from '@tessera/store';
import { type RawBuilder, sql } from 'kysely';
import { downloadLinksOf } from '../attachments/download-links.ts';
import type { TesseraConfig } from '../config/config-schema.ts';
import {
  buildFilter,
  isTruthyFlag,
  type Paging,
  pageInfo,
  parsePaging,
  parseSorts,
  type RawListQuery,
  selectedFields,
} from './list-query.ts';
import { recordDecorator } from './record-decorator.ts';
import { userFilterRewrite } from './user-filters.ts';

export interface RecordPage {
  readonly table: TableModel;
  readonly fields: readonly FieldModel[];
  readonly records: ApiRecord[];
  readonly totalRows: number;
  readonly paging: Paging;
}

/**
 * The one place record reads and writes go through for every API surface (v2, v3 and,
 * later, MCP and the UI), so they cannot disagree about a record.
 */
export function recordService(store: TesseraStore, config: TesseraConfig) {
  const users = new UserDirectory(store.context.db);
  // Users and attachment links the field types cannot render on their own.
  const decorate = recordDecorator(users, downloadLinksOf(config));

  const viewOf = async (table: TableModel, viewId: unknown): Promise<ViewModel | undefined> => {
    if (viewId === undefined || viewId === '') return undefined;
    const view = await store.views.get(String(viewId));
    if (view.tableId !== table.id)
      throw new TesseraError(
        'ERR_VIEW_NOT_FOUND',
        `View '${String(viewId)}' not found in table '${table.title}'`,
      );
    return view;
  };

  /**
   * The view a read names (it must be the table's) and the read's filter: the view's filters
   * and `where`, with user and computed fields resolved; `pks` narrows it to those ids.
   */
  const filterFor = async (table: TableModel, raw: RawListQuery, pks?: unknown) => {
    const view = await viewOf(table, raw.viewId);
    const rewrite = await userFilterRewrite(users, table, raw.where, view);
    const fieldFilter = await tableFieldFilter(store.context, table);
    return { view, filter: buildFilter(store, table, raw.where, view, pks, rewrite, fieldFilter) };
  };

  /** The fields a read shows; v3 records always carry their id, whatever `fields` names. */
  const fieldsFor = (
    table: TableModel,
    raw: RawListQuery,
    view: ViewModel | undefined,
    version: ApiVersion,
  ) => {
    const fields = selectedFields(table, raw.fields, view);
    const pk = primaryKeyField(table);
    return version === 'v3' && !fields.includes(pk) ? [pk, ...fields] : fields;
  };

  const limitWrite = (bodies: readonly unknown[]) => {
    if (bodies.length > config.maxRecordsPerRequest)
      throw new TesseraError(
        'ERR_MAX_PAYLOAD_LIMIT_EXCEEDED',
        `Maximum ${config.maxRecordsPerRequest} entities are allowed per request`,
      );
  };

  return {
    table: (tableId: string) => store.tables.get(tableId),

    async list(
      tableId: string,
      raw: RawListQuery,
      version: ApiVersion,
      options: { allowOffsetPastEnd?: boolean; within?: RawBuilder<boolean> } = {},
    ): Promise<RecordPage> {
      const table = await store.tables.get(tableId);
      const paging = parsePaging(raw, config);
      const { view, filter } = await filterFor(table, raw, raw.pks);
      const fields = fieldsFor(table, raw, view, version);
      const nested = raw.nested ? await store.links.nestedFields(table, raw.nested) : undefined;
      const sorts = parseSorts(table, raw.sort, view);
      const shuffle = isTruthyFlag(raw.shuffle);
      // A view's hand-made record order applies when nothing else orders the list.
      const ordered = view && sorts.length === 0 && !shuffle && (await store.recordOrder.inUse(view.id));
      const { rows, totalRows } = await store.records.list(table, {
        fields,
        filter: options.within
          ? sql<boolean>`${options.within}${filter ? sql` and ${filter}` : sql``}`
          : filter,
        sorts,
        limit: paging.limit,
        offset: paging.offset,
        shuffle,
        ...(ordered ? { orderOfView: view.id } : {}),
        shape: { version, nested },
      });
      if (!options.allowOffsetPastEnd && paging.offset > 0 && paging.offset >= totalRows)
        throw new TesseraError(
          'ERR_INVALID_OFFSET_VALUE',
          `Offset ${paging.offset} is beyond the last row (the table has ${totalRows} matching rows)`,
        );
      const records = rows.map(store.records.mapper(table, fields, version, nested));
      await decorate(fields, records);
      return { table, fields, records, totalRows, paging };
    },

    async count(tableId: string, raw: RawListQuery): Promise<number> {
      const table = await store.tables.get(tableId);
      return store.records.count(table, (await filterFor(table, raw)).filter);
    },

    async read(tableId: string, recordId: string, raw: RawListQuery, version: ApiVersion) {
      const table = await store.tables.get(tableId);
      const view = await viewOf(table, raw.viewId);
      const fields = fieldsFor(table, raw, view, version);
      const nested = raw.nested ? await store.links.nestedFields(table, raw.nested) : undefined;
      const row = await store.records.get(table, recordId, fields, { version, nested });
      if (!row)
        throw new TesseraError('ERR_RECORD_NOT_FOUND', `Record '${recordId}' not found`, { id: recordId });
      const record = store.records.mapper(table, fields, version, nested)(row);
      await decorate(fields, [record]);
      return { table, record };
    },

    /** Records by id in the given order (for v3 write responses). */
    async readMany(table: TableModel, ids: readonly number[], version: ApiVersion): Promise<ApiRecord[]> {
      const rows = await store.records.getMany(table, ids, table.fields, { version });
      const records = rows.map(store.records.mapper(table, table.fields, version));
      await decorate(table.fields, records);
      return records;
    },

    async insert(tableId: string, bodies: readonly unknown[], typecast: boolean, change: ChangeContext) {
      limitWrite(bodies);
      const table = await store.tables.get(tableId);
      return { table, ids: await store.records.insert(table, bodies, { typecast, change }) };
    },

    async update(tableId: string, bodies: readonly unknown[], typecast: boolean, change: ChangeContext) {
      limitWrite(bodies);
      const table = await store.tables.get(tableId);
      return { table, ids: await store.records.update(table, bodies, { typecast, change }) };
    },

    async remove(tableId: string, bodies: readonly unknown[], change: ChangeContext) {
      limitWrite(bodies);
      const table = await store.tables.get(tableId);
      return { table, ids: await store.records.remove(table, bodies, change) };
    },

    filterFor,
    /** Fills in users and attachment links of records read outside `list` and `read`. */
    decorate,
    pageInfo,
    primaryKeyTitle: (table: TableModel) => primaryKeyField(table).title,
  };
}

export type RecordService = ReturnType<typeof recordService>;
