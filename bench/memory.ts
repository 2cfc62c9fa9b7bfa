/**
 * `node bench/memory.ts [--db sqlite|postgres|both] [--rows N] [--clients C] [--duration S]`
 * Starts the real server as `npm start` does, fills a table through the API, then runs C
 * concurrent API clients (list, filter, sort, read, create) for S seconds while sampling the
 * server's resident memory; reports the peak and whether it stayed under --limit-mb (384).
 * Writes bench/results/memory-latest.md and memory-latest.json. Run `npm run build` first.
 */
import { relative } from 'node:path';
import type { BenchDialect } from './args.ts';
import { type BenchDatabase, createBenchDatabase } from './bench-database.ts';
import { errorText } from './bench-dialect.ts';
import { benchAuthHeaders } from './bench-token.ts';
import { type ServerChild, sleep } from './child-process.ts';
import { JsonClient } from './http-client.ts';
import { log } from './log.ts';
import { type MemoryBenchOptions, parseMemoryArgs } from './memory-args.ts';
import {
  type MemoryResult,
  type MemoryRun,
  memoryRunFailed,
  renderMemoryMarkdown,
  writeMemoryReport,
} from './memory-report.ts';
import { runMixedLoad } from './mixed-load.ts';
import { readProcessMemory } from './rss.ts';
import { RssSampler } from './rss-sampler.ts';
import { exitWhenDone, guardRun } from './run-guard.ts';
import { commitInfo, machineInfo } from './run-info.ts';
import { describeStartCommand, readStartCommand } from './start-command.ts';
import { repoRoot, startTessera, tesseraEntry } from './tessera-process.ts';
import { createBenchTable, createIndexedView, insertRows } from './tessera-setup.ts';

async function measure(dialect: BenchDialect, options: MemoryBenchOptions): Promise<MemoryResult> {
  const result: MemoryResult = { dialect, phases: [], errors: [] };
  const tag = `[${dialect}]`;
  let database: BenchDatabase | undefined;
  let server: ServerChild | undefined;
  let sampler: RssSampler | undefined;
  try {
    database = await createBenchDatabase(dialect, options.pgUrl);
    server = await startTessera(database, options.entry);
    result.startToReadyMs = server.startToReadyMs;
    log(`${tag} Tessera ready after ${server.startToReadyMs.toFixed(0)} ms (pid ${server.pid})`);
    sampler = new RssSampler(server.pid, options.sampleMs, 'idle (ready + 1 s)');
    await sleep(1000);
    result.idleRssBytes = readProcessMemory(server.pid).rss;

    sampler.phase(`fill: ${options.rows} rows through the API`);
    const client = new JsonClient(server.baseUrl, { ...benchAuthHeaders });
    const table = await createBenchTable(client);
    const bulk = await insertRows(client, table, options.rows, options.batchSize, options.inFlight);
    result.bulkRowsPerSecond = bulk.rowsPerSecond;
    await createIndexedView(client, table);
    log(
      `${tag} ${options.rows} rows in ${bulk.seconds.toFixed(1)} s; RSS ${mb(readProcessMemory(server.pid).rss)}`,
    );

    sampler.phase(`load: ${options.clients} clients, ${options.duration} s`);
    result.load = await runMixedLoad({
      baseUrl: server.baseUrl,
      headers: client.headers,
      tableId: table.tableId,
      ids: bulk.ids,
      rows: options.rows,
      clients: options.clients,
      seconds: options.duration,
    });
    log(
      `${tag} load: ${result.load.requests} answers, ${result.load.requestsPerSecond.toFixed(0)} req/s, ` +
        `status codes ${JSON.stringify(result.load.statusCodes)}`,
    );

    sampler.phase('after load (+ 2 s)');
    await sleep(2000);
    result.phases = [...sampler.stop()];
    sampler = undefined;
    result.peakRssBytes = readProcessMemory(server.pid).peak;
    log(`${tag} peak RSS ${mb(result.peakRssBytes)}`);
  } catch (error) {
    result.errors.push(
      `${errorText(error)}${server ? `\n--- server log (tail) ---\n${server.logTail(20)}` : ''}`,
    );
    log(`${tag} ERROR ${errorText(error)}`);
  } finally {
    if (sampler) result.phases = [...sampler.stop()];
    await server?.stop(5000).catch(() => {});
    await database?.drop().catch((error: unknown) => result.errors.push(`cleanup: ${errorText(error)}`));
  }
  return result;
}

function mb(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MB`;
}

async function main(): Promise<number> {
  const options = parseMemoryArgs(process.argv.slice(2));
  const finished = guardRun(
    (120 + options.rows / 200 + options.duration + 60) * options.dialects.length * 1000,
  );
  const startedAt = new Date().toISOString();
  const results: MemoryResult[] = [];
  for (const dialect of options.dialects) {
    log(`=== ${dialect} ===`);
    results.push(await measure(dialect, options));
  }
  finished();
  const { pgUrl: _pgUrl, outDir, ...shown } = options;
  const run: MemoryRun = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machineInfo(),
    commit: commitInfo(),
    server: describeStartCommand(readStartCommand(repoRoot), relative(repoRoot, tesseraEntry(options.entry))),
    options: shown,
    results,
  };
  const files = writeMemoryReport(run, outDir);
  process.stdout.write(`\n${renderMemoryMarkdown(run)}\n`);
  const failed = memoryRunFailed(run);
  log(`wrote ${files.markdown} and ${files.json}: ${failed ? 'FAIL' : 'PASS'}`);
  return failed ? 1 : 0;
}

exitWhenDone(main(), errorText);
