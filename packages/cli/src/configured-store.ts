import { openStore, type TesseraStore } from '@tessera/store';
import type { TesseraConfig } from '../../server/src/config/config-schema.ts';
import { loadCliConfig } from './cli-config.ts';
import type { CliIo } from './cli-io.ts';
import type { ExitCodeValue } from './command.ts';

/** Opens the configured database for one command and closes it once `use` has finished. */
export async function withConfiguredStore(
  io: CliIo,
  use: (store: TesseraStore, config: TesseraConfig) => Promise<ExitCodeValue>,
): Promise<ExitCodeValue> {
  const config = loadCliConfig(io);
  const store = openStore(config.database);
  try {
    return await use(store, config);
  } finally {
    await store.close();
  }
}
