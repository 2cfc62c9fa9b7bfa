import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { request } from 'node:http';

/** Every child this run started, so that all of them die with it, whatever happens. */
const running = new Set<ChildProcess>();

process.on('exit', () => {
  for (const child of running) killNow(child);
});

function killNow(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** Kills every child still running (SIGKILL); used on errors and signals. */
export function killAllChildren(): void {
  for (const child of running) killNow(child);
}

export interface ServerChild {
  readonly pid: number;
  readonly baseUrl: string;
  readonly logFile: string;
  /** Milliseconds from spawn to the first 200 from the health URL. */
  readonly startToHealthyMs: number;
  /** Milliseconds from spawn to the first 200 from the readiness URL (the health one if none). */
  readonly startToReadyMs: number;
  /** Last lines the child wrote (stdout and stderr). */
  logTail(lines?: number): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

export interface StartServerOptions {
  readonly label: string;
  readonly args: readonly string[];
  readonly env: Record<string, string>;
  readonly cwd: string;
  readonly port: number;
  readonly healthPath: string;
  /** Polled after the health URL until 200 (database connected); optional. */
  readonly readyPath?: string;
  readonly logFile: string;
  readonly timeoutMs: number;
}

/**
 * Starts `node <args>` with stdout and stderr going to a log file, then polls the health URL
 * (then the readiness URL, if given) every few milliseconds until it answers 200. Fails (and
 * kills the child) when the child exits or the time runs out first.
 */
export async function startServerChild(options: StartServerOptions): Promise<ServerChild> {
  const logFd = openSync(options.logFile, 'a');
  const startedAt = performance.now();
  const child = spawn(process.execPath, [...options.args], {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', logFd, logFd],
  });
  closeSync(logFd);
  running.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.once('exit', () => running.delete(child));
  const logTail = (lines = 30): string => {
    try {
      return readFileSync(options.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    } catch {
      return '';
    }
  };
  const stop = async (graceMs = 5000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => killNow(child), graceMs);
    await exited;
    clearTimeout(timer);
  };
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const deadline = startedAt + options.timeoutMs;
  const waitFor = async (path: string, state: string): Promise<number> => {
    for (;;) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(
          `${options.label} exited (${child.exitCode ?? child.signalCode}) before it was ${state}`,
        );
      }
      if (performance.now() > deadline) {
        throw new Error(`${options.label} was not ${state} within ${options.timeoutMs} ms`);
      }
      if ((await probeStatus(`${baseUrl}${path}`, 250)) === 200) return performance.now() - startedAt;
      await sleep(5);
    }
  };
  let startToHealthyMs: number;
  let startToReadyMs: number;
  try {
    startToHealthyMs = await waitFor(options.healthPath, 'healthy');
    startToReadyMs = options.readyPath ? await waitFor(options.readyPath, 'ready') : startToHealthyMs;
  } catch (error) {
    await stop(1000);
    const tail = logTail();
    throw new Error(`${(error as Error).message}\n--- ${options.logFile} (tail) ---\n${tail}`);
  }
  if (child.pid === undefined) throw new Error(`${options.label} has no pid`);
  return {
    pid: child.pid,
    baseUrl,
    logFile: options.logFile,
    startToHealthyMs,
    startToReadyMs,
    logTail,
    stop,
  };
}

/** Status code of a GET, or 0 when nothing answered in time. */
function probeStatus(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const req = request(url, { method: 'GET', agent: false, timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(0));
    req.end();
  });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
