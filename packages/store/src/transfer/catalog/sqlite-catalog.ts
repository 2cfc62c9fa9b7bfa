import { sql } from 'kysely';
import type { Executor } from '../../store-context.ts';
import type { CatalogTable, TransferCatalog } from './transfer-catalog.ts';

/** SQLite: the catalog from sqlite_master and pragmas; AUTOINCREMENT state in sqlite_sequence. */
export const sqliteCatalog: TransferCatalog = {
  async tables(executor) {
    const tables = await sql<{ name: string; sql: string | null }>`
      select name, sql from sqlite_master
      where type = 'table' and name not like 'sqlite_%' order by name`.execute(executor);
    const result: CatalogTable[] = [];
    for (const table of tables.rows) {
      const columns = await sql<{ name: string; pk: number }>`
        select name, pk from pragma_table_info(${table.name}) order by cid`.execute(executor);
      const keys = await sql<{ column: string; references: string; referenced_column: string | null }>`
        select "from" as "column", "table" as "references", "to" as referenced_column
        from pragma_foreign_key_list(${table.name})`.execute(executor);
      const primaryKey = columns.rows.filter((c) => c.pk > 0);
      const autoIncrement =
        /\bautoincrement\b/i.test(table.sql ?? '') && primaryKey.length === 1 ? primaryKey[0]!.name : null;
      result.push({
        name: table.name,
        columns: columns.rows.map((c) => c.name),
        autoIncrement,
        foreignKeys: keys.rows.map((k) => ({
          column: k.column,
          references: k.references,
          referencedColumn: k.referenced_column ?? 'rowid',
        })),
      });
    }
    return result;
  },

  async beginSnapshot(db) {
    const snapshot = await db.startTransaction().execute();
    // A deferred transaction takes its snapshot at its first read: take it now.
    await sql`select count(*) from sqlite_master`.execute(snapshot);
    return snapshot;
  },

  async *readRows(executor, table, columns, batchSize) {
    const query = executor.selectFrom(table).select(columns.map((c) => sql.id(c).as(c)));
    let batch: Record<string, unknown>[] = [];
    for await (const row of query.stream()) {
      batch.push(row as Record<string, unknown>);
      if (batch.length >= batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  },

  async sequenceValue(executor, table) {
    const row = await sql<{ seq: number | bigint }>`
      select seq from sqlite_sequence where name = ${table}`.execute(executor);
    const value = row.rows[0]?.seq;
    return value === undefined ? null : Number(value);
  },

  async advanceSequence(executor: Executor, table, column, atLeast) {
    const max = await sql<{ value: number | null }>`
      select max(${sql.id(column)}) as value from ${sql.id(table)}`.execute(executor);
    const target = Math.max(atLeast ?? 0, Number(max.rows[0]?.value ?? 0));
    if (target <= 0) return;
    const updated = await sql`
      update sqlite_sequence set seq = max(seq, ${target}) where name = ${table}`.execute(executor);
    if (Number(updated.numAffectedRows ?? 0) === 0)
      await sql`insert into sqlite_sequence (name, seq) values (${table}, ${target})`.execute(executor);
  },
};
