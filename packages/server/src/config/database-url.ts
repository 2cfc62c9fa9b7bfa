import { join, resolve } from 'node:path';
import type { DatabaseConfig } from '@tessera/store';
import { ConfigError } from './config-error.ts';
import { CONFIG_DEFAULTS } from './config-schema.ts';

export interface DatabaseUrlOptions {
  /** Absolute data directory; the SQLite file goes there when no URL is given. */
  readonly dataDir: string;
  readonly pgSchema: string;
  readonly poolSize: number;
  readonly connectTimeoutMs: number;
  /** Variable named in messages (default `DATABASE_URL`). */
  readonly variable?: string;
  /** Base of relative SQLite paths (default the process's working directory). */
  readonly cwd?: string;
}

const ACCEPTED_FORMS =
  'postgres://USER:PASSWORD@HOST:5432/DATABASE, postgresql://…, sqlite:PATH, sqlite://PATH or sqlite:///ABSOLUTE/PATH';
const NC_DB_FORMS = 'pg://HOST:PORT?u=USER&p=PASSWORD&d=DATABASE or sqlite3://?d=PATH';

/** libpq's sslmode values; the store decides TLS from this parameter. */
const SSL_MODES = ['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full'];

/** Query parameters that can carry a password (libpq's `password`, NocoDB's `p`). */
const SECRET_PARAM = /([?&](?:p|pass|password|pwd|sslpassword)=)[^&#]*/gi;

/**
 * Turns DATABASE_URL (or a URL translated from NC_DB) into the store's DatabaseConfig:
 * `postgres://` / `postgresql://` URLs are kept as written (sslmode and other parameters are
 * the store's business); `sqlite:PATH`, `sqlite://PATH` and `sqlite:///ABS/PATH` name a file,
 * relative paths resolving against the working directory; `undefined` (or blank) means
 * `<dataDir>/tessera.db`. Throws a ConfigError whose messages never contain the password.
 */
export function parseDatabaseUrl(raw: string | undefined, options: DatabaseUrlOptions): DatabaseConfig {
  const variable = options.variable ?? 'DATABASE_URL';
  const value = raw?.trim() ?? '';
  if (value === '') {
    return { kind: 'sqlite', file: join(options.dataDir, CONFIG_DEFAULTS.sqliteFileName) };
  }
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql') return parsePostgresUrl(value, variable, options);
  if (scheme === 'sqlite') return parseSqliteUrl(value, variable, options.cwd ?? process.cwd());
  if (scheme === undefined) {
    throw new ConfigError([
      `${variable} must be a URL starting with postgres://, postgresql:// or sqlite: (got "${redactUrl(value)}"); accepted forms: ${ACCEPTED_FORMS}`,
    ]);
  }
  const hint =
    scheme === 'pg' || scheme === 'sqlite3'
      ? ` (${scheme}:// is NocoDB's NC_DB form: set it as NC_DB, or write it as a postgres:// or sqlite: URL)`
      : '';
  throw new ConfigError([
    `${variable} uses the unsupported scheme "${scheme}:"${hint}; accepted forms: ${ACCEPTED_FORMS}`,
  ]);
}

function parsePostgresUrl(value: string, variable: string, options: DatabaseUrlOptions): DatabaseConfig {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError([
      `${variable} is not a valid URL: ${redactUrl(value)} (percent-encode characters such as @ : / ? # % in the user name and password)`,
    ]);
  }
  const problems: string[] = [];
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    problems.push(`${variable} has a malformed %-escape in its user name or password: ${redactUrl(value)}`);
  }
  const sslmode = url.searchParams.get('sslmode');
  if (sslmode !== null && !SSL_MODES.includes(sslmode)) {
    problems.push(`${variable} has sslmode "${sslmode}"; allowed: ${SSL_MODES.join(', ')}`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    kind: 'postgres',
    connectionString: value,
    schema: options.pgSchema,
    poolSize: options.poolSize,
    connectTimeoutMs: options.connectTimeoutMs,
  };
}

