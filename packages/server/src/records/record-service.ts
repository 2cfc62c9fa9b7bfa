import {
  type ApiVersion,
  type FieldModel,
  type TableModel,
  TesseraError,
  type ViewModel,
} from '@tessera/core';
import { type ApiRecord, type ChangeContext, primaryKeyField, type TesseraStore } from '@tessera/store';
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
      options: { allowOffsetPastEnd?: boolean } = {},
    ): Promise<RecordPage> {
      const table = await store.tables.get(tableId);
      const view = await viewOf(table, raw.viewId);
      const paging = parsePaging(raw, config);
      const fields = selectedFields(table, raw.fields, view);
      const { rows, totalRows } = await store.records.list(table, {
        fields,
        filter: buildFilter(store, table, raw.where, view, raw.pks),
        sorts: parseSorts(table, raw.sort, view),
        limit: paging.limit,
        offset: paging.offset,
        shuffle: isTruthyFlag(raw.shuffle),
      });
      if (!options.allowOffsetPastEnd && paging.offset > 0 && paging.offset >= totalRows)
        throw new TesseraError(
          'ERR_INVALID_OFFSET_VALUE',
          `Offset ${paging.offset} is beyond the last row (the table has ${totalRows} matching rows)`,
        );
      return {
        table,
        fields,
        records: rows.map(store.records.mapper(table, fields, version)),
        totalRows,
        paging,
      };
    },

    async count(tableId: string, raw: RawListQuery): Promise<number> {
      const table = await store.tables.get(tableId);
      const view = await viewOf(table, raw.viewId);
      return store.records.count(table, buildFilter(store, table, raw.where, view));
    },

    async read(tableId: string, recordId: string, raw: RawListQuery, version: ApiVersion) {
      const table = await store.tables.get(tableId);
      const view = await viewOf(table, raw.viewId);
      const fields = selectedFields(table, raw.fields, view);
      const row = await store.records.get(table, recordId, fields);
      if (!row)
        throw new TesseraError('ERR_RECORD_NOT_FOUND', `Record '${recordId}' not found`, { id: recordId });
      return { table, record: store.records.mapper(table, fields, version)(row) };
    },

    /** Records by id in the given order (for v3 write responses). */
    async readMany(table: TableModel, ids: readonly number[], version: ApiVersion): Promise<ApiRecord[]> {
      const rows = await store.records.getMany(table, ids, table.fields);
      return rows.map(store.records.mapper(table, table.fields, version));
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

    pageInfo,
    primaryKeyTitle: (table: TableModel) => primaryKeyField(table).title,
  };
}

export type RecordService = ReturnType<typeof recordService>;
