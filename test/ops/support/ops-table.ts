import type { TesseraProcess } from './tessera-process.ts';

/** A table created through the API, with what tests need to read it back with SQL. */
export interface OpsTable {
  readonly id: string;
  /** Physical table name. */
  readonly tableName: string;
  /** Physical column name per field title. */
  readonly columns: Readonly<Record<string, string>>;
}

/** Creates a base and a table with a text field `Tag` and a number field `Batch`. */
export async function createOpsTable(tessera: TesseraProcess, title = 'Load Items'): Promise<OpsTable> {
  const base = await tessera.request('POST', '/api/v2/meta/bases', { title: 'Operations' });
  if (base.status !== 200) throw new Error(`creating a base: ${base.status} ${JSON.stringify(base.body)}`);
  const table = await tessera.request('POST', `/api/v2/meta/bases/${base.body.id}/tables`, {
    title,
    columns: [
      { title: 'Tag', uidt: 'SingleLineText' },
      { title: 'Batch', uidt: 'Number' },
    ],
  });
  if (table.status !== 200)
    throw new Error(`creating a table: ${table.status} ${JSON.stringify(table.body)}`);
  const columns: Record<string, string> = {};
  for (const column of table.body.columns as { title: string; column_name: string }[])
    columns[column.title] = column.column_name;
  return { id: table.body.id, tableName: table.body.table_name, columns };
}
