import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { PostgresConfig } from '../database-config.ts';
import type { Database } from '../dialect-adapter.ts';
import { postgresAdapter } from './postgres-adapter.ts';

const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;
const TIME = 1083;

/** Values come back as text where JS types would lose meaning (dates, 64-bit integers). */
const typeParsers = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (value: string) => Number(value);
    if (oid === DATE || oid === TIMESTAMP || oid === TIMESTAMPTZ || oid === TIME)
      return (value: string) => value;
    return pg.types.getTypeParser(oid, format ?? 'text');
  },
};

/** libpq's meaning of sslmode: `require` encrypts without verifying, `verify-*` also verifies. */
export function sslFromConnectionString(connectionString: string): {
  connectionString: string;
  ssl: false | { rejectUnauthorized: boolean };
} {
  const url = new URL(connectionString);
  const mode = url.searchParams.get('sslmode') ?? 'disable';
  url.searchParams.delete('sslmode');
  const ssl =
    mode === 'disable' || mode === 'allow'
      ? false
      : { rejectUnauthorized: mode === 'verify-ca' || mode === 'verify-full' };
  return { connectionString: url.toString(), ssl };
}

function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Opens a bounded pool whose sessions see Tessera's own schema first and speak UTC. Pool
 * errors on idle connections are reported, never thrown, so a database restart cannot crash
 * the process.
 */
export function openPostgresDatabase<Schema>(
  config: PostgresConfig,
  onPoolError: (error: Error) => void = () => {},
): Database<Schema> {
  const { connectionString, ssl } = sslFromConnectionString(config.connectionString);
  const pool = new pg.Pool({
    connectionString,
    ssl,
    max: config.poolSize,
    connectionTimeoutMillis: config.connectTimeoutMs ?? 5000,
    idleTimeoutMillis: 30_000,
    options: `-c search_path=${quoteIdentifier(config.schema)} -c TimeZone=UTC`,
    types: typeParsers,
  });
  pool.on('error', onPoolError);
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: postgresAdapter,
    prepare: async () => {
      await sql`create schema if not exists ${sql.id(config.schema)}`.execute(db);
    },
    close: () => db.destroy(),
  };
}
