/** Where a command writes, and the environment it reads: the process's, or a test's. */
export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

export interface OutputStream {
  write(text: string): unknown;
  /** True for a terminal: progress bars and colours only go there. */
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd() };
}

/** `value` as indented JSON plus a newline. */
export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}
