import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../packages/server/src/app.ts';
import type { TesseraConfig } from '../../packages/server/src/config/config-schema.ts';
import { openStore, type TesseraStore } from '../../packages/store/src/index.ts';
import { createTestDatabase, type TestDialect } from './test-databases.ts';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: TesseraStore;
  readonly config: TesseraConfig;
  /** JSON request through `inject()`; returns status and parsed body. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  call(method: string, url: string, body?: unknown): Promise<{ status: number; body: any }>;
  close(): Promise<void>;
}

/** A Tessera app on a fresh database of the given dialect, built without listening. */
export async function createTestApp(
  dialect: TestDialect,
  overrides: Partial<TesseraConfig> = {},
): Promise<TestApp> {
  const database = await createTestDatabase(dialect);
  const dataDir = mkdtempSync(join(tmpdir(), 'tessera-app-'));
  const config: TesseraConfig = {
    database: database.config,
    port: 0,
    host: '127.0.0.1',
    dataDir,
    publicUrl: 'http://localhost:8080',
    jwtSecret: 'x'.repeat(48),
    logLevel: 'silent',
    maxBodyBytes: 1024 * 1024,
    maxRecordsPerRequest: 1000,
    defaultLimit: 25,
    maxLimit: 1000,
    ...overrides,
  };
  const store = openStore(config.database);
  await store.migrate();
  const app = await buildApp({ config, store, logger: false });
  return {
    app,
    store,
    config,
    async call(method, url, body) {
      const response = await app.inject({
        method: method as 'GET',
        url,
        ...(body === undefined
          ? {}
          : typeof body === 'string'
            ? { payload: body, headers: { 'content-type': 'application/json' } }
            : { payload: body as object }),
      });
      let parsed: unknown = response.body;
      try {
        parsed = JSON.parse(response.body);
      } catch {}
      return { status: response.statusCode, body: parsed };
    },
    async close() {
      await app.close();
      await store.close();
      await database.drop();
    },
  };
}
