import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Command } from '../src/command.ts';
import { commands } from '../src/command-list.ts';
import { runInProcess } from './support/run-tessera.ts';

/** Every command path, subcommands included: ['migrate', 'status'], ['backup'], … */
function commandPaths(list: readonly Command[], prefix: string[] = []): string[][] {
  return list.flatMap((c) =>
    c.subcommands ? commandPaths(c.subcommands, [...prefix, c.name]) : [[...prefix, c.name]],
  );
}

const dataDir = mkdtempSync(join(tmpdir(), 'tessera-cli-usage-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('tessera help and usage errors', () => {
  it('lists every command at the top level, with the exit codes', async () => {
    const run = await runInProcess(['--help'], {});
    expect(run.code).toBe(0);
    for (const name of ['serve', 'migrate', 'backup', 'restore', 'copy-db', 'doctor'])
      expect(run.stdout).toMatch(new RegExp(`^  ${name} `, 'm'));
    expect(run.stdout).toContain('Exit codes: 0 done, 1 failed, 2 usage error, 3 a check failed');
  });

  it.each(commandPaths(commands))('answers --help for %s', async (...path) => {
    const run = await runInProcess([...path, '--help'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^Usage: tessera ${path.join(' ')}`));
    expect(run.stdout).toContain('-h, --help');
    expect(run.stderr).toBe('');
  });

  it('shows the subcommands of migrate, and `help <command>` equals `<command> --help`', async () => {
    const migrate = await runInProcess(['migrate', '--help'], {});
    expect(migrate.stdout).toMatch(/^ {2}status /m);
    expect(migrate.stdout).toMatch(/^ {2}up /m);
    expect((await runInProcess(['help', 'backup'], {})).stdout).toBe(
      (await runInProcess(['backup', '--help'], {})).stdout,
    );
  });

  it('exits 2 with a pointer to --help on usage errors', async () => {
    const cases: [string[], RegExp][] = [
      [[], /Usage: tessera <command>/],
      [['bogus'], /'bogus' is not a tessera command/],
      [['migrate'], /Usage: tessera migrate <command>/],
      [['migrate', 'sideways'], /'sideways' is not a tessera migrate command/],
      [['backup'], /tessera backup: missing <file>/],
      [['backup', 'a', 'b'], /unexpected argument number 2/],
      [['doctor', '--verbose'], /Unknown option '--verbose'/],
      [['copy-db'], /--to <url> is required/],
    ];
    for (const [args, message] of cases) {
      const run = await runInProcess(args, {});
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
    expect((await runInProcess(['backup'], {})).stderr).toContain("Run 'tessera backup --help' for usage.");
    // [bug] a stray argument was echoed; after --password-stdin that is a password.
    const stray = await runInProcess(['migrate', 'status', 'correct-horse-battery'], {});
    expect(stray.code).toBe(2);
    expect(stray.stderr).not.toContain('correct-horse-battery');
  });

  it('prints its version', async () => {
    const run = await runInProcess(['--version'], {});
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('exits 1 and lists every problem when the configuration is invalid', async () => {
    const run = await runInProcess(['migrate', 'status'], {
      DATABASE_URL: 'mysql://root:hunter2@db/tessera',
      TESSERA_PG_POOL_SIZE: 'lots',
      TESSERA_DATA_DIR: dataDir,
    });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unsupported scheme "mysql:"');
    expect(run.stderr).toContain('TESSERA_PG_POOL_SIZE');
    expect(run.stderr).not.toContain('hunter2');
  });
});
