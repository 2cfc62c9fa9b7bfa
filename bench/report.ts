import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LoadResult } from './load.ts';
import { type BenchRun, type DialectResult, type ScenarioName, scenarioNames } from './results.ts';
import { targets } from './targets.ts';

type Verdict = 'PASS' | 'FAIL' | '—';

const scenarioLabels: Record<ScenarioName, string> = {
  listPlain: 'List plain `?limit=25`',
  listFiltered: 'List filtered `where=(Status,eq,doing)`',
  listSorted: 'List sorted `sort=-Score`',
  readOne: 'Read one `/records/{id}`',
  create: 'Create one `POST {Name, Score}`',
};

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const mb = (bytes: number | undefined): string =>
  bytes === undefined ? 'n/a' : `${(bytes / 1048576).toFixed(1)} MB`;
const ms = (value: number | undefined): string =>
  value === undefined ? 'n/a' : `${integer.format(value)} ms`;
const ratio = (a: number | undefined, b: number | undefined): string =>
  a === undefined || b === undefined || b === 0 ? 'n/a' : `${(a / b).toFixed(2)}x`;

function load(result: LoadResult | undefined): string {
  if (!result) return 'n/a';
  const failures = result.non2xx + result.errors;
  const failed = failures ? ` **${integer.format(failures)} failed**` : '';
  return `${integer.format(result.requestsPerSecond)} req/s (p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms)${failed}`;
}

function atMost(value: number | undefined, limit: number): Verdict {
  return value === undefined ? 'FAIL' : value <= limit ? 'PASS' : 'FAIL';
}

function atLeast(value: number | undefined, limit: number): Verdict {
  return value === undefined ? 'FAIL' : value >= limit ? 'PASS' : 'FAIL';
}

/** One row per figure: metric, Tessera, bare baseline, ratio, target, verdict. */
export function dialectRows(result: DialectResult): string[][] {
  const { tessera: t, baseline: b, dialect } = result;
  const rows: string[][] = [
    [
      'Start to ready (health 200 with the database connected)',
      ms(t.startToReadyMs ?? t.startToHealthyMs),
      ms(b.startToReadyMs ?? b.startToHealthyMs),
      ratio(t.startToReadyMs ?? t.startToHealthyMs, b.startToReadyMs ?? b.startToHealthyMs),
      `<= ${targets.startToHealthyMs} ms`,
      atMost(t.startToReadyMs ?? t.startToHealthyMs, targets.startToHealthyMs),
    ],
    [
      'Idle RSS (ready + 1 s)',
      mb(t.idleRssBytes),
      mb(b.idleRssBytes),
      ratio(t.idleRssBytes, b.idleRssBytes),
      `<= ${mb(targets.idleRssBytes)}`,
      atMost(t.idleRssBytes, targets.idleRssBytes),
    ],
    [
      'Peak RSS (VmHWM, whole run)',
      mb(t.peakRssBytes),
      mb(b.peakRssBytes),
      ratio(t.peakRssBytes, b.peakRssBytes),
      `<= ${mb(targets.peakRssBytes)}`,
      atMost(t.peakRssBytes, targets.peakRssBytes),
    ],
  ];
  const bulkTarget = targets.bulkRowsPerSecond[dialect];
  rows.push([
    'Bulk insert (1000-row arrays)',
    t.bulkRowsPerSecond === undefined ? 'n/a' : `${integer.format(t.bulkRowsPerSecond)} rows/s`,
    b.bulkRowsPerSecond === undefined ? 'n/a' : `${integer.format(b.bulkRowsPerSecond)} rows/s`,
    ratio(t.bulkRowsPerSecond, b.bulkRowsPerSecond),
    bulkTarget === undefined ? '—' : `>= ${integer.format(bulkTarget)} rows/s`,
    bulkTarget === undefined ? '—' : atLeast(t.bulkRowsPerSecond, bulkTarget),
  ]);
  for (const name of scenarioNames) {
    const tl = t.loads[name];
    const bl = b.loads[name];
    const goal = targets.throughputRatio[name];
    const clean = tl !== undefined && tl.non2xx + tl.errors === 0;
    let verdict: Verdict = '—';
    if (goal !== undefined) {
      verdict =
        clean && bl !== undefined && bl.requestsPerSecond > 0
          ? atLeast(tl.requestsPerSecond / bl.requestsPerSecond, goal)
          : 'FAIL';
    } else if (tl !== undefined && !clean) {
      verdict = 'FAIL';
    }
    rows.push([
      scenarioLabels[name],
      load(tl),
      load(bl),
      ratio(tl?.requestsPerSecond, bl?.requestsPerSecond),
      goal === undefined ? '—' : `>= ${goal}x bare`,
      verdict,
    ]);
  }
  return rows;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export function renderMarkdown(run: BenchRun): string {
  const { machine, options } = run;
  const out: string[] = [
    `# Tessera benchmark (${run.startedAt.slice(0, 10)})`,
    '',
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}; Node ${machine.node}; commit ${run.commit}.`,
    `Run: server started as \`${run.server}\`; ${integer.format(options.rows)} rows; autocannon ${options.connections} connections, ${options.duration} s per run after ${options.warmup} s warm-up; bulk insert ${options.batchSize} rows per request, ${options.inFlight} in flight. Load generator, server and database share this machine.`,
    'Baseline: bare Fastify + driver (bench/baseline-server.ts) over the same database table; filtered and sorted lists (with their COUNT(*)) run on an unindexed copy of it, plain list without COUNT. Ratio = Tessera ÷ baseline.',
    '',
  ];
  for (const result of run.results) {
    out.push(`## ${result.dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`, '');
    out.push(
      table(['Metric', 'Tessera', 'Bare Fastify + driver', 'Ratio', 'Target', 'Result'], dialectRows(result)),
    );
    out.push('');
    if (result.checks.length) {
      out.push('Checks before timing:', '');
      for (const check of result.checks) {
        out.push(`- ${check.ok ? 'ok' : '**FAILED**'} ${check.server} ${check.name}: ${check.detail}`);
      }
      out.push('');
    }
    if (result.errors.length) {
      out.push('Errors:', '');
      for (const error of result.errors) out.push('```', error, '```');
      out.push('');
    }
  }
  return out.join('\n');
}

/** Count of FAIL verdicts and failed checks in the run. */
export function failureCount(run: BenchRun): number {
  let count = 0;
  for (const result of run.results) {
    count += dialectRows(result).filter((row) => row[5] === 'FAIL').length;
    count += result.checks.filter((check) => !check.ok).length;
  }
  return count;
}

/** Writes latest.md and latest.json into `dir`; returns their paths. */
export function writeReport(run: BenchRun, dir: string): { markdown: string; json: string } {
  mkdirSync(dir, { recursive: true });
  const markdown = join(dir, 'latest.md');
  const json = join(dir, 'latest.json');
  writeFileSync(markdown, `${renderMarkdown(run)}\n`);
  writeFileSync(json, `${JSON.stringify(run, null, 2)}\n`);
  formatWithBiome([markdown, json]);
  return { markdown, json };
}

/** Leaves the written files as the repo's formatter wants them, so `npm run lint` stays clean. */
export function formatWithBiome(files: readonly string[]): void {
  const biome = join(import.meta.dirname, '../node_modules/.bin/biome');
  if (!existsSync(biome)) return;
  try {
    execFileSync(biome, ['format', '--write', ...files], { stdio: 'ignore', timeout: 20_000 });
  } catch {
    // Formatting is cosmetic: the figures are written either way.
  }
}
