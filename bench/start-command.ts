import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** How `npm start` runs the server: environment assignments, node flags and the entry file. */
export interface StartCommand {
  readonly env: Readonly<Record<string, string>>;
  readonly nodeArgs: readonly string[];
  readonly entry: string;
}

/** The command as a shell line: `NAME=value node [flags] <entry>`. */
export function describeStartCommand(start: StartCommand, entry: string): string {
  return [
    ...Object.entries(start.env).map(([name, value]) => `${name}=${value}`),
    'node',
    ...start.nodeArgs,
    entry,
  ].join(' ');
}

/**
 * Reads the `start` script of package.json (`NAME=value … node [flags] <entry>`), so the
 * benchmark runs the server exactly as `npm start` does. TESSERA_BENCH_START replaces the
 * script, to compare settings without editing package.json.
 */
export function readStartCommand(repoRoot: string): StartCommand {
  const override = process.env.TESSERA_BENCH_START;
  const script =
    override ??
    (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts?: Record<string, string> })
      .scripts?.start;
  if (!script) throw new Error('package.json has no "start" script');
  const words = script.trim().split(/\s+/);
  const env: Record<string, string> = {};
  let at = 0;
  for (; at < words.length && /^[A-Z_][A-Z0-9_]*=/.test(words[at] ?? ''); at++) {
    const word = words[at] ?? '';
    const split = word.indexOf('=');
    env[word.slice(0, split)] = word.slice(split + 1);
  }
  if (words[at] !== 'node') throw new Error(`start script is not [NAME=value …] node … <entry>: ${script}`);
  const rest = words.slice(at + 1);
  const entry = rest.at(-1);
  if (!entry || entry.startsWith('-')) throw new Error(`start script names no entry file: ${script}`);
  return { env, nodeArgs: rest.slice(0, -1), entry };
}
