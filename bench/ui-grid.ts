/**
 * `npm run bench:ui -- [--db sqlite|postgres|both] [--rows N] [--rounds R] [--scroll-steps S]`
 * (also `--entry bundle|source`, `--out DIR`)
 * Loads a table of N records (default 100,000) in the web app's grid in Debian's Chromium and
 * measures, against a raw baseline page on the same origin in the same run (fetch() of the same
 * first page drawn on a canvas; a plain scrolling div):
 *  - time to first painted rows, from navigation start (median of R rounds);
 *  - frame times while scrolling the grid with the mouse wheel, one turn per frame.
 * Target (issue 5): first rows in under 1 s. Writes ui-grid-latest.md and .json to `--out`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser } from '../test/e2e/support/browser.ts';
import { type BenchDialect, readBenchFlags, whole } from './args.ts';
import { createBenchDatabase } from './bench-database.ts';
import { errorText } from './bench-dialect.ts';
import { benchAuthHeaders } from './bench-token.ts';
import { JsonClient } from './http-client.ts';
import { log } from './log.ts';
import { exitWhenDone, guardRun } from './run-guard.ts';
import { commitInfo, machineInfo } from './run-info.ts';
import { repoRoot, startTessera } from './tessera-process.ts';
import { baselinePageHtml } from './ui-baseline-page.ts';
import {
  type FrameSummary,
  paintedAfter,
  scrollSteadily,
  startFrameRecorder,
  stopFrameRecorder,
  summarizeFrames,
} from './ui-frames.ts';

const usage = `usage: node bench/ui-grid.ts [--db sqlite|postgres|both] [--rows N] [--rounds R] [--scroll-steps S]
  [--entry bundle|source] [--out DIR]
Defaults: --db both --rows 100000 --rounds 3 --scroll-steps 240`;

const FIRST_ROWS_TARGET_MS = 1000;
const BATCH = 1000;
const PAGE = 100;

interface UiGridResult {
  readonly dialect: BenchDialect;
  readonly rows: number;
  readonly baselineFirstRowsMs: number;
  readonly firstRowsMs: number;
  readonly firstRowsRounds: readonly number[];
  readonly baselineFrames: FrameSummary;
  readonly scrollFrames: FrameSummary;
  /** Record pages the grid fetched while scrolling. */
  readonly pagesFetched: number;
}

function options(argv: readonly string[]) {
  const { values, ...common } = readBenchFlags(argv, usage, {
    rows: { type: 'string', default: '100000' },
    rounds: { type: 'string', default: '3' },
    'scroll-steps': { type: 'string', default: '240' },
  });
  return {
    ...common,
    rows: whole('rows', values.rows, 100),
    rounds: whole('rounds', values.rounds, 1),
    scrollSteps: whole('scroll-steps', values['scroll-steps'], 10),
  };
}

const median = (values: readonly number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

/** A Scenes table of `rows` records with seven typical fields. */
async function buildTable(client: JsonClient, rows: number) {
  const base = (await client.call('POST', '/api/v2/meta/bases', { title: 'UI bench' })) as { id: string };
  const table = (await client.call('POST', `/api/v2/meta/bases/${base.id}/tables`, {
    title: 'Scenes',
    columns: [
      { title: 'Title', uidt: 'SingleLineText' },
      { title: 'Status', uidt: 'SingleSelect', colOptions: { options: ['Draft', 'Review', 'Approved'] } },
      { title: 'Take', uidt: 'Number' },
      { title: 'Due', uidt: 'Date' },
      { title: 'Done', uidt: 'Checkbox' },
      { title: 'Notes', uidt: 'LongText' },
      { title: 'Contact', uidt: 'Email' },
    ],
  })) as { id: string };
  const statuses = ['Draft', 'Review', 'Approved'];
  for (let start = 0; start < rows; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, rows - start) }, (_, k) => {
      const i = start + k;
      return {
        Title: `Scene ${i}`,
        Status: statuses[i % 3],
        Take: i % 40,
        Due: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
        Done: i % 5 === 0,
        Notes: `Scene ${i} opens on a wide shot; dialogue follows.`,
        Contact: `crew${i % 97}@studio.example`,
      };
    });
    await client.call('POST', `/api/v2/tables/${table.id}/records`, batch, 120_000);
  }
  return { baseId: base.id, tableId: table.id };
}