function parseSqliteUrl(value: string, variable: string, cwd: string): DatabaseConfig {
  const rest = value.slice('sqlite:'.length);
  const path = rest.startsWith('//') ? rest.slice(2) : rest;
  if (path === '') {
    throw new ConfigError([
      `${variable} "${value}" names no file; write sqlite:PATH, e.g. sqlite:///var/lib/tessera/tessera.db`,
    ]);
  }
  return { kind: 'sqlite', file: path === ':memory:' ? path : resolve(cwd, path) };
}

/**
 * Translates NocoDB's NC_DB (`pg://host:port?u=USER&p=PASS&d=DB`, also `user`, `password`,
 * `database`, `ssl=true|false`, `sslmode=…`; or `sqlite3://?d=PATH`) into a URL
 * parseDatabaseUrl accepts. Other NocoDB parameters (pool and knex tuning, search_path) have
 * no meaning here and are ignored. A `postgres://` or `sqlite:` value passes through unchanged.
 */
export function ncDbToDatabaseUrl(raw: string): string {
  const value = raw.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(value)?.[1]?.toLowerCase();
  if (scheme === 'postgres' || scheme === 'postgresql' || scheme === 'sqlite') return value;
  if (scheme !== 'pg' && scheme !== 'sqlite3') {
    const named =
      scheme === undefined
        ? `is not a URL (got "${redactUrl(value)}")`
        : `uses the unsupported scheme "${scheme}:"`;
    throw new ConfigError([`NC_DB ${named}; accepted forms: ${NC_DB_FORMS}`]);
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError([`NC_DB is not a valid URL: ${redactUrl(value)} (accepted forms: ${NC_DB_FORMS})`]);
  }
  const param = (...names: string[]): string | undefined => {
    for (const name of names) {
      const found = url.searchParams.get(name);
      if (found !== null && found !== '') return found;
    }
    return undefined;
  };
  if (scheme === 'sqlite3') {
    const file = param('d', 'database');
    if (file === undefined)
      throw new ConfigError([`NC_DB "${value}" names no file; write sqlite3://?d=PATH`]);
    return `sqlite:${file}`;
  }

  const problems: string[] = [];
  if (url.hostname === '') problems.push(`NC_DB names no host: ${redactUrl(value)}; write ${NC_DB_FORMS}`);
  const user = param('u', 'user');
  const password = param('p', 'password');
  const database = param('d', 'database');
  let sslmode = param('sslmode');
  if (sslmode !== undefined && !SSL_MODES.includes(sslmode)) {
    problems.push(`NC_DB has sslmode "${sslmode}"; allowed: ${SSL_MODES.join(', ')}`);
  }
  const ssl = param('ssl');
  if (ssl !== undefined && ssl !== 'true' && ssl !== 'false') {
    problems.push(`NC_DB has ssl "${ssl}"; allowed: true, false`);
  }
  if (problems.length > 0) throw new ConfigError(problems);
  if (sslmode === undefined && ssl === 'true') sslmode = 'require';

  const enc = encodeURIComponent;
  const credentials =
    user === undefined && password === undefined
      ? ''
      : `${enc(user ?? '')}${password === undefined ? '' : `:${enc(password)}`}@`;
  const port = url.port === '' ? '5432' : url.port;
  const query = sslmode === undefined ? '' : `?sslmode=${sslmode}`;
  return `postgres://${credentials}${url.hostname}:${port}/${enc(database ?? '')}${query}`;
}

/**
 * Hides the password of a database URL, even one too malformed to parse: the user-info
 * password becomes `***`, as do password query parameters.
 */
export function redactUrl(raw: string): string {
  let out = raw;
  const start = raw.indexOf('://');
  const at = raw.lastIndexOf('@');
  if (start >= 0 && at > start) {
    const userInfo = raw.slice(start + 3, at);
    const colon = userInfo.indexOf(':');
    if (colon >= 0) out = `${raw.slice(0, start + 3)}${userInfo.slice(0, colon)}:***${raw.slice(at)}`;
  }
  return out.replace(SECRET_PARAM, '$1***');
}

/** Log-safe one-liner: `postgres://user:***@db:5432/app (schema tessera)` or `sqlite /abs/tessera.db`. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === 'sqlite') return `sqlite ${config.file}`;
  return `${redactUrl(config.connectionString)} (schema ${config.schema})`;
}
