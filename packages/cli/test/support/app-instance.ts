import { createTestApp, type TestApp } from '../../../../test/support/test-app.ts';
import type { TestDialect } from '../../../../test/support/test-databases.ts';
import { instanceEnv } from './run-tessera.ts';

/** A Tessera app (to check over HTTP what the CLI did) and the CLI environment of its database. */
export interface AppInstance {
  readonly t: TestApp;
  readonly env: Record<string, string>;
}

/** Starts an app on a fresh database; its closing is added to `cleanups`. */
export async function appInstance(
  dialect: TestDialect,
  cleanups: (() => Promise<void>)[],
): Promise<AppInstance> {
  const t = await createTestApp(dialect);
  cleanups.push(() => t.close());
  return { t, env: instanceEnv(t.config.database, t.config.dataDir) };
}
