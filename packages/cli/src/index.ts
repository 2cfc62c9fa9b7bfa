export { runCli } from './cli.ts';
export type { CliIo, OutputStream } from './cli-io.ts';
export * from './command.ts';
export { commands, rootCommand } from './command-list.ts';
