import type { Command, OptionSpec } from './command.ts';

const HELP_OPTION: OptionSpec = { type: 'boolean', short: 'h', description: 'Show this help' };

/** `tessera migrate status` for a command path (which starts at the root command, `tessera`). */
export function commandLine(path: readonly Command[]): string {
  return path.map((c) => c.name).join(' ');
}

function usageLine(path: readonly Command[]): string {
  const command = path.at(-1)!;
  if (command.subcommands) return `${commandLine(path)} <command> [options]`;
  const args = (command.arguments ?? []).map((a) => (a.optional ? `[${a.name}]` : `<${a.name}>`));
  const options = Object.keys(command.options ?? {}).length > 0 ? ['[options]'] : [];
  return [commandLine(path), ...args, ...options].join(' ');
}

function optionLabel(name: string, spec: OptionSpec): string {
  const short = spec.short ? `-${spec.short}, ` : '    ';
  const value = spec.type === 'string' ? ` ${spec.placeholder ?? '<value>'}` : '';
  return `${short}--${name}${value}`;
}

function columns(rows: readonly (readonly [string, string])[]): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}

/** Help of one command (or of the whole CLI when `path` is the root only). */
export function formatHelp(path: readonly Command[]): string {
  const command = path.at(-1)!;
  const lines = [`Usage: ${usageLine(path)}`, '', command.description ?? command.summary];
  if (command.subcommands) {
    lines.push('', 'Commands:', ...columns(command.subcommands.map((c) => [c.name, c.summary])));
  }
  if (command.arguments?.length) {
    lines.push('', 'Arguments:', ...columns(command.arguments.map((a) => [a.name, a.description])));
  }
  const options = { ...command.options, help: HELP_OPTION };
  lines.push(
    '',
    'Options:',
    ...columns(Object.entries(options).map(([name, spec]) => [optionLabel(name, spec), spec.description])),
  );
  if (command.examples?.length) lines.push('', 'Examples:', ...command.examples.map((e) => `  ${e}`));
  if (command.subcommands) {
    lines.push('', `Run '${commandLine(path)} <command> --help' for a command's options.`);
  }
  return `${lines.join('\n')}\n`;
}
