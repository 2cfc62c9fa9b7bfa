import { resolve } from 'node:path';
import type { DatabaseConfig } from '@tessera/store';
import { ConfigError } from '../../../server/src/config/config-error.ts';
import { ncDbToDatabaseUrl, parseDatabaseUrl } from '../../../server/src/config/database-url.ts';
import { describeDatabase, loadCliConfig } from '../cli-config.ts';
import type { CliIo } from '../cli-io.ts';
import { type CheckResult, fail, ok } from './doctor-check.ts';

/** What the later checks work on: from the configuration, or guessed when it is invalid. */
export interface DoctorTarget {
  readonly database: DatabaseConfig | undefined;
  readonly dataDir: string;
}

const NAME = 'configuration';

/**
 * Reads the configuration as the server would. When it is invalid, the database and data
 * directory are still worked out as far as possible, so the other checks can say more.
 */
export function checkConfiguration(io: CliIo): { result: CheckResult; target: DoctorTarget } {
  try {
    const config = loadCliConfig(io);
    return {
      result: ok(
        NAME,
        `valid; database ${describeDatabase(config.database)}, data directory ${config.dataDir}`,
      ),
      target: { database: config.database, dataDir: config.dataDir },
    };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return {
      result: fail(
        NAME,
        error.problems.join('; '),
        'set the variables named above as described in docs/configuration.md',
      ),
      target: fallbackTarget(io),
    };
  }
}

function fallbackTarget(io: CliIo): DoctorTarget {
  const read = (name: string) => {
    const value = io.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const dataDir = resolve(io.cwd, read('TESSERA_DATA_DIR') ?? './data');
  let database: DatabaseConfig | undefined;
  try {
    const ncDb = read('NC_DB');
    const url = read('DATABASE_URL') ?? (ncDb === undefined ? undefined : ncDbToDatabaseUrl(ncDb));
    database = parseDatabaseUrl(url, {
      dataDir,
      pgSchema: read('TESSERA_PG_SCHEMA') ?? 'tessera',
      poolSize: 1,
      connectTimeoutMs: 5000,
      cwd: io.cwd,
    });
  } catch {
    database = undefined;
  }
  return { database, dataDir };
}
