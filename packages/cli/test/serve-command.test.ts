import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { poll } from '../../../test/ops/support/tessera-process.ts';
import { freePort } from '../../../test/support/free-port.ts';
import { cliMain } from './support/run-tessera.ts';

describe('tessera serve', () => {
  it('starts the server on --port, answers health, and exits 0 on SIGTERM', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-serve-'));
    const port = await freePort();
    const child = spawn(process.execPath, [cliMain, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
      env: {
        PATH: process.env.PATH ?? '',
        TESSERA_DATA_DIR: dataDir,
        TESSERA_BOOTSTRAP_TOKEN: randomBytes(30).toString('hex'),
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exited = once(child, 'exit');
    try {
      const health = await poll('health', async () => {
        const reply = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
        return reply.status === 200 ? reply : undefined;
      });
      expect(await health.json()).toMatchObject({ message: 'OK' });
      await poll('readiness', async () => {
        const reply = await fetch(`http://127.0.0.1:${port}/api/v1/health/ready`);
        return reply.status === 200 ? true : undefined;
      });
      child.kill('SIGTERM');
      const [code] = await exited;
      expect(code).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
