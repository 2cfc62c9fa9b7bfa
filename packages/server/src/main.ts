import { openStore } from '@tessera/store';
import { buildApp } from './app.ts';
import { ConfigError } from './config/config-error.ts';
import type { TesseraConfig } from './config/config-schema.ts';
import { describeDatabase } from './config/database-url.ts';
import { loadConfig } from './config/load-config.ts';

/** Reads the configuration; on problems prints each on its own line and exits 1. */
function loadConfigOrExit(): TesseraConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

/** Starts Tessera: configuration, migrations, HTTP; stops cleanly on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const store = openStore(config.database, (error) =>
    process.stderr.write(`database pool error: ${error.message}\n`),
  );
  await store.migrate();
  const app = await buildApp({ config, store });
  app.log.info(`database: ${describeDatabase(config.database)}`);
  await app.listen({ port: config.port, host: config.host });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info(`${signal} received, shutting down`);
    await app.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
