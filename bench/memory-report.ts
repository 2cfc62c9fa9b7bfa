import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchDialect } from './args.ts';
import type { MemoryBenchOptions } from './memory-args.ts';
import { type MixedLoadResult, type Operation, operationWeights } from './mixed-load.ts';
import { formatWithBiome } from './report.ts';
import type { PhaseMemory } from './rss-sampler.ts';
import type { MachineInfo } from './run-info.ts';
import { targets } from './targets.ts';

/** Figures of one database's memory run. */
export interface MemoryResult {
  readonly dialect: BenchDialect;
  startToReadyMs?: number;
  /** RSS at ready + 1 s, before any table exists. */
  idleRssBytes?: number;
  phases: PhaseMemory[];
  bulkRowsPerSecond?: number;
  load?: MixedLoadResult;
  /** VmHWM at the end: the highest RSS of the whole run. */
  peakRssBytes?: number;
  readonly errors: string[];
}

export interface MemoryRun {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: MachineInfo;
  readonly commit: string;
  /** The command line the server was started with (as `npm start` runs it). */
  readonly server: string;
  readonly options: Omit<MemoryBenchOptions, 'pgUrl' | 'outDir'>;
  readonly results: readonly MemoryResult[];
}

const mb = (bytes: number | undefined): string =>
  bytes === undefined ? 'n/a' : `${(bytes / 1048576).toFixed(1)} MB`;
const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const verdict = (value: number | undefined, limit: number): string =>
  value === undefined ? 'FAIL' : value <= limit ? 'PASS' : 'FAIL';

/** Did the server go over the limit, or a request fail (no answer, or not 2xx)? */
export function memoryRunFailed(run: MemoryRun): boolean {
  const limit = run.options.limitMb * 1048576;
  return run.results.some(
    (r) =>
      r.errors.length > 0 ||
      r.peakRssBytes === undefined ||
      r.peakRssBytes > limit ||
      (r.load !== undefined &&
        (r.load.errors > 0 ||
          r.load.requests === 0 ||
          Object.values(r.load.byOperation).some((tally) => tally.failed > 0))),
  );
}

function phaseRows(result: MemoryResult): string[] {
  return result.phases.map(
    (p) =>
      `| ${p.phase} | ${mb(p.maxRss)} | ${mb(p.lastRss)} | ${mb(p.highWaterMark)} | ${integer.format(p.samples)} |`,
  );
}

function loadLines(load: MixedLoadResult): string[] {
  const operations = (Object.keys(operationWeights) as Operation[])
    .map((name) => {
      const t = load.byOperation[name];
      return `${name} ${integer.format(t.ok)}${t.failed ? ` (**${integer.format(t.failed)} failed**)` : ''}`;
    })
    .join(', ');
  return [
    `Mixed load: ${load.clients} clients for ${load.seconds.toFixed(0)} s, ${integer.format(load.requests)} answers ` +
      `(${integer.format(load.requestsPerSecond)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms); ` +
      `connection errors ${load.errors}, timeouts ${load.timeouts}.`,
    `Answered 2xx by operation: ${operations}. Status codes: ${JSON.stringify(load.statusCodes)}.`,
  ];
}

export function renderMemoryMarkdown(run: MemoryRun): string {
  const { options, machine } = run;
  const limit = options.limitMb * 1048576;
  const lines = [
    `# Tessera memory benchmark (${run.startedAt.slice(0, 10)})`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}; Node ${machine.node}; commit ${run.commit}.`,
    `Server: \`${run.server}\`.`,
    `Run: ${integer.format(options.rows)} rows inserted through the API (${options.batchSize}-row arrays, ${options.inFlight} in flight), ` +
      `then ${options.clients} concurrent clients for ${options.duration} s (${Object.entries(
        operationWeights,
      )
        .map(([name, weight]) => `${name} ${weight} %`)
        .join(', ')}); RSS sampled every ${options.sampleMs} ms from /proc, peak from VmHWM.`,
    '',
  ];
  for (const result of run.results) {
    lines.push(`## ${result.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, '');
    lines.push('| Figure | Value | Limit | Result |', '| --- | --- | --- | --- |');
    lines.push(
      `| Peak RSS, whole run (VmHWM) | ${mb(result.peakRssBytes)} | <= ${options.limitMb} MB (container) | ${verdict(result.peakRssBytes, limit)} |`,
      `| Peak RSS, whole run (VmHWM) | ${mb(result.peakRssBytes)} | <= ${mb(targets.peakRssBytes)} (issue target) | ${verdict(result.peakRssBytes, targets.peakRssBytes)} |`,
      `| Idle RSS (ready + 1 s) | ${mb(result.idleRssBytes)} | <= ${mb(targets.idleRssBytes)} (issue target) | ${verdict(result.idleRssBytes, targets.idleRssBytes)} |`,
      `| Start to ready | ${result.startToReadyMs === undefined ? 'n/a' : `${integer.format(result.startToReadyMs)} ms`} | — | — |`,
      `| Bulk insert | ${result.bulkRowsPerSecond === undefined ? 'n/a' : `${integer.format(result.bulkRowsPerSecond)} rows/s`} | — | — |`,
      '',
    );
    lines.push(
      '| Phase | Highest sampled RSS | RSS at end | VmHWM at end | Samples |',
      '| --- | --- | --- | --- | --- |',
    );
    lines.push(...phaseRows(result), '');
    if (result.load) lines.push(...loadLines(result.load), '');
    for (const error of result.errors) lines.push('```', error, '```', '');
  }
  return lines.join('\n');
}

export function writeMemoryReport(run: MemoryRun, outDir: string): { markdown: string; json: string } {
  mkdirSync(outDir, { recursive: true });
  const markdown = join(outDir, 'memory-latest.md');
  const json = join(outDir, 'memory-latest.json');
  writeFileSync(markdown, `${renderMemoryMarkdown(run)}\n`);
  writeFileSync(json, `${JSON.stringify(run, null, 2)}\n`);
  formatWithBiome([markdown, json]);
  return { markdown, json };
}
