/**
 * `npm run bench -- [--db sqlite|postgres|both] [--rows N] [--duration S]`
 * Starts Tessera and a bare Fastify + driver baseline over fresh databases, loads them with
 * autocannon, and writes bench/results/latest.md and latest.json.
 */
import { relative } from 'node:path';
import { parseBenchArgs } from './args.ts';
import { benchDialect, errorText } from './bench-dialect.ts';
import { log } from './log.ts';
import { failureCount, renderMarkdown, writeReport } from './report.ts';
import type { BenchRun, DialectResult } from './results.ts';
import { exitWhenDone, guardRun } from './run-guard.ts';
import { commitInfo, machineInfo } from './run-info.ts';
import { describeStartCommand, readStartCommand } from './start-command.ts';
import { repoRoot, tesseraEntry } from './tessera-process.ts';

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  // Hard bound on the whole run: setup, two servers per database, 2 x 5 timed runs each.
  const perDialectSeconds = 120 + options.rows / 500 + 10 * (options.duration + options.warmup + 5);
  const finished = guardRun(perDialectSeconds * options.dialects.length * 1000);

  const startedAt = new Date().toISOString();
  const results: DialectResult[] = [];
  for (const dialect of options.dialects) {
    log(`=== ${dialect} ===`);
    results.push(await benchDialect(dialect, options));
  }
  finished();
  const { dialects, rows, duration, warmup, connections, batchSize, inFlight, entry } = options;
  const run: BenchRun = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machineInfo(),
    commit: commitInfo(),
    server: describeStartCommand(readStartCommand(repoRoot), relative(repoRoot, tesseraEntry(options.entry))),
    options: { dialects, rows, duration, warmup, connections, batchSize, inFlight, entry },
    results,
  };
  const files = writeReport(run, options.outDir);
  process.stdout.write(`\n${renderMarkdown(run)}\n`);
  const failures = failureCount(run);
  const errors = results.reduce((n, r) => n + r.errors.length, 0);
  log(`wrote ${files.markdown} and ${files.json}: ${failures} FAIL, ${errors} errors`);
  return errors > 0 ? 1 : 0;
}

exitWhenDone(main(), errorText);
