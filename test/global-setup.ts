import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

/**
 * Tests reach PostgreSQL through TESSERA_TEST_PG_URL. When it is not set, a throwaway
 * PostgreSQL is started for the run (in its own process) and stopped afterwards, so the
 * suite passes on a laptop with nothing installed.
 */
export async function setup(): Promise<() => Promise<void>> {
  if (process.env.TESSERA_TEST_PG_URL) return async () => {};
  const script = fileURLToPath(new URL('./support/embedded-postgres-process.ts', import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with code ${code}`)));
  });
  process.env.TESSERA_TEST_PG_URL = url;
  return async () => {
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  };
}
