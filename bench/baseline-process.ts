import { join } from 'node:path';
import type { BaselineConfig } from './baseline-config.ts';
import { type ServerChild, startServerChild } from './child-process.ts';
import { repoRoot } from './tessera-process.ts';

/** Starts bench/baseline-server.ts as a child and waits for its health route. */
export function startBaseline(config: BaselineConfig, logDir: string): Promise<ServerChild> {
  return startServerChild({
    label: 'bare baseline',
    args: [join(import.meta.dirname, 'baseline-server.ts')],
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
