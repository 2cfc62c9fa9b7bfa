import { parseArgs } from 'node:util';
import { describeProblem, diagnoseDatabaseError, SchemaTooNewError, TransferError } from '@tessera/store';
import { ConfigError } from '../../server/src/config/config-error.ts';
import type { CliIo } from './cli-io.ts';
import { printJson } from './cli-io.ts';
import { CliFailure, type Command, ExitCode, type ExitCodeValue, UsageError } from './command.ts';
import { rootCommand, tesseraVersion } from './command-list.ts';
import { commandLine, formatHelp } from './help.ts';

/**
 * Runs one `tessera` command line (without the `node` and script arguments) and returns its
 * exit code. Never throws: every failure is printed (on stderr, and as JSON on stdout when
 * `--json` was given) and mapped to an exit code (see ExitCode).
 */
export async function runCli(
  argv: readonly string[],
  io: CliIo,
  root: Command = rootCommand,
): Promise<ExitCodeValue> {
  const path: Command[] = [root];
  let json = false;
  try {
    let rest = [...argv];
    if (rest[0] === 'help') rest = [...rest.slice(1), '--help'];
    for (;;) {
      const command = path.at(-1)!;
      if (!command.subcommands) break;
      const next = rest[0];
      if (next === undefined) {
        io.stderr.write(formatHelp(path));
        return ExitCode.usage;
      }
      if (next === '--help' || next === '-h') {
        io.stdout.write(formatHelp(path));
        return ExitCode.ok;
      }
      if (path.length === 1 && next === '--version') {
        io.stdout.write(`${tesseraVersion}\n`);
        return ExitCode.ok;
      }
      const sub = command.subcommands.find((c) => c.name === next);
      if (!sub) throw new UsageError(`'${next}' is not a ${commandLine(path)} command`);
      path.push(sub);
      rest = rest.slice(1);
    }

    const command = path.at(-1)!;
    const parsed = parse(command, rest);
    json = parsed.values['json'] === true;
    if (parsed.values['help'] === true) {
      io.stdout.write(formatHelp(path));
      return ExitCode.ok;
    }
    checkArguments(command, parsed.positionals);
    if (!command.run) throw new UsageError(`${commandLine(path)} needs a subcommand`);
    return await command.run({ options: parsed.values, args: parsed.positionals, io });
  } catch (error) {
    return report(error, path, io, json);
  }
}

interface Parsed {
  readonly values: Readonly<Record<string, string | boolean | undefined>>;
  readonly positionals: readonly string[];
}

function parse(command: Command, args: readonly string[]): Parsed {
  const options = {
    ...Object.fromEntries(
      Object.entries(command.options ?? {}).map(([name, spec]) => [
        name,
        { type: spec.type, ...(spec.short ? { short: spec.short } : {}) },
      ]),
    ),
    help: { type: 'boolean' as const, short: 'h' },
  };
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    if (code.startsWith('ERR_PARSE_ARGS')) throw new UsageError((error as Error).message);
    throw error;
  }
}

function checkArguments(command: Command, given: readonly string[]): void {
  const specs = command.arguments ?? [];
  const required = specs.filter((a) => !a.optional);
  if (given.length < required.length)
    throw new UsageError(
      `missing ${required
        .slice(given.length)
        .map((a) => `<${a.name}>`)
        .join(' ')}`,
    );
  if (given.length > specs.length)
    throw new UsageError(
      `unexpected argument number ${specs.length + 1} (this command takes ${specs.length})`,
    );
}

function report(error: unknown, path: readonly Command[], io: CliIo, json: boolean): ExitCodeValue {
  const { message, exitCode, details } = explain(error);
  const where = path.length > 1 ? commandLine(path) : 'tessera';
  io.stderr.write(`${where}: ${message}\n`);
  if (exitCode === ExitCode.usage) io.stderr.write(`Run '${where} --help' for usage.\n`);
  if (json) printJson(io, details ?? { ok: false, error: message });
  return exitCode;
}

function explain(error: unknown): { message: string; exitCode: ExitCodeValue; details?: unknown } {
  if (error instanceof UsageError) return { message: error.message, exitCode: ExitCode.usage };
  if (error instanceof CliFailure)
    return { message: error.message, exitCode: error.exitCode, details: error.json };
  if (error instanceof ConfigError) return { message: error.message, exitCode: ExitCode.failure };
  if (error instanceof TransferError) {
    const exitCode = error.code === 'verification-failed' ? ExitCode.checkFailed : ExitCode.failure;
    return {
      message: error.message,
      exitCode,
      details: {
        ok: false,
        error: error.message,
        code: error.code,
        ...(error.report ? { report: error.report } : {}),
      },
    };
  }
  if (error instanceof SchemaTooNewError) return { message: error.message, exitCode: ExitCode.failure };
  const problem = diagnoseDatabaseError(error);
  if (problem) return { message: describeProblem(problem), exitCode: ExitCode.failure };
  const message = error instanceof Error ? error.message : String(error);
  return { message, exitCode: ExitCode.failure };
}
