import { sql } from 'kysely';
import type { CatalogTable, TransferCatalog } from './transfer-catalog.ts';

const ROWID_NAMES = ['rowid', '_rowid_', 'oid'] as const;
/** Key of the rowid in rows read; a colon cannot occur in Tessera's column names. */
const ROWID_KEY = 'tessera:rowid';

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

  /** Pages through the table by rowid, so each batch is one indexed query. */
  async *readRows(executor, table, columns, batchSize) {
    const names = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(executor);
    // A column may be called rowid; SQLite has two more names for the same thing.
    const rowid = ROWID_NAMES.find((alias) => !names.rows.some((c) => c.name.toLowerCase() === alias));
    if (rowid === undefined) throw new Error(`Table ${table} has columns named rowid, _rowid_ and oid`);
    const list = sql.join(columns.map((c) => sql.id(c)));
    let after: number | null = null;
    for (;;) {
      const from: number | null = after;
      const batch: { rows: Record<string, unknown>[] } = await sql<Record<string, unknown>>`
        select ${sql.raw(rowid)} as ${sql.id(ROWID_KEY)}, ${list} from ${sql.id(table)}
        ${from === null ? sql`` : sql`where ${sql.raw(rowid)} > ${from}`}
        order by ${sql.raw(rowid)} limit ${batchSize}`.execute(executor);
      if (batch.rows.length > 0) yield batch.rows;
      if (batch.rows.length < batchSize) return;
      after = Number(batch.rows.at(-1)![ROWID_KEY]);
    }
  },

  async sequenceValue(executor, table) {
    const row = await sql<{ seq: number | bigint }>`
      select seq from sqlite_sequence where name = ${table}`.execute(executor);
    const value = row.rows[0]?.seq;
    return value === undefined ? null : Number(value);
  },

  async advanceSequence(executor, table, column, atLeast) {
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
