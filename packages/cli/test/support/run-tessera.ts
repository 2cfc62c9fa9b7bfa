import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { DatabaseConfig } from '../../../store/src/index.ts';
import { runCli } from '../../src/cli.ts';
import type { CliIo } from '../../src/cli-io.ts';

/** The CLI's entry point, run as `node packages/cli/src/main.ts …`. */
export const cliMain = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** stdout parsed as JSON (for --json runs). */
  // biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON output
  json(): any;
}

function result(code: number, stdout: string, stderr: string): CliRun {
  return { code, stdout, stderr, json: () => JSON.parse(stdout) };
}

export interface ChildRunOptions {
  readonly cwd?: string;
  /** Piped to standard input; without it, standard input is empty. */
  readonly input?: string;
}

/** Runs `tessera …` as a real child process with only the given environment (plus PATH). */
export function runTessera(
  args: readonly string[],
  env: Record<string, string>,
  { cwd, input }: ChildRunOptions = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliMain, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      ...(cwd ? { cwd } : {}),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    // A command that exits without reading its input must not fail the run with EPIPE.
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once('error', reject);
    child.once('close', (code) => resolve(result(code ?? -1, stdout, stderr)));
  });
}

/** Runs `tessera …` in this process (faster), with output captured and the given environment. */
export async function runInProcess(
  args: readonly string[],
  env: Record<string, string>,
  cwd = process.cwd(),
): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env,
    cwd,
  };
  const code = await runCli(args, io);
  return result(code, stdout, stderr);
}

/** The environment that points Tessera at a database and a data directory. */
export function instanceEnv(database: DatabaseConfig, dataDir: string): Record<string, string> {
  return database.kind === 'sqlite'
    ? { DATABASE_URL: `sqlite:${database.file}`, TESSERA_DATA_DIR: dataDir }
    : {
        DATABASE_URL: database.connectionString,
        TESSERA_PG_SCHEMA: database.schema,
        TESSERA_DATA_DIR: dataDir,
      };
}
