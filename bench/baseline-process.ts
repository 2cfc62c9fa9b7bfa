import { join } from 'node:path';
import { build } from 'esbuild';
import type { BaselineConfig } from './baseline-config.ts';
import { type ServerChild, startServerChild } from './child-process.ts';
import { repoRoot } from './tessera-process.ts';

/**
 * The baseline as plain JavaScript, like the bundle Tessera runs from: started from its
 * TypeScript source, Node would first load its type stripper, which adds about 17 MB of
 * resident memory and some start time that have nothing to do with Fastify and the driver.
 */
async function compiledBaseline(): Promise<string> {
  const outfile = join(repoRoot, 'node_modules/.cache/tessera-bench/baseline-server.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'baseline-server.ts')],
    outfile,
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node24',
    logLevel: 'warning',
  });
  return outfile;
}

/** Starts bench/baseline-server.ts (compiled) as a child and waits for its health route. */
export async function startBaseline(config: BaselineConfig, logDir: string): Promise<ServerChild> {
  return startServerChild({
    label: 'bare baseline',
    args: [await compiledBaseline()],
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/tmp',
      BASELINE_CONFIG: JSON.stringify(config),
    },
    cwd: repoRoot,
    port: config.port,
    healthPath: '/health',
    logFile: join(logDir, 'baseline.log'),
    timeoutMs: 30_000,
  });
}
