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
 * Opens a bounded pool whose sessions see Tessera's own schema first, speak UTC and never
 * JIT-compile. A lost connection never crashes the process: errors on idle connections are
 * reported through `onPoolError`; on a connection in use they fail its query (and the pool
 * discards it), and the pool opens new connections on demand once the database is back.
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
    // Finds a silently vanished server (a moved container, a dropped route) on idle sockets.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    // No JIT: a page with computed fields (correlated subqueries) can be estimated costly
    // enough to be JIT-compiled, which takes 100 ms or more to save microseconds.
    options: `-c search_path=${quoteIdentifier(config.schema)} -c TimeZone=UTC -c jit=off`,
    types: typeParsers,
  });
  pool.on('error', onPoolError);
  // pg emits 'error' on a checked-out client whose socket dies between queries (e.g. inside a
  // transaction when the server shuts down); unheard, that event would crash the process. The
  // failure still reaches the client's next query, and the pool drops the client on release.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    dialect: postgresAdapter,
    prepare: async () => {
      await sql`create schema if not exists ${sql.id(config.schema)}`.execute(db);
    },
    close: () => db.destroy(),
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
      max: config.poolSize,
    }),
  };
}
