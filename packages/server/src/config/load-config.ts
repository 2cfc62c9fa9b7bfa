import { accessSync, constants, mkdirSync, statSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import type { DatabaseConfig } from '@tessera/store';
import { loadAttachmentConfig } from './attachment-config.ts';
import { loadAuthConfig } from './auth-config.ts';
import { ConfigError, problemsOf } from './config-error.ts';
import { CONFIG_DEFAULTS, LOG_LEVELS, type TesseraConfig } from './config-schema.ts';
import { ncDbToDatabaseUrl, parseDatabaseUrl, redactUrl } from './database-url.ts';
import { ensureJwtSecret } from './secrets.ts';
import { loadWebhookConfig } from './webhook-config.ts';

export interface LoadConfigOptions {
  /** Base of relative paths (default the process's working directory). */
  readonly cwd?: string;
}

const PG_SCHEMA = /^[a-z_][a-z0-9_]{0,62}$/;
const HOST_NAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*\.?$/i;
const MAX_SHOWN_LENGTH = 120;
const METRICS_TOKEN = /^[\x21-\x7e]{16,512}$/;

/**
 * Reads and checks the whole configuration (see TesseraConfig for the variables). Creates the
 * data directory and, unless JWT_SECRET is set, the generated secret inside it. Every problem
 * found is collected first; then one ConfigError lists them all, so one start reports
 * everything to fix. No message contains a password or secret.
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  options: LoadConfigOptions = {},
): TesseraConfig {
  const cwd = options.cwd ?? process.cwd();
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = read(name);
    if (raw === undefined) return fallback;
    const value = /^[0-9]+$/.test(raw) ? Number(raw) : Number.NaN;
    if (Number.isSafeInteger(value) && value >= min && value <= max) return value;
    problems.push(`${name} must be an integer from ${min} to ${max} (got ${show(env[name] ?? '')})`);
    return fallback;
  };

  const pgSchema = read('TESSERA_PG_SCHEMA') ?? CONFIG_DEFAULTS.pgSchema;
  if (!PG_SCHEMA.test(pgSchema) || pgSchema.startsWith('pg_')) {
    problems.push(
      `TESSERA_PG_SCHEMA must be a lowercase identifier of at most 63 characters: a letter or _, then letters, digits or _, not starting with pg_ (got ${show(pgSchema)})`,
    );
  }
  const poolSize = integer('TESSERA_PG_POOL_SIZE', CONFIG_DEFAULTS.pgPoolSize, 1, 100);
  const connectTimeoutMs = integer(
    'TESSERA_PG_CONNECT_TIMEOUT_MS',
    CONFIG_DEFAULTS.pgConnectTimeoutMs,
    1,
    600_000,
  );

  const port = integer('PORT', CONFIG_DEFAULTS.port, 1, 65535);

  const host = read('HOST') ?? CONFIG_DEFAULTS.host;
  if (isIP(host) === 0 && !HOST_NAME.test(host)) {
    problems.push(
      `HOST must be an IP address or a host name, such as 127.0.0.1, 0.0.0.0, :: or localhost (got ${show(host)})`,
    );
  }

  const dataDirRaw = read('TESSERA_DATA_DIR');
  const dataDir = resolve(cwd, dataDirRaw ?? CONFIG_DEFAULTS.dataDir);
  const dataDirProblem = prepareDataDir(dataDir, dataDirRaw === undefined);
  if (dataDirProblem !== undefined) problems.push(dataDirProblem);

  const publicUrl = parsePublicUrl(read('PUBLIC_URL'), port, problems);

  const logLevelRaw = read('LOG_LEVEL')?.toLowerCase() ?? CONFIG_DEFAULTS.logLevel;
  const logLevel = LOG_LEVELS.find((level) => level === logLevelRaw) ?? CONFIG_DEFAULTS.logLevel;
  if (logLevel !== logLevelRaw) {
    problems.push(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')} (got ${show(env['LOG_LEVEL'] ?? '')})`);
  }
  const metricsToken = read('TESSERA_METRICS_TOKEN');
  if (metricsToken !== undefined && !METRICS_TOKEN.test(metricsToken)) {
    problems.push(
      'TESSERA_METRICS_TOKEN must be 16 to 512 printable characters without spaces (e.g. the output of `openssl rand -hex 24`)',
    );
  }

  const maxBodyBytes = integer('TESSERA_MAX_BODY_BYTES', CONFIG_DEFAULTS.maxBodyBytes, 1024, 1024 ** 3);
  const maxRecordsPerRequest = integer(
    'TESSERA_MAX_RECORDS_PER_REQUEST',
    CONFIG_DEFAULTS.maxRecordsPerRequest,
    1,
    100_000,
  );
  const maxLimit = integer('TESSERA_MAX_LIMIT', CONFIG_DEFAULTS.maxLimit, 1, 100_000);
  // Unset, the default page size shrinks to fit a small TESSERA_MAX_LIMIT.
  const defaultLimit = integer(
    'TESSERA_DEFAULT_LIMIT',
    Math.min(CONFIG_DEFAULTS.defaultLimit, maxLimit),
    1,
    100_000,
  );
  if (defaultLimit > maxLimit) {
    problems.push(
      `TESSERA_DEFAULT_LIMIT (${defaultLimit}) must not be greater than TESSERA_MAX_LIMIT (${maxLimit})`,
    );
  }

  const database = loadDatabase(read, { dataDir, pgSchema, poolSize, connectTimeoutMs, cwd }, problems);

  let jwtSecret = '';
  const jwtFromEnv = env['JWT_SECRET'];
  if (dataDirProblem === undefined || (jwtFromEnv !== undefined && jwtFromEnv !== '')) {
    try {
      jwtSecret = ensureJwtSecret(dataDir, jwtFromEnv);
    } catch (error) {
      problems.push(...problemsOf(error));
    }
  }

  const auth = loadAuthConfig(read, problems);
  const attachments = loadAttachmentConfig(read, problems);
  const webhooks = loadWebhookConfig(read, problems);
  const redisUrl = parseRedisUrl(read('REDIS_URL'), problems);
  const retentionRaw = read('TESSERA_EVENTS_RETENTION_DAYS');
  const eventsRetentionDays =
    retentionRaw === undefined ? undefined : integer('TESSERA_EVENTS_RETENTION_DAYS', 0, 1, 36_500);

  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    database: Object.freeze(database),
    port,
    host,
    dataDir,
    publicUrl,
    jwtSecret,
    logLevel,
    ...(metricsToken === undefined ? {} : { metricsToken }),
    maxBodyBytes,
    maxRecordsPerRequest,
    defaultLimit,
    maxLimit,
    auth,
    attachments,
    webhooks,
    ...(redisUrl === undefined ? {} : { redisUrl }),
    ...(eventsRetentionDays === undefined ? {} : { eventsRetentionDays }),
  });
}

function parseRedisUrl(raw: string | undefined, problems: string[]): string | undefined {
  if (raw === undefined) return undefined;
  let protocol: string | undefined;
  try {
    protocol = new URL(raw).protocol;
  } catch {
    protocol = undefined;
  }
  if (protocol === 'redis:' || protocol === 'rediss:') return raw;
  problems.push(
    `REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://redis:6379/0 (got ${show(redactUrl(raw))})`,
  );
  return undefined;
}

function loadDatabase(
  read: (name: string) => string | undefined,
  options: { dataDir: string; pgSchema: string; poolSize: number; connectTimeoutMs: number; cwd: string },
  problems: string[],
): DatabaseConfig {
  const databaseUrl = read('DATABASE_URL');
  const ncDb = databaseUrl === undefined ? read('NC_DB') : undefined;
  const variable = ncDb === undefined ? 'DATABASE_URL' : 'NC_DB';
  let database: DatabaseConfig;
  try {
    database = parseDatabaseUrl(ncDb === undefined ? databaseUrl : ncDbToDatabaseUrl(ncDb), {
      ...options,
      variable,
    });
  } catch (error) {
    problems.push(...problemsOf(error));
    return { kind: 'sqlite', file: resolve(options.dataDir, CONFIG_DEFAULTS.sqliteFileName) };
  }
  // The default file lives in the data directory, which is checked on its own.
  const explicit = databaseUrl !== undefined || ncDb !== undefined;
  if (explicit && database.kind === 'sqlite' && database.file !== ':memory:') {
    const problem = sqliteLocationProblem(database.file, variable);
    if (problem !== undefined) problems.push(problem);
  }
  return database;
}

/** Creates the data directory when missing; the problem with it, if any. */
function prepareDataDir(dir: string, defaulted: boolean): string | undefined {
  const hint = defaulted ? ' (the default; set TESSERA_DATA_DIR to use another directory)' : '';
  try {
    if (!statSync(dir).isDirectory()) return `TESSERA_DATA_DIR ${dir} is not a directory${hint}`;
  } catch {
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      return `TESSERA_DATA_DIR ${dir} cannot be created: ${reason(error)}${hint}`;
    }
  }
  try {
    accessSync(dir, constants.W_OK);
  } catch {
    return `TESSERA_DATA_DIR ${dir} is not writable by this process${hint}`;
  }
  return undefined;
}

