/**
 * `npm run bench -- [--db sqlite|postgres|both] [--rows N] [--duration S]`
 * Starts Tessera and a bare Fastify + driver baseline over fresh databases, loads them with
 * autocannon, and writes bench/results/latest.md and latest.json.
 */
import { execFileSync } from 'node:child_process';
import { cpus, release, totalmem } from 'node:os';
import { parseBenchArgs } from './args.ts';
import { benchDialect, errorText } from './bench-dialect.ts';
import { killAllChildren } from './child-process.ts';
import { runCleanups } from './cleanup.ts';
import { log } from './log.ts';
import { failureCount, renderMarkdown, writeReport } from './report.ts';
import type { BenchRun, DialectResult } from './results.ts';
import { repoRoot } from './tessera-process.ts';

function commit(): string {
  try {
    const sha = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    return dirty ? `${sha} (+ uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

async function main(): Promise<number> {
  const options = parseBenchArgs(process.argv.slice(2));
  // Hard bound on the whole run: setup, two servers per database, 2 x 5 timed runs each.
  const perDialectSeconds = 120 + options.rows / 500 + 10 * (options.duration + options.warmup + 5);
  const budgetMs = perDialectSeconds * options.dialects.length * 1000;
  const watchdog = setTimeout(() => {
    log(`run exceeded its ${Math.round(budgetMs / 1000)} s budget: killing servers and giving up`);
    killAllChildren();
    void runCleanups().finally(() => process.exit(3));
  }, budgetMs);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      log(`${signal}: killing servers, dropping bench data`);
      killAllChildren();
      void runCleanups().finally(() => process.exit(130));
    });
  }

  const startedAt = new Date().toISOString();
  const results: DialectResult[] = [];
  for (const dialect of options.dialects) {
    log(`=== ${dialect} ===`);
    results.push(await benchDialect(dialect, options));
  }
  clearTimeout(watchdog);
  const { dialects, rows, duration, warmup, connections, batchSize, inFlight, entry } = options;
  const run: BenchRun = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: {
      cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 1024 ** 3),
      node: process.version,
      os: `Linux ${release()}`,
    },
    commit: commit(),
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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench failed: ${errorText(error)}`);
    killAllChildren();
    void runCleanups().finally(() => process.exit(2));
  },
);
