import { type BulkInsertResult, bulkInsert } from './bulk-insert.ts';
import { type FieldTitle, tableColumns } from './dataset.ts';
import { ApiError, asArray, asRecord, asString, type JsonClient } from './http-client.ts';

export interface ColumnInfo {
  readonly id: string;
  readonly title: string;
  readonly columnName: string;
  readonly uidt: string;
  readonly pk: boolean;
}

/** What the benchmark needs to know about the table Tessera made. */
export interface TableInfo {
  readonly tableId: string;
  /** Physical table name (`table_name`). */
  readonly tableName: string;
  readonly pk: ColumnInfo;
  /** The six benchmark fields by title. */
  readonly fields: Readonly<Record<FieldTitle, ColumnInfo>>;
  /** Physical names of CreatedTime / LastModifiedTime columns (the baseline fills them too). */
  readonly timestampColumns: readonly string[];
}

export interface TesseraSetup {
  /** Client carrying whatever auth header the server asked for. */
  readonly client: JsonClient;
  readonly table: TableInfo;
  readonly bulk: BulkInsertResult;
  readonly viewId: string;
}

/**
 * Returns a client that may call the meta API: as is when the server needs no auth, else with
 * the `xc-auth` token of a bench user (signed up, or signed in when it exists).
 */
export async function authorisedClient(client: JsonClient): Promise<JsonClient> {
  const probe = await client.send('GET', '/api/v2/meta/bases');
  if (probe.status !== 401 && probe.status !== 403) return client;
  const credentials = { email: 'bench@tessera.test', password: 'bench-password-1234' };
  let answer = await client.send('POST', '/api/v1/auth/user/signup', credentials);
  if (answer.status !== 200) answer = await client.send('POST', '/api/v1/auth/user/signin', credentials);
  if (answer.status !== 200) {
    throw new ApiError(
      `server wants auth and sign-up/sign-in failed: ${answer.text}`,
      answer.status,
      answer.text,
    );
  }
  const token = asString(asRecord(answer.body, 'signin answer').token, 'signin token');
  return client.withHeaders({ 'xc-auth': token });
}

/** Creates the base and table; returns the table as GET /api/v2/meta/tables/{id} describes it. */
export async function createBenchTable(client: JsonClient): Promise<TableInfo> {
  const base = asRecord(await client.call('POST', '/api/v2/meta/bases', { title: 'Bench' }), 'base');
  const baseId = asString(base.id, 'base id');
  const created = asRecord(
    await client.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Tasks',
      columns: tableColumns,
    }),
    'table',
  );
  const tableId = asString(created.id, 'table id');
  asArray(created.columns, 'table create answer columns');
  const table = asRecord(await client.call('GET', `/api/v2/meta/tables/${tableId}`), 'table meta');
  const columns = asArray(table.columns, 'table meta columns').map((raw): ColumnInfo => {
    const column = asRecord(raw, 'column');
    return {
      id: asString(column.id, 'column id'),
      title: asString(column.title, 'column title'),
      columnName: asString(column.column_name, `column_name of ${String(column.title)}`),
      uidt: String(column.uidt ?? ''),
      pk: column.pk === true || column.pk === 1,
    };
  });
  const byTitle = (title: FieldTitle): ColumnInfo => {
    const column = columns.find((c) => c.title === title);
    if (!column) throw new Error(`table meta has no column titled ${title}`);
    return column;
  };
  const pk = columns.find((c) => c.pk) ?? columns.find((c) => c.uidt === 'ID');
  if (!pk) throw new Error('table meta has no primary key column (pk: true)');
  const fields = Object.fromEntries(tableColumns.map((c) => [c.title, byTitle(c.title)])) as Record<
    FieldTitle,
    ColumnInfo
  >;
  return {
    tableId,
    tableName: asString(table.table_name, 'table_name'),
    pk,
    fields,
    timestampColumns: columns
      .filter((c) => c.uidt === 'CreatedTime' || c.uidt === 'LastModifiedTime')
      .map((c) => c.columnName),
  };
}

export function insertRows(
  client: JsonClient,
  table: TableInfo,
  rows: number,
  batchSize: number,
  inFlight: number,
): Promise<BulkInsertResult> {
  return bulkInsert(client, `/api/v2/tables/${table.tableId}/records`, rows, batchSize, inFlight);
}

/** A grid view filtering Status = doing and sorting Score descending (so Tessera indexes both). */
export async function createIndexedView(client: JsonClient, table: TableInfo): Promise<string> {
  const view = asRecord(
    await client.call('POST', `/api/v2/meta/tables/${table.tableId}/grids`, { title: 'Doing by score' }),
    'view',
  );
  const viewId = asString(view.id, 'view id');
  await client.call('POST', `/api/v2/meta/views/${viewId}/filters`, {
    fk_column_id: table.fields.Status.id,
    comparison_op: 'eq',
    value: 'doing',
  });
  await client.call('POST', `/api/v2/meta/views/${viewId}/sorts`, {
    fk_column_id: table.fields.Score.id,
    direction: 'desc',
  });
  return viewId;
}
