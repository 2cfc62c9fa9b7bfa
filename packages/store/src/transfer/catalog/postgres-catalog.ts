import { sql } from 'kysely';
import type { CatalogTable, ForeignKey, TransferCatalog } from './transfer-catalog.ts';

const CURSOR = 'tessera_transfer_rows';

/** A table name as a regclass literal of the session's schema (search_path is Tessera's). */
const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;

/**
 * PostgreSQL: the catalog of the session's schema (`current_schema()`, which is Tessera's),
 * a REPEATABLE READ read-only snapshot, rows through a server-side cursor, and identity or
 * serial sequences through `pg_get_serial_sequence`.
 */
export const postgresCatalog: TransferCatalog = {
  async tables(executor) {
    const columns = await sql<{
      table_name: string;
      column_name: string;
      is_identity: string;
      column_default: string | null;
    }>`
      select c.table_name, c.column_name, c.is_identity, c.column_default
      from information_schema.columns c
      join information_schema.tables t
        on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by c.table_name, c.ordinal_position`.execute(executor);
    const keys = await sql<{ table_name: string } & ForeignKey>`
      select cl.relname as table_name, a.attname as "column", rf.relname as "references",
             ra.attname as "referencedColumn"
      from pg_constraint con
      join pg_class cl on cl.oid = con.conrelid
      join pg_namespace n on n.oid = cl.relnamespace
      join pg_class rf on rf.oid = con.confrelid
      cross join lateral unnest(con.conkey, con.confkey) as k(attnum, refattnum)
      join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.attnum
      join pg_attribute ra on ra.attrelid = con.confrelid and ra.attnum = k.refattnum
      where con.contype = 'f' and n.nspname = current_schema()`.execute(executor);
    const tables = new Map<string, { columns: string[]; autoIncrement: string | null; keys: ForeignKey[] }>();
    for (const c of columns.rows) {
      const table = tables.get(c.table_name) ?? { columns: [], autoIncrement: null, keys: [] };
      table.columns.push(c.column_name);
      if (c.is_identity === 'YES' || c.column_default?.startsWith('nextval('))
        table.autoIncrement = c.column_name;
      tables.set(c.table_name, table);
    }
    for (const { table_name, ...key } of keys.rows) tables.get(table_name)?.keys.push(key);
    return [...tables].map(
      ([name, t]): CatalogTable => ({
        name,
        columns: t.columns,
        autoIncrement: t.autoIncrement,
        foreignKeys: t.keys,
      }),
    );
  },

  async beginSnapshot(db) {
    const snapshot = await db
      .startTransaction()
      .setIsolationLevel('repeatable read')
      .setAccessMode('read only')
      .execute();
    // The snapshot is taken at the transaction's first statement: take it now.
    await sql`select 1`.execute(snapshot);
    return snapshot;
  },

  async *readRows(executor, table, columns, batchSize) {
    const list = sql.join(columns.map((c) => sql.id(c)));
    await sql`declare ${sql.id(CURSOR)} no scroll cursor for
      select ${list} from ${sql.id(table)}`.execute(executor);
    let open = true;
    try {
      for (;;) {
        const batch = await sql<Record<string, unknown>>`
          fetch forward ${sql.lit(batchSize)} from ${sql.id(CURSOR)}`.execute(executor);
        if (batch.rows.length > 0) yield batch.rows;
        if (batch.rows.length < batchSize) break;
      }
      open = false;
      await sql`close ${sql.id(CURSOR)}`.execute(executor);
    } finally {
      // Stopped early: close the cursor so the next table can declare it again.
      if (open) await sql`close ${sql.id(CURSOR)}`.execute(executor).catch(() => {});
    }
  },

  async sequenceValue(executor, table, column) {
    const row = await sql<{ value: number | null }>`
      select pg_sequence_last_value(pg_get_serial_sequence(${quoted(table)}, ${column})::regclass)
        as value`.execute(executor);
    const value = row.rows[0]?.value;
    return value === null || value === undefined ? null : Number(value);
  },

  async advanceSequence(executor, table, column, atLeast) {
    const max = await sql<{ value: number | null }>`
      select max(${sql.id(column)}) as value from ${sql.id(table)}`.execute(executor);
    const target = Math.max(atLeast ?? 0, Number(max.rows[0]?.value ?? 0));
    await sql`select setval(pg_get_serial_sequence(${quoted(table)}, ${column}),
      ${Math.max(target, 1)}, ${target > 0})`.execute(executor);
  },
};
