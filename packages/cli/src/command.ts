import type { CliIo } from './cli-io.ts';

/**
 * Exit codes of every command:
 * 0 done; 1 failed (bad configuration, database unreachable, refused restore…);
 * 2 usage error (unknown command or option, missing argument);
 * 3 a check failed: `doctor` found a problem, or a copy or restore did not verify
 * (nothing was committed).
 */
export const ExitCode = { ok: 0, failure: 1, usage: 2, checkFailed: 3 } as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** Placeholder shown in help for a string option, e.g. `<url>`. */
  readonly placeholder?: string;
  readonly description: string;
}

export interface ArgumentSpec {
  readonly name: string;
  readonly description: string;
  readonly optional?: boolean;
}

/** What a command's `run` gets: parsed options and arguments, and where to write. */
export interface CommandContext {
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
  readonly args: readonly string[];
  readonly io: CliIo;
}

/**
 * One `tessera` command: its help and its work. A command either runs or groups
 * subcommands (`migrate status`, `migrate up`). Commands are listed in command-list.ts;
 * adding one is one file plus one line there.
 */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  /** Paragraphs shown by `--help`. */
  readonly description?: string;
  readonly arguments?: readonly ArgumentSpec[];
  readonly options?: Readonly<Record<string, OptionSpec>>;
  readonly examples?: readonly string[];
  readonly subcommands?: readonly Command[];
  /** Does the work and returns the exit code. */
  readonly run?: (context: CommandContext) => Promise<ExitCodeValue>;
}

/** `--json`, shared by the commands a script would call. */
export const jsonOption: Readonly<Record<'json', OptionSpec>> = {
  json: { type: 'boolean', description: 'Print one JSON document on stdout instead of text' },
};

/** The command line was wrong: exit 2 with a pointer to `--help`. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A failure already explained for the operator; exits with `exitCode` (1 unless given). */
export class CliFailure extends Error {
  readonly exitCode: ExitCodeValue;
  /** Printed instead of the message when `--json` was given. */
  readonly json?: unknown;

  constructor(message: string, exitCode: ExitCodeValue = ExitCode.failure, json?: unknown) {
    super(message);
    this.name = 'CliFailure';
    this.exitCode = exitCode;
    if (json !== undefined) this.json = json;
  }
}
