import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { once } from 'node:events';
import type { Readable, Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/** A PostgreSQL of a test's own, which it can stop and start (postgres-control-process.ts). */
export interface ControllablePostgres {
  readonly port: number;
  /** `postgres://postgres:postgres@127.0.0.1:<port>/postgres`, or another database/user. */
  url(options?: { user?: string; password?: string; database?: string; query?: string }): string;
  start(): Promise<void>;
  /** Fast shutdown: open sessions are ended with 57P01 `admin_shutdown`. */
  stop(): Promise<void>;
  /** Puts a rule first in pg_hba.conf; it applies from the next start. */
  prependHbaRule(rule: string): Promise<void>;
  /** Stops the server and deletes its cluster. */
  dispose(): Promise<void>;
}

/** Initialises a fresh cluster on a free port; it is stopped until `start()`. */
export async function createControllablePostgres(): Promise<ControllablePostgres> {
  const script = fileURLToPath(new URL('./postgres-control-process.ts', import.meta.url));
  const child: ChildProcessByStdio<Writable, Readable, null> = spawn(process.execPath, [script], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const waiters: { prefix: string; resolve: (line: string) => void; reject: (e: Error) => void }[] = [];
  let buffered = '';
  child.stdout.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline);
      buffered = buffered.slice(newline + 1);
      const waiter = waiters.shift();
      if (waiter && line.startsWith(waiter.prefix)) waiter.resolve(line);
      else waiter?.reject(new Error(`embedded PostgreSQL: ${line}`));
      newline = buffered.indexOf('\n');
    }
  });
  child.once('exit', (code) => {
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`embedded PostgreSQL exited (${code})`));
  });
  const next = (prefix: string) =>
    new Promise<string>((resolve, reject) => waiters.push({ prefix, resolve, reject }));
  const port = Number((await next('READY ')).split(' ')[1]);
  const command = async (line: string) => {
    const answer = next(`OK ${line.split(' ')[0]}`);
    child.stdin.write(`${line}\n`);
    await answer;
  };
  return {
    port,
    url: ({ user = 'postgres', password = 'postgres', database = 'postgres', query = '' } = {}) =>
      `postgres://${user}:${password}@127.0.0.1:${port}/${database}${query}`,
    start: () => command('start'),
    stop: () => command('stop'),
    prependHbaRule: (rule) => command(`hba ${rule}`),
    async dispose() {
      if (child.exitCode !== null) return;
      const exited = once(child, 'exit');
      child.stdin.end();
      await exited;
    },
  };
}
