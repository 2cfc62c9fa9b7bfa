import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort } from '../../support/free-port.ts';

const mainScript = fileURLToPath(new URL('../../../packages/server/src/main.ts', import.meta.url));

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON bodies
  readonly body: any;
}

/** The real server (`node packages/server/src/main.ts`) in a child process. */
export interface TesseraProcess {
  readonly pid: number;
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  readonly token: string;
  readonly dataDir: string;
  /** Log messages (pino's `msg`) and any other output lines, so far. */
  messages(): string[];
  /** Resolves with the first message matching, waiting for it if need be. */
  waitForMessage(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** JSON request with the bootstrap token (unless `token: false`); never throws on a status. */
  request(method: string, path: string, body?: unknown, options?: { token?: boolean }): Promise<Reply>;
  /** Polls the readiness route until it answers 200. */
  waitUntilReady(timeoutMs?: number): Promise<void>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  isRunning(): boolean;
  kill(signal: NodeJS.Signals): void;
  /** Kills the process if still running and deletes its data dir. */
  dispose(): Promise<void>;
}

export async function poll<T>(
  what: string,
  attempt: () => Promise<T | undefined>,
  timeoutMs = 15_000,
  intervalMs = 50,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/**
 * Starts Tessera on a free port with a fresh data dir, the given environment (DATABASE_URL…),
 * a bootstrap token and short database back-off; resolves once it answers liveness.
 */
export async function startTessera(
  env: Record<string, string> = {},
  dataDir?: string,
): Promise<TesseraProcess> {
  const port = env.PORT ? Number(env.PORT) : await freePort();
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'tessera-ops-'));
  // Processes sharing a database share a bootstrap token: each start registers it, revoking others.
  const token = env.TESSERA_BOOTSTRAP_TOKEN ?? randomBytes(30).toString('hex');
  const child: ChildProcess = spawn(process.execPath, [mainScript], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      TESSERA_DATA_DIR: dir,
      TESSERA_BOOTSTRAP_TOKEN: token,
      TESSERA_DB_RETRY_MAX_MS: '200',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const watchers = new Set<() => void>();
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let rest = '';
    stream?.on('data', (chunk: Buffer) => {
      rest += chunk.toString();
      const parts = rest.split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        try {
          lines.push(String(JSON.parse(line).msg ?? line));
        } catch {
          lines.push(line);
        }
      }
      for (const watcher of watchers) watcher();
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  let running = true;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      running = false;
      resolve({ code, signal });
    }),
  );
  const base = `http://127.0.0.1:${port}`;

  const request: TesseraProcess['request'] = async (method, path, body, options = {}) => {
    const headers: Record<string, string> = {};
    if (options.token !== false) headers['xc-token'] = token;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${base}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {}
    return { status: response.status, headers: response.headers, body: parsed };
  };

  const processHandle: TesseraProcess = {
    pid: child.pid ?? 0,
    baseUrl: base,
    token,
    dataDir: dir,
    messages: () => [...lines],
    waitForMessage(pattern, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const found = lines.find((line) => pattern.test(line));
          if (found === undefined) return;
          cleanup();
          resolve(found);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`no log line matching ${pattern} in:\n${lines.join('\n')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          watchers.delete(check);
        };
        watchers.add(check);
        check();
      });
    },
    request,
    async waitUntilReady(timeoutMs = 15_000) {
      await poll(
        'readiness',
        async () =>
          (await request('GET', '/api/v1/health/ready', undefined, { token: false })).status === 200
            ? true
            : undefined,
        timeoutMs,
      );
    },
    exited,
    isRunning: () => running,
    kill: (signal) => {
      if (running) child.kill(signal);
    },
    async dispose() {
      if (running) {
        child.kill('SIGKILL');
        await exited;
      }
      if (dataDir === undefined) rmSync(dir, { recursive: true, force: true });
    },
  };
  const started = await poll('liveness', async () => {
    if (!running) return 'exited';
    const reply = await request('GET', '/api/v1/health', undefined, { token: false });
    return reply.status === 200 ? 'listening' : undefined;
  }).catch(async (error: unknown) => {
    // Not listening in time: the caller gets no handle, so the process must not outlive this.
    await processHandle.dispose();
    throw error;
  });
  if (started === 'exited') {
    const { code } = await exited;
    throw new Error(`Tessera exited with code ${code} before listening:\n${lines.join('\n')}`);
  }
  return processHandle;
}
