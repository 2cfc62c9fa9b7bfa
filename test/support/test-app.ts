import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../packages/server/src/app.ts';
import { bootstrapAccounts } from '../../packages/server/src/auth/bootstrap-accounts.ts';
import { AUTH_DEFAULTS } from '../../packages/server/src/config/auth-config.ts';
import type { TesseraConfig } from '../../packages/server/src/config/config-schema.ts';
import { openStore, type TesseraStore } from '../../packages/store/src/index.ts';
import { createTestDatabase, type TestDialect } from './test-databases.ts';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly store: TesseraStore;
  readonly config: TesseraConfig;
  /** The instance's bootstrap API token (full access); `call()` sends it. */
  readonly token: string;
  /** JSON request through `inject()` with the bootstrap token; returns status and parsed body. */
  call(method: string, url: string, body?: unknown): Promise<TestResponse>;
  /** Like `call`, with exactly the given headers (no token unless given): for auth tests. */
  callWith(
    headers: Record<string, string>,
    method: string,
    url: string,
    body?: unknown,
  ): Promise<TestResponse>;
  close(): Promise<void>;
}

export interface TestResponse {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  readonly body: any;
  readonly headers: Record<string, string | string[] | number | undefined>;
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
    auth: { ...AUTH_DEFAULTS, bootstrapToken: randomBytes(24).toString('hex'), ...overrides.auth },
  };
  const store = openStore(config.database);
  await store.migrate();
  await bootstrapAccounts(store, config.auth);
  const app = await buildApp({ config, store, logger: false });
  const token = config.auth.bootstrapToken ?? '';
  const callWith = async (headers: Record<string, string>, method: string, url: string, body?: unknown) => {
    const response = await app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as object }),
    });
    let parsed: unknown = response.body;
    try {
      parsed = JSON.parse(response.body);
    } catch {}
    return { status: response.statusCode, body: parsed, headers: response.headers };
  };
  return {
    app,
    store,
    config,
    token,
    call: (method, url, body) => callWith({ 'xc-token': token }, method, url, body),
    callWith,
    async close() {
      await app.close();
      await store.close();
      await database.drop();
    },
  };
}