/**
 * The store creates a SQLite file's missing directories; this catches what it cannot fix: a
 * path that is a directory, or whose nearest existing ancestor is a file or not writable.
 */
function sqliteLocationProblem(file: string, variable: string): string | undefined {
  try {
    if (statSync(file).isDirectory()) return `${variable} names ${file}, which is a directory, not a file`;
  } catch {
    // No file yet: it is created on start.
  }
  let dir = dirname(file);
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(dir).isDirectory();
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') {
        return `${variable} names ${file}, but ${dir} cannot be accessed (${code ?? reason(error)})`;
      }
      const parent = dirname(dir);
      if (parent === dir) return undefined;
      dir = parent;
      continue;
    }
    if (!isDirectory) return `${variable} names ${file}, but ${dir} is not a directory`;
    try {
      accessSync(dir, constants.W_OK);
      return undefined;
    } catch {
      return `${variable} names ${file}, but ${dir} is not writable by this process`;
    }
  }
}

function parsePublicUrl(raw: string | undefined, port: number, problems: string[]): string {
  const fallback = `http://localhost:${port}`;
  if (raw === undefined) return fallback;
  let url: URL | undefined;
  try {
    url = new URL(raw);
  } catch {
    url = undefined;
  }
  if (
    url === undefined ||
    (url.protocol !== 'http:' && url.protocol !== 'https:') ||
    url.username !== '' ||
    url.password !== '' ||
    url.search !== '' ||
    url.hash !== '' ||
    raw.includes('?') ||
    raw.includes('#')
  ) {
    problems.push(
      `PUBLIC_URL must be an absolute http:// or https:// URL without credentials, query or fragment, e.g. https://tessera.example.com (got ${show(redactUrl(raw))})`,
    );
    return fallback;
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

/** A given value, quoted, shortened when long. */
function show(value: string): string {
  const shown = value.length > MAX_SHOWN_LENGTH ? `${value.slice(0, MAX_SHOWN_LENGTH)}…` : value;
  return JSON.stringify(shown);
}

function errorCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
