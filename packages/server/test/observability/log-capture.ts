import type { FastifyInstance } from 'fastify';
import type { TestApp } from '../../../../test/support/test-app.ts';
import { buildApp } from '../../src/app.ts';
import type { TesseraConfig } from '../../src/config/config-schema.ts';

/** A parsed JSON log line. */
export type LogLine = Record<string, unknown> & {
  level: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string; route?: string };
  res?: { statusCode?: number };
  responseTime?: number;
};

export interface LoggedApp {
  readonly app: FastifyInstance;
  /** Every line written so far, as written. */
  readonly raw: string[];
  lines(): LogLine[];
}

/**
 * A second app over a test app's store and accounts (so its token works), logging JSON lines
 * into memory at `level` instead of stdout.
 */
export async function buildLoggedApp(
  base: TestApp,
  level: string,
  config: Partial<TesseraConfig> = {},
): Promise<LoggedApp> {
  const raw: string[] = [];
  const app = await buildApp({
    config: { ...base.config, ...config },
    store: base.store,
    logger: { level, stream: { write: (line: string) => void raw.push(line) } },
  });
  return { app, raw, lines: () => raw.map((line) => JSON.parse(line) as LogLine) };
}
