// A real Tessera process serving the built web app (dist/web) on SQLite or on a PostgreSQL
// schema of its own, for browser tests.
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startTessera, type TesseraProcess } from '../../ops/support/tessera-process.ts';
import { freePort } from '../../support/free-port.ts';
import { type TestDialect, testPostgresUrl } from '../../support/test-databases.ts';

const webIndex = fileURLToPath(new URL('../../../dist/web/index.html', import.meta.url));

export interface UiServer extends TesseraProcess {
  readonly dialect: TestDialect;
  /** Stops the server and drops its database. */
  stop(): Promise<void>;
}

export async function startUiServer(
  dialect: TestDialect,
  env: Record<string, string> = {},
): Promise<UiServer> {
  if (!existsSync(webIndex))
    throw new Error('dist/web is missing: build the web app first (npm run build:web)');
  const schema = `e2e_${randomBytes(5).toString('hex')}`;
  const databaseEnv: Record<string, string> =
    dialect === 'postgres' ? { DATABASE_URL: testPostgresUrl(), TESSERA_PG_SCHEMA: schema } : {};
  // PUBLIC_URL is the address the browser opens, so signed file links are same-origin.
  const port = await freePort();
  const addressEnv = { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}` };
  // Sign-up opens for anyone so tests can create several users; the first becomes the owner.
  const server = await startTessera({ TESSERA_OPEN_SIGNUP: 'true', ...addressEnv, ...databaseEnv, ...env });
  await server.waitUntilReady();
  return Object.assign(server, {
    dialect,
    async stop() {
      await server.dispose();
      if (dialect !== 'postgres') return;
      const client = new pg.Client({ connectionString: testPostgresUrl() });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  });
}
