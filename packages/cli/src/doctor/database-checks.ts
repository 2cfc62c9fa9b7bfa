import { lookup } from 'node:dns/promises';
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { createConnection, isIP } from 'node:net';
import { dirname } from 'node:path';
import {
  type DatabaseConfig,
  databaseTarget,
  diagnoseDatabaseError,
  openStore,
  type PostgresConfig,
  readSchemaStatus,
  type SqliteConfig,
  type TesseraStore,
} from '@tessera/store';
import { sql } from 'kysely';
import { formatBytes } from '../progress-reporter.ts';
import { type CheckResult, fail, ok, skip, warn } from './doctor-check.ts';

const HOST = 'database host';
const PORT = 'database port';
const LOGIN = 'credentials';
const SSL = 'ssl';
const SCHEMA = 'schema version';
const FILE = 'database file';

const sslProblems = new Set(['ssl-required', 'ssl-unsupported', 'certificate-untrusted']);

/** The database checks: reach, login, TLS and schema for PostgreSQL; the file and schema for SQLite. */
export async function checkDatabase(config: DatabaseConfig | undefined): Promise<CheckResult[]> {
  if (config === undefined)
    return [skip('database', 'not checked: DATABASE_URL is invalid (see configuration)')];
  return config.kind === 'sqlite' ? checkSqlite(config) : checkPostgres(config);
}

/** A failure explained by the store's connection diagnosis, or by the error's own message. */
function failure(name: string, error: unknown, config: DatabaseConfig): CheckResult {
  const problem = diagnoseDatabaseError(error, databaseTarget(config));
  if (problem) return fail(name, problem.cause, problem.fix || 'see the message above');
  return fail(name, error instanceof Error ? error.message : String(error), 'see the message above');
}

async function checkPostgres(config: PostgresConfig): Promise<CheckResult[]> {
  const target = databaseTarget(config);
  const host = target.host ?? 'localhost';
  const port = target.port ?? 5432;
  const results: CheckResult[] = [];
  const skipRest = (after: string) =>
    [PORT, LOGIN, SSL, SCHEMA]
      .filter((name) => !results.some((r) => r.name === name))
      .map((name) => skip(name, `not checked: ${after}`));

  if (isIP(host) !== 0) results.push(ok(HOST, `${host} is an IP address`));
  else {
    try {
      const addresses = await lookup(host, { all: true });
      results.push(ok(HOST, `${host} resolves to ${addresses.map((a) => a.address).join(', ')}`));
    } catch (error) {
      results.push(failure(HOST, Object.assign(error as Error, { hostname: host }), config));
      return [...results, ...skipRest('the host does not resolve')];
    }
  }

  try {
    await tcpConnect(host, port, config.connectTimeoutMs ?? 5000);
    results.push(ok(PORT, `${host}:${port} accepts TCP connections`));
  } catch (error) {
    results.push(failure(PORT, error, config));
    return [...results, ...skipRest(`${host}:${port} cannot be reached`)];
  }

  const store = openStore({ ...config, poolSize: 1 });
  try {
    const session = await sql<{
      user: string;
      database: string;
      version: string;
      ssl: boolean | null;
      tls: string | null;
    }>`
      select current_user as "user", current_database() as database,
             current_setting('server_version') as version, s.ssl, s.version as tls
      from (select 1) as one
      left join pg_stat_ssl s on s.pid = pg_backend_pid()`.execute(store.context.db);
    const row = session.rows[0]!;
    results.push(
      ok(LOGIN, `logged in as ${row.user} to database ${row.database} (PostgreSQL ${row.version})`),
    );
    results.push(sslResult(config, host, row.ssl === true, row.tls));
    results.push(await postgresSchema(store, config));
  } catch (error) {
    const problem = diagnoseDatabaseError(error, target);
    if (problem && sslProblems.has(problem.kind)) {
      results.push(failure(SSL, error, config));
      results.push(skip(LOGIN, 'not checked: the TLS handshake failed first'));
    } else results.push(failure(LOGIN, error, config));
    return [...results, ...skipRest('no session could be opened')];
  } finally {
    await store.close();
  }
  return results;
}

