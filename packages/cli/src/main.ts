import { runCli } from './cli.ts';
import { processIo } from './cli-io.ts';

// `tessera …`: the exit code is set, not forced, so output is flushed and `serve` keeps running.
process.exitCode = await runCli(process.argv.slice(2), processIo());
