/**
 * The bare baseline: Fastify plus the database driver and nothing else (no schema, no meta,
 * no filter grammar), over the same table Tessera made. Started as a child process by
 * bench/baseline-process.ts; configured through BASELINE_CONFIG (see baseline-config.ts).
 */
import SqliteDriver from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';
import { type BaselineConfig, baselinePaths, type PostgresTarget } from './baseline-config.ts';
import type { FieldTitle } from './dataset.ts';

type Row = Record<string, unknown>;

interface BareStore {
  listPlain(): Promise<Row[]>;
  listFiltered(status: string): Promise<{ rows: Row[]; total: number }>;
  listSorted(): Promise<{ rows: Row[]; total: number }>;
  readOne(id: string): Promise<Row | undefined>;
  /** Inserts title-keyed rows into `table`; returns their primary keys. */
  insert(table: string, rows: readonly Row[]): Promise<unknown[]>;
}

const q = (name: string): string => `"${name.replaceAll('"', '""')}"`;
const fieldTitles: readonly FieldTitle[] = ['Name', 'Status', 'Score', 'Price', 'Due', 'Notes'];

interface RequiredColumn {
  readonly name: string;
  readonly type: string;
}

/** Value for a NOT NULL column without default that the request did not fill. */
function fillerFor(column: RequiredColumn, now: string): unknown {
  if (/time|date/i.test(column.type)) return now;
  if (/int|num|real|doub|dec|float|bool/i.test(column.type)) return 0;
  return '';
}

/** Insert column list and a function producing one row's values in that order. */
function insertShape(config: BaselineConfig, required: readonly RequiredColumn[]) {
  const filled = new Set<string>([
    ...Object.values(config.fields),
    ...config.timestampColumns,
    config.pkColumn,
  ]);
  const extra = required.filter((c) => !filled.has(c.name));
  const columns = [
    ...fieldTitles.map((t) => config.fields[t]),
    ...config.timestampColumns,
    ...extra.map((c) => c.name),
  ];
  const values = (row: Row, now: string): unknown[] => [
    ...fieldTitles.map((t) => row[t] ?? null),
    ...config.timestampColumns.map(() => now),
    ...extra.map((c) => fillerFor(c, now)),
  ];
  return { columns, values };
}

function openSqliteStore(config: BaselineConfig, file: string): BareStore {
  const db = new SqliteDriver(file, { fileMustExist: true });
  // Same settings as Tessera's SQLite store.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const pk = q(config.pkColumn);
  const status = q(config.fields.Status);
  const table = q(config.table);
  const copy = q(config.copyTable);
  const plain = db.prepare(`SELECT * FROM ${table} ORDER BY ${pk} LIMIT 25`);
  const filtered = db.prepare(`SELECT * FROM ${copy} WHERE ${status} = ? ORDER BY ${pk} LIMIT 25`);
  const filteredCount = db.prepare(`SELECT COUNT(*) FROM ${copy} WHERE ${status} = ?`).pluck();
  const sorted = db.prepare(`SELECT * FROM ${copy} ORDER BY ${q(config.fields.Score)} DESC, ${pk} LIMIT 25`);
  const sortedCount = db.prepare(`SELECT COUNT(*) FROM ${copy}`).pluck();
  const one = db.prepare(`SELECT * FROM ${table} WHERE ${pk} = ?`);
  const required = (db.prepare(`PRAGMA table_info(${table})`).all() as Row[])
    .filter((c) => c.notnull === 1 && c.dflt_value === null && c.pk === 0)
    .map((c) => ({ name: String(c.name), type: String(c.type) }));
  const shape = insertShape(config, required);
  const inserts = new Map<string, SqliteDriver.Statement>();
  const insertInto = (name: string): SqliteDriver.Statement => {
    let statement = inserts.get(name);
    if (!statement) {
      statement = db.prepare(
        `INSERT INTO ${q(name)} (${shape.columns.map(q).join(', ')}) VALUES (${shape.columns.map(() => '?').join(', ')}) RETURNING ${pk}`,
      );
      inserts.set(name, statement.pluck());
    }
    return statement;
  };
  const insertMany = db.transaction((name: string, rows: readonly Row[]) => {
    const now = new Date().toISOString();
    const statement = insertInto(name);
    return rows.map((row) => statement.get(...shape.values(row, now)));
  });
  return {
    listPlain: async () => plain.all() as Row[],
    listFiltered: async (value) => ({
      rows: filtered.all(value) as Row[],
      total: Number(filteredCount.get(value)),
    }),
    listSorted: async () => ({ rows: sorted.all() as Row[], total: Number(sortedCount.get()) }),
    readOne: async (id) => one.get(Number(id)) as Row | undefined,
    insert: async (name, rows) => insertMany(name, rows),
  };
}