function sslResult(
  config: PostgresConfig,
  host: string,
  encrypted: boolean,
  tls: string | null,
): CheckResult {
  const mode = new URL(config.connectionString).searchParams.get('sslmode') ?? 'disable';
  if (encrypted) {
    const verified = mode === 'verify-ca' || mode === 'verify-full';
    return ok(
      SSL,
      `encrypted (${tls ?? 'TLS'}, sslmode=${mode}, certificate ${verified ? 'verified' : 'not verified'})`,
    );
  }
  if (host === 'localhost' || host === '::1' || host.startsWith('127.'))
    return ok(SSL, `not encrypted (sslmode=${mode}); fine on this machine`);
  return warn(
    SSL,
    `the connection to ${host} is not encrypted (sslmode=${mode})`,
    'add ?sslmode=require to DATABASE_URL unless the network to the database is private (managed databases such as Supabase need it)',
  );
}

async function postgresSchema(store: TesseraStore, config: PostgresConfig): Promise<CheckResult> {
  const rights = await sql<{
    schema_exists: boolean;
    create_schema: boolean;
    create_in_schema: boolean | null;
  }>`
    select exists (select 1 from pg_namespace where nspname = ${config.schema}) as schema_exists,
           has_database_privilege(current_database(), 'CREATE') as create_schema,
           case when exists (select 1 from pg_namespace where nspname = ${config.schema})
                then has_schema_privilege(${config.schema}, 'CREATE') end as create_in_schema`.execute(
    store.context.db,
  );
  const row = rights.rows[0]!;
  if (!row.schema_exists && !row.create_schema)
    return fail(
      SCHEMA,
      `schema ${config.schema} does not exist and this user may not create it`,
      `create it for this user (CREATE SCHEMA ${config.schema} AUTHORIZATION <user>) or GRANT CREATE ON DATABASE to the user`,
    );
  if (row.schema_exists && row.create_in_schema === false)
    return fail(
      SCHEMA,
      `this user may not create tables in schema ${config.schema}, which every new Tessera table needs`,
      `GRANT CREATE ON SCHEMA ${config.schema} TO <user>, or make the user its owner`,
    );
  return schemaResult(store);
}

async function checkSqlite(config: SqliteConfig): Promise<CheckResult[]> {
  if (config.file === ':memory:') return [ok(FILE, 'in memory: nothing is kept after the process ends')];
  let size: number;
  try {
    size = (await stat(config.file)).size;
  } catch {
    try {
      await access(dirname(config.file), constants.W_OK);
      return [
        ok(FILE, `${config.file} does not exist yet; the server creates it on first start`),
        skip(SCHEMA, 'no database yet'),
      ];
    } catch {
      return [
        fail(
          FILE,
          `${config.file} does not exist and ${dirname(config.file)} is not writable by this process`,
          'mount a writable volume there, or set TESSERA_DATA_DIR / DATABASE_URL to a writable place',
        ),
        skip(SCHEMA, 'no database yet'),
      ];
    }
  }
  try {
    await access(config.file, constants.R_OK | constants.W_OK);
    // SQLite writes its -wal and -shm files next to the database.
    await access(dirname(config.file), constants.W_OK);
  } catch {
    return [
      fail(
        FILE,
        `${config.file} or its folder is not readable and writable by this process (uid ${process.getuid?.() ?? '?'})`,
        `give this user the file and its folder, e.g. chown -R ${process.getuid?.() ?? 1000} ${dirname(config.file)}`,
      ),
      skip(SCHEMA, 'the file cannot be opened'),
    ];
  }
  const store = openStore(config);
  try {
    return [ok(FILE, `${config.file} (${formatBytes(size)})`), await schemaResult(store)];
  } catch (error) {
    return [ok(FILE, `${config.file} (${formatBytes(size)})`), failure(SCHEMA, error, config)];
  } finally {
    await store.close();
  }
}

async function schemaResult(store: TesseraStore): Promise<CheckResult> {
  const status = await readSchemaStatus(store.context.database);
  if (!status.initialized)
    return warn(
      SCHEMA,
      'no Tessera schema yet (an empty database)',
      'start the server or run tessera migrate up to create it',
    );
  if (status.current > status.latest)
    return fail(
      SCHEMA,
      `version ${status.current}, newer than this Tessera (${status.latest})`,
      'upgrade Tessera to the version that last migrated this database',
    );
  if (status.pending.length > 0)
    return warn(
      SCHEMA,
      `version ${status.current}, latest is ${status.latest} (${status.pending.length} pending)`,
      'run tessera migrate up, or start the server, which migrates on start',
    );
  return ok(SCHEMA, `version ${status.current} (latest)`);
}

function tcpConnect(host: string, port: number, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(Object.assign(new Error(`connect ETIMEDOUT ${host}:${port}`), { code: 'ETIMEDOUT' }));
    });
    socket.once('connect', () => {
      socket.end();
      resolve();
    });
    socket.once('error', (error) => {
      socket.destroy();
      reject(error);
    });
  });
}
