import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDriver from 'better-sqlite3';
import pg from 'pg';
import type { BenchDialect } from './args.ts';
import { registerCleanup } from './cleanup.ts';

/** Where one benchmark's data lives: a fresh folder with a SQLite file, or a fresh PG schema. */
export interface BenchDatabase {
  readonly dialect: BenchDialect;
  /** Fresh folder for TESSERA_DATA_DIR, logs and (SQLite) the database file. */
  readonly dataDir: string;
  /** DATABASE_URL for Tessera. */
  readonly databaseUrl: string;
  /** PostgreSQL schema (TESSERA_PG_SCHEMA), or undefined on SQLite. */
  readonly pgSchema: string | undefined;
  /** SQLite file, or undefined on PostgreSQL. */
  readonly sqliteFile: string | undefined;
  /** Opens a direct connection (not through Tessera) for checks and table copies. */
  connect(): Promise<DirectConnection>;
  /** Removes the folder and drops the schema. */
  drop(): Promise<void>;
}

export interface DirectConnection {
  /** First column of the first row, as a number. */
  scalar(sqlText: string, params?: readonly unknown[]): Promise<number>;
  rows(sqlText: string, params?: readonly unknown[]): Promise<Record<string, unknown>[]>;
  exec(sqlText: string): Promise<void>;
  close(): Promise<void>;
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export async function createBenchDatabase(dialect: BenchDialect, pgUrl: string): Promise<BenchDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), `tessera-bench-${dialect}-`));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    const unregister = registerCleanup(async () => removeDir());
    const file = join(dataDir, 'tessera.db');
    return {
      dialect,
      dataDir,
      databaseUrl: `sqlite:${file}`,
      pgSchema: undefined,
      sqliteFile: file,
      connect: async () => sqliteConnection(file),
      drop: async () => {
        unregister();
        removeDir();
      },
    };
  }
  const host = new URL(pgUrl).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost') {
    throw new Error(`TESSERA_BENCH_PG_URL must point at 127.0.0.1 (got ${host})`);
  }
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const dropSchema = async (): Promise<void> => {
    removeDir();
    const client = await postgresConnection(pgUrl, undefined);
    try {
      await client.exec(`drop schema if exists ${quoteIdent(schema)} cascade`);
    } finally {
      await client.close();
    }
  };
  const unregister = registerCleanup(dropSchema);
  const admin = await postgresConnection(pgUrl, undefined);
  try {
    await admin.exec(`create schema ${quoteIdent(schema)}`);
  } finally {
    await admin.close();
  }
  return {
    dialect,
    dataDir,
    databaseUrl: pgUrl,
    pgSchema: schema,
    sqliteFile: undefined,
    connect: () => postgresConnection(pgUrl, schema),
    drop: async () => {
      unregister();
      await dropSchema();
    },
  };
}

function sqliteConnection(file: string): DirectConnection {
  const db = new SqliteDriver(file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
  return {
    scalar: async (sqlText, params = []) => {
      const value = db
        .prepare(sqlText)
        .pluck()
        .get(...params);
      return Number(value);
    },
    rows: async (sqlText, params = []) => db.prepare(sqlText).all(...params) as Record<string, unknown>[],
    exec: async (sqlText) => {
      db.exec(sqlText);
    },
    close: async () => {
      db.close();
    },
  };
}

async function postgresConnection(url: string, schema: string | undefined): Promise<DirectConnection> {
  const client = new pg.Client({
    connectionString: url,
    connectionTimeoutMillis: 5000,
    statement_timeout: 120_000,
    options: schema ? `-c search_path=${quoteIdent(schema)} -c TimeZone=UTC` : '-c TimeZone=UTC',
  });
  await client.connect();
  return {
    scalar: async (sqlText, params = []) => {
      const result = await client.query({ text: sqlText, values: [...params], rowMode: 'array' });
      const row = result.rows[0] as unknown[] | undefined;
      return Number(row?.[0]);
    },
    rows: async (sqlText, params = []) => (await client.query(sqlText, [...params])).rows,
    exec: async (sqlText) => {
      await client.query(sqlText);
    },
    close: () => client.end(),
  };
}