async function benchUi(dialect: BenchDialect, opts: ReturnType<typeof options>): Promise<UiGridResult> {
  const database = await createBenchDatabase(dialect, opts.pgUrl);
  const server = await startTessera(database, opts.entry, { logName: 'ui-grid.log' });
  const browser = await launchBrowser(server.baseUrl);
  try {
    const client = new JsonClient(server.baseUrl, benchAuthHeaders);
    log(`${dialect}: inserting ${opts.rows} records`);
    const { baseId, tableId } = await buildTable(client, opts.rows);
    const signup = await browser.context.request.post('/api/v1/auth/user/signup', {
      data: { email: 'bench@example.com', password: 'bench password 1', firstname: 'Bench' },
    });
    if (!signup.ok()) throw new Error(`sign-up failed: ${signup.status()} ${await signup.text()}`);
    const { token } = (await signup.json()) as { token: string };
    const recordsPath = `/api/v2/tables/${tableId}/records?limit=${PAGE}&offset=0`;
    await browser.context.route('**/__bench/baseline', (route) =>
      route.fulfill({ contentType: 'text/html', body: baselinePageHtml(recordsPath, token) }),
    );

    const isRecordsPage = (url: string) => url.includes(`/api/v2/tables/${tableId}/records?`);
    const baselineRounds: number[] = [];
    const gridRounds: number[] = [];
    for (let round = 0; round < opts.rounds; round++) {
      const baseline = await browser.newPage();
      await baseline.goto('/__bench/baseline');
      baselineRounds.push(
        await paintedAfter(
          baseline,
          baseline.waitForFunction(() => (window as { __rowsDrawn?: number }).__rowsDrawn),
        ),
      );
      await baseline.close();
      const grid = await browser.newPage();
      const rowsArrived = grid.waitForResponse((r) => isRecordsPage(r.url()) && r.ok(), { timeout: 30_000 });
      await grid.goto(`/bases/${baseId}/tables/${tableId}`);
      gridRounds.push(await paintedAfter(grid, rowsArrived));
      await grid.close();
    }

    const baseline = await browser.newPage();
    await baseline.goto('/__bench/baseline');
    await baseline.waitForFunction(() => (window as { __rowsDrawn?: number }).__rowsDrawn);
    await startFrameRecorder(baseline);
    await scrollSteadily(baseline, opts.scrollSteps, 120);
    const baselineFrames = summarizeFrames(await stopFrameRecorder(baseline));
    await baseline.close();

    const grid = await browser.newPage();
    const firstRows = grid.waitForResponse((r) => isRecordsPage(r.url()) && r.ok(), { timeout: 30_000 });
    await grid.goto(`/bases/${baseId}/tables/${tableId}`);
    await paintedAfter(grid, firstRows);
    let pagesFetched = 0;
    grid.on('response', (r) => {
      if (isRecordsPage(r.url())) pagesFetched++;
    });
    await startFrameRecorder(grid);
    await scrollSteadily(grid, opts.scrollSteps, 120);
    const scrollFrames = summarizeFrames(await stopFrameRecorder(grid));
    await browser.screenshot(grid, `ui-bench-${dialect}`);
    const errors = browser.errors();
    if (errors.length > 0) throw new Error(`console errors in the app:\n${errors.join('\n')}`);
    const result: UiGridResult = {
      dialect,
      rows: opts.rows,
      baselineFirstRowsMs: Number(median(baselineRounds).toFixed(0)),
      firstRowsMs: Number(median(gridRounds).toFixed(0)),
      firstRowsRounds: gridRounds.map((ms) => Number(ms.toFixed(0))),
      baselineFrames,
      scrollFrames,
      pagesFetched,
    };
    log(
      `${dialect}: first rows ${result.firstRowsMs} ms (baseline ${result.baselineFirstRowsMs} ms); ` +
        `scroll frames p50 ${scrollFrames.p50Ms} / p95 ${scrollFrames.p95Ms} ms (baseline ${baselineFrames.p50Ms} / ${baselineFrames.p95Ms})`,
    );
    return result;
  } finally {
    await browser.close();
    await server.stop();
    await database.drop();
  }
}

function render(results: readonly UiGridResult[], opts: ReturnType<typeof options>): string {
  const machine = machineInfo();
  const ratio = (a: number, b: number) => (b > 0 ? `${(a / b).toFixed(2)}×` : '–');
  const lines = [
    `Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGb} GB RAM; Node ${machine.node}; commit ${commitInfo()}; headless Chromium at 1280×800.`,
    '',
    `| Database | First painted rows (median of ${opts.rounds}) | Raw baseline | Ratio | Target < ${FIRST_ROWS_TARGET_MS} ms |`,
    '| --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${r.dialect} (${r.rows.toLocaleString('en')} rows) | ${r.firstRowsMs} ms (${r.firstRowsRounds.join(', ')}) | ${r.baselineFirstRowsMs} ms | ${ratio(r.firstRowsMs, r.baselineFirstRowsMs)} | ${r.firstRowsMs < FIRST_ROWS_TARGET_MS ? 'PASS' : 'FAIL'} |`,
    ),
    '',
    `| Database | Scroll frames p50 / p95 / p99 / max (ms) | Frames > 33 ms | Raw baseline p50 / p95 (ms) | p95 ratio | Pages fetched |`,
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => {
      const f = r.scrollFrames;
      const b = r.baselineFrames;
      return `| ${r.dialect} | ${f.p50Ms} / ${f.p95Ms} / ${f.p99Ms} / ${f.maxMs} (${f.frames} frames) | ${(f.slowShare * 100).toFixed(1)} % | ${b.p50Ms} / ${b.p95Ms} | ${ratio(f.p95Ms, b.p95Ms)} | ${r.pagesFetched} |`;
    }),
    '',
    `First rows: navigation start to two frames after the first page of records arrived (app: sign-in restore, table meta, view columns, then records; baseline: one fetch of the same ${PAGE} rows drawn on a canvas). ` +
      `Scrolling: ${opts.scrollSteps} mouse-wheel turns of 120 px, one per frame, over the grid (baseline: over a plain scrolling div).`,
  ];
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const finished = guardRun(opts.dialects.length * (300 + opts.rows / 200) * 1000);
  const results: UiGridResult[] = [];
  for (const dialect of opts.dialects) results.push(await benchUi(dialect, opts));
  finished();
  const outDir = resolve(repoRoot, opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const markdown = render(results, opts);
  writeFileSync(join(outDir, 'ui-grid-latest.md'), markdown);
  writeFileSync(
    join(outDir, 'ui-grid-latest.json'),
    `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
  );
  process.stdout.write(`\n${markdown}`);
  return results.every((r) => r.firstRowsMs < FIRST_ROWS_TARGET_MS) ? 0 : 1;
}

exitWhenDone(main(), errorText);