async function openPostgresStore(config: BaselineConfig, target: PostgresTarget): Promise<BareStore> {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize,
    connectionTimeoutMillis: 5000,
    options: `-c search_path=${q(target.schema)} -c TimeZone=UTC`,
    // Same value handling as Tessera's store: numbers for int8/numeric, text for dates.
    types: {
      getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === 20 || oid === 1700) return (value: string) => Number(value);
        if (oid === 1082 || oid === 1114 || oid === 1184 || oid === 1083) return (value: string) => value;
        return pg.types.getTypeParser(oid, format ?? 'text');
      },
    },
  });
  const pk = q(config.pkColumn);
  const status = q(config.fields.Status);
  const table = q(config.table);
  const copy = q(config.copyTable);
  const info = await pool.query(
    `SELECT column_name, data_type, is_nullable, column_default, is_identity
       FROM information_schema.columns WHERE table_schema = $1 AND table_name = $2`,
    [target.schema, config.table],
  );
  const required = (info.rows as Row[])
    .filter((c) => c.is_nullable === 'NO' && c.column_default === null && c.is_identity !== 'YES')
    .map((c) => ({ name: String(c.column_name), type: String(c.data_type) }));
  const shape = insertShape(config, required);
  const maxRowsPerStatement = Math.floor(60_000 / shape.columns.length);
  const insertChunk = async (name: string, rows: readonly Row[], now: string): Promise<unknown[]> => {
    const params: unknown[] = [];
    const tuples = rows.map((row) => {
      const values = shape.values(row, now);
      const start = params.length;
      params.push(...values);
      return `(${values.map((_, i) => `$${start + i + 1}`).join(', ')})`;
    });
    const result = await pool.query({
      text: `INSERT INTO ${q(name)} (${shape.columns.map(q).join(', ')}) VALUES ${tuples.join(', ')} RETURNING ${pk}`,
      values: params,
      rowMode: 'array',
    });
    return result.rows.map((r: unknown[]) => r[0]);
  };
  return {
    listPlain: async () => (await pool.query(`SELECT * FROM ${table} ORDER BY ${pk} LIMIT 25`)).rows,
    listFiltered: async (value) => {
      const [rows, count] = await Promise.all([
        pool.query(`SELECT * FROM ${copy} WHERE ${status} = $1 ORDER BY ${pk} LIMIT 25`, [value]),
        pool.query(`SELECT COUNT(*)::int AS n FROM ${copy} WHERE ${status} = $1`, [value]),
      ]);
      return { rows: rows.rows, total: Number(count.rows[0]?.n) };
    },
    listSorted: async () => {
      const [rows, count] = await Promise.all([
        pool.query(`SELECT * FROM ${copy} ORDER BY ${q(config.fields.Score)} DESC, ${pk} LIMIT 25`),
        pool.query(`SELECT COUNT(*)::int AS n FROM ${copy}`),
      ]);
      return { rows: rows.rows, total: Number(count.rows[0]?.n) };
    },
    readOne: async (id) => (await pool.query(`SELECT * FROM ${table} WHERE ${pk} = $1`, [id])).rows[0],
    insert: async (name, rows) => {
      const now = new Date().toISOString();
      const ids: unknown[] = [];
      for (let i = 0; i < rows.length; i += maxRowsPerStatement) {
        ids.push(...(await insertChunk(name, rows.slice(i, i + maxRowsPerStatement), now)));
      }
      return ids;
    },
  };
}

async function main(): Promise<void> {
  const raw = process.env.BASELINE_CONFIG;
  if (!raw) throw new Error('BASELINE_CONFIG is not set');
  const config = JSON.parse(raw) as BaselineConfig;
  const store =
    config.db.kind === 'sqlite'
      ? openSqliteStore(config, config.db.file)
      : await openPostgresStore(config, config.db);
  const app = Fastify({ logger: false, bodyLimit: 64 * 1024 * 1024 });
  app.get(baselinePaths.health, async () => ({ message: 'OK' }));
  app.get(baselinePaths.listPlain, async () => ({ list: await store.listPlain() }));
  app.get<{ Querystring: { status?: string } }>('/list/filtered', async (request) => {
    const { rows, total } = await store.listFiltered(request.query.status ?? 'doing');
    return { list: rows, pageInfo: { totalRows: total } };
  });
  app.get(baselinePaths.listSorted, async () => {
    const { rows, total } = await store.listSorted();
    return { list: rows, pageInfo: { totalRows: total } };
  });
  app.get<{ Params: { id: string } }>(`${baselinePaths.record}/:id`, async (request, reply) => {
    const row = await store.readOne(request.params.id);
    if (!row) return reply.code(404).send({ msg: 'not found' });
    return row;
  });
  app.post<{ Body: Row }>(baselinePaths.record, async (request) => {
    const [id] = await store.insert(config.table, [request.body]);
    return { Id: id };
  });
  app.post<{ Body: Row[] }>(baselinePaths.bulk, async (request) => {
    const ids = await store.insert(config.bulkTable, request.body);
    return ids.map((id) => ({ Id: id }));
  });
  await app.listen({ port: config.port, host: '127.0.0.1' });
  const shutdown = () => {
    void app.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
