import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../test/support/free-port.ts';
import type { BenchDatabase } from './bench-database.ts';
import { benchToken } from './bench-token.ts';
import { type ServerChild, startServerChild } from './child-process.ts';
import { readStartCommand } from './start-command.ts';

export const repoRoot = join(import.meta.dirname, '..');

/**
 * The server to measure: `bundle` is the entry of `npm start` (dist/tessera.mjs), `source` the
 * TypeScript sources; TESSERA_BENCH_SERVER_ENTRY points at another build.
 */
export function tesseraEntry(entry: 'source' | 'bundle'): string {
  if (process.env.TESSERA_BENCH_SERVER_ENTRY) return resolve(process.env.TESSERA_BENCH_SERVER_ENTRY);
  if (entry === 'source') return join(repoRoot, 'packages/server/src/main.ts');
  return resolve(repoRoot, readStartCommand(repoRoot).entry);
}

/** Largest request body the benchmark sends is one bulk batch; allow plenty. */
const maxBodyBytes = 64 * 1024 * 1024;

/**
 * Starts the real Tessera server on a free port over the given fresh database, with the node
 * flags and environment of `npm start`, and waits for GET /api/v1/health to answer 200. The
 * server registers the run's API token (TESSERA_BOOTSTRAP_TOKEN); callers send it as `xc-token`.
 */
export async function startTessera(
  database: BenchDatabase,
  entry: 'source' | 'bundle',
  /** More variables (e.g. REDIS_URL), and the log's file name in the data folder. */
  extra: { readonly env?: Record<string, string>; readonly logName?: string } = {},
): Promise<ServerChild> {
  const file = tesseraEntry(entry);
  if (!existsSync(file)) {
    throw new Error(
      `Tessera server entry not found: ${file}${entry === 'bundle' ? ' (run npm run build)' : ''}`,
    );
  }
  const start = readStartCommand(repoRoot);
  const port = await freePort();
  const env: Record<string, string> = {
    ...start.env,
    ...passedThrough(),
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATABASE_URL: database.databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    TESSERA_DATA_DIR: database.dataDir,
    TESSERA_MAX_BODY_BYTES: String(maxBodyBytes),
    TESSERA_BOOTSTRAP_TOKEN: benchToken,
    ...extra.env,
  };
  if (database.pgSchema) env.TESSERA_PG_SCHEMA = database.pgSchema;
  return startServerChild({
    label: `Tessera (${database.dialect})`,
    args: [...start.nodeArgs, file],
    env,
    cwd: repoRoot,
    port,
    healthPath: '/api/v1/health',
    // Liveness answers before the database is connected; requests wait for readiness.
    readyPath: '/api/v1/health/ready',
    logFile: join(database.dataDir, extra.logName ?? 'tessera.log'),
    timeoutMs: 30_000,
  });
}

/** Extra server settings the caller chose (TESSERA_*, LOG_LEVEL, NODE_ENV), never the bench's own. */
function passedThrough(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (value === undefined || name.startsWith('TESSERA_BENCH_')) continue;
    if (name.startsWith('TESSERA_') || name === 'LOG_LEVEL' || name === 'NODE_ENV') env[name] = value;
  }
  return env;
}
