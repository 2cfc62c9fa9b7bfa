import type { DatabaseConfig } from '@tessera/store';
import type { TesseraConfig } from '../../server/src/config/config-schema.ts';
import { describeDatabase, parseDatabaseUrl } from '../../server/src/config/database-url.ts';
import { loadConfig } from '../../server/src/config/load-config.ts';
import type { CliIo } from './cli-io.ts';

/**
 * The server's configuration, read from the same environment variables the server reads, so
 * a command works on the instance `tessera serve` would run. Throws the server's ConfigError
 * (exit 1, every problem listed).
 */
export function loadCliConfig(io: CliIo): TesseraConfig {
  return loadConfig(io.env, { cwd: io.cwd });
}

/**
 * A database named on the command line (`copy-db --to`), read like DATABASE_URL: a
 * `postgres://` URL (into `schema`) or `sqlite:PATH`. Pool size is small: one copy at a time.
 */
export function parseDatabaseArgument(
  url: string,
  option: string,
  config: TesseraConfig,
  schema: string | undefined,
  io: CliIo,
): DatabaseConfig {
  const defaults = config.database.kind === 'postgres' ? config.database : undefined;
  return parseDatabaseUrl(url, {
    dataDir: config.dataDir,
    pgSchema: schema ?? defaults?.schema ?? 'tessera',
    poolSize: 2,
    connectTimeoutMs: defaults?.connectTimeoutMs ?? 5000,
    variable: option,
    cwd: io.cwd,
  });
}

/** Log-safe description of a database: never its password. */
export { describeDatabase };
