import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchDatabase } from './bench-database.ts';
import { type ServerChild, startServerChild } from './child-process.ts';
import { freePort } from './free-port.ts';

export const repoRoot = join(import.meta.dirname, '..');

/** The server to measure; TESSERA_BENCH_SERVER_ENTRY points at another build of it. */
export function tesseraEntry(entry: 'source' | 'bundle'): string {
  if (process.env.TESSERA_BENCH_SERVER_ENTRY) return process.env.TESSERA_BENCH_SERVER_ENTRY;
  return join(repoRoot, entry === 'bundle' ? 'dist/tessera.mjs' : 'packages/server/src/main.ts');
}

/** Largest request body the benchmark sends is one bulk batch; allow plenty. */
const maxBodyBytes = 64 * 1024 * 1024;

/**
 * Starts the real Tessera server (`node packages/server/src/main.ts`) on a free port over the
 * given fresh database, and waits for GET /api/v1/health to answer 200.
 */
export async function startTessera(
  database: BenchDatabase,
  entry: 'source' | 'bundle',
): Promise<ServerChild> {
  const file = tesseraEntry(entry);
  if (!existsSync(file)) {
    throw new Error(
      `Tessera server entry not found: ${file}${entry === 'bundle' ? ' (run npm run build)' : ''}`,
    );
  }
  const port = await freePort();
  const env: Record<string, string> = {
    ...passedThrough(),
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '/tmp',
    DATABASE_URL: database.databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    TESSERA_DATA_DIR: database.dataDir,
    TESSERA_MAX_BODY_BYTES: String(maxBodyBytes),
  };
  if (database.pgSchema) env.TESSERA_PG_SCHEMA = database.pgSchema;
  // As `npm start` runs the bundle.
  if (entry === 'bundle') env.NODE_COMPILE_CACHE = join(repoRoot, 'node_modules/.cache/node-compile');
  return startServerChild({
    label: `Tessera (${database.dialect})`,
    args: [file],
    env,
    cwd: repoRoot,
    port,
    healthPath: '/api/v1/health',
    logFile: join(database.dataDir, 'tessera.log'),
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
