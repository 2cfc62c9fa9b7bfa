/**
 * `npm run bench:computed -- [--db sqlite|postgres|both] [--rows N] [--duration S] [--connections C]`
 * (also `--entry bundle|source`, `--out DIR`)
 * Lists 25-row pages of an Episodes table of N rows (default 100,000) that has 2 lookups, 2
 * rollups and 2 formulas, against plain pages of the same table (stored fields only), in one
 * run and alternating, on a real server. Target: computed pages cost at most 3× plain ones.
 * Writes computed-latest.md and .json to `--out` (bench/results).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BenchDialect, readBenchFlags, whole } from './args.ts';
import { createBenchDatabase } from './bench-database.ts';
import { errorText } from './bench-dialect.ts';
import { benchAuthHeaders } from './bench-token.ts';
import { JsonClient } from './http-client.ts';
import { type LoadResult, measureLoad } from './load.ts';
import { log } from './log.ts';
import { exitWhenDone, guardRun } from './run-guard.ts';
import { repoRoot, startTessera } from './tessera-process.ts';

const usage = `usage: node bench/computed-list.ts [--db sqlite|postgres|both] [--rows N] [--duration S] [--connections C]
  [--entry bundle|source] [--out DIR]
Defaults: --db both --rows 100000 --duration 5 --connections 10`;

const TARGET_RATIO = 3;
const SERIES = 1000;
const BATCH = 1000;

interface ComputedResult {
  readonly dialect: BenchDialect;
  readonly rows: number;
  readonly scenes: number;
  readonly setupSeconds: number;
  readonly plain: LoadResult;
  readonly computed: LoadResult;
  /** Mean latency of a computed page over a plain one (from requests per second). */
  readonly ratio: number;
}

function options(argv: readonly string[]) {
  const { values, ...common } = readBenchFlags(argv, usage, {
    rows: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '5' },
    connections: { type: 'string', default: '10' },
  });
  return {
    ...common,
    rows: whole('rows', values.rows, 1000),
    duration: whole('duration', values.duration, 1),
    connections: whole('connections', values.connections, 1),
  };
}

/** Inserts `count` records made by `make(i)` in batches; returns nothing (ids are 1..count). */
async function insertAll(client: JsonClient, tableId: string, count: number, make: (i: number) => object) {
  for (let start = 0; start < count; start += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, count - start) }, (_, k) => make(start + k));
    await client.call('POST', `/api/v2/tables/${tableId}/records`, batch, 120_000);
  }
}

async function field(client: JsonClient, tableId: string, body: Record<string, unknown>): Promise<string> {
  const table = (await client.call('POST', `/api/v2/meta/tables/${tableId}/columns`, body)) as {
    columns: { id: string; title: string }[];
  };
  const found = table.columns.find((c) => c.title === body.title);
  if (!found) throw new Error(`field ${String(body.title)} was not created`);
  return found.id;
}

async function fieldId(client: JsonClient, tableId: string, title: string): Promise<string> {
  const table = (await client.call('GET', `/api/v2/meta/tables/${tableId}`)) as {
    columns: { id: string; title: string }[];
  };
  const found = table.columns.find((c) => c.title === title);
  if (!found) throw new Error(`no field ${title}`);
  return found.id;
}

/** Series (1,000) → Episodes (rows) → Scenes (rows), with the six computed fields on Episodes. */
async function buildSchema(client: JsonClient, rows: number) {
  const base = (await client.call('POST', '/api/v2/meta/bases', { title: 'Computed bench' })) as {
    id: string;
  };
  const table = async (title: string, columns: object[]) =>
    (
      (await client.call('POST', `/api/v2/meta/bases/${base.id}/tables`, { title, columns })) as {
        id: string;
      }
    ).id;
  const series = await table('Series', [
    { title: 'Title', uidt: 'SingleLineText' },
    { title: 'Network', uidt: 'SingleLineText' },
  ]);
  const episodes = await table('Episodes', [
    { title: 'Title', uidt: 'SingleLineText' },
    { title: 'Number', uidt: 'Number' },
  ]);
  const scenes = await table('Scenes', [
    { title: 'Title', uidt: 'SingleLineText' },
    { title: 'Seconds', uidt: 'Number' },
  ]);
  const link = (from: string, title: string, to: string) =>
    field(client, from, { title, uidt: 'Links', parentId: from, childId: to, type: 'hm' });
  await link(series, 'Episodes', episodes);
  const episodeScenes = await link(episodes, 'Scenes', scenes);
  const episodeSeries = await fieldId(client, episodes, 'Series');
  for (const [title, lookedUp] of [
    ['Series title', 'Title'],
    ['Series network', 'Network'],
  ] as const)
    await field(client, episodes, {
      title,
      uidt: 'Lookup',
      fk_relation_column_id: episodeSeries,
      fk_lookup_column_id: await fieldId(client, series, lookedUp),
    });
  const seconds = await fieldId(client, scenes, 'Seconds');
  for (const [title, fn] of [
    ['Runtime', 'sum'],
    ['Scene count', 'count'],
  ] as const)
    await field(client, episodes, {
      title,
      uidt: 'Rollup',
      fk_relation_column_id: episodeScenes,
      fk_rollup_column_id: seconds,
      rollup_function: fn,
    });
  await field(client, episodes, {
    title: 'Code',
    uidt: 'Formula',
    formula_raw: 'CONCAT(UPPER({Title}), "-", {Number})',
  });
  await field(client, episodes, {
    title: 'Length',
    uidt: 'Formula',
    formula_raw: 'IF({Runtime} >= 600, "long", "short")',
  });

  await insertAll(client, series, SERIES, (i) => ({ Title: `Series ${i}`, Network: `Net ${i % 7}` }));
  await insertAll(client, episodes, rows, (i) => ({
    Title: `Episode ${i}`,
    Number: i,
    Series: { Id: (i % SERIES) + 1 },
  }));
  await insertAll(client, scenes, rows, (i) => ({
    Title: `Scene ${i}`,
    Seconds: 30 + (i % 300),
    Episodes: { Id: ((i * 7919) % rows) + 1 },
  }));
  return { episodes };
}

async function benchComputed(
  dialect: BenchDialect,
  opts: ReturnType<typeof options>,
): Promise<ComputedResult> {
  const database = await createBenchDatabase(dialect, opts.pgUrl);
  const server = await startTessera(database, opts.entry, { logName: 'computed.log' });
  try {
    const client = new JsonClient(server.baseUrl, benchAuthHeaders);
    const setupStart = performance.now();
    log(`${dialect}: building Series → Episodes (${opts.rows}) → Scenes (${opts.rows})`);
    const { episodes } = await buildSchema(client, opts.rows);
    const setupSeconds = (performance.now() - setupStart) / 1000;
    log(`${dialect}: data ready in ${setupSeconds.toFixed(0)} s`);
    let page = 0;
    const pages = Math.floor(opts.rows / 25);
    const listPath = (fields: string) => () =>
      `/api/v2/tables/${episodes}/records?limit=25&offset=${((page++ * 7919) % pages) * 25}&fields=${encodeURIComponent(fields)}`;
    const plainFields = 'Title,Number';
    const computedFields = `${plainFields},Series title,Series network,Runtime,Scene count,Code,Length`;
    const load = {
      connections: opts.connections,
      duration: opts.duration,
      warmup: 1,
      headers: benchAuthHeaders,
    };
    const run = (fields: string) =>
      measureLoad(server.baseUrl, { method: 'GET', path: '/', nextPath: listPath(fields) }, load);
    // Alternating rounds; each side keeps its better round, so a noisy moment hurts neither.
    const best = (a: LoadResult, b: LoadResult) => (a.requestsPerSecond >= b.requestsPerSecond ? a : b);
    let plain = await run(plainFields);
    let computed = await run(computedFields);
    plain = best(plain, await run(plainFields));
    computed = best(computed, await run(computedFields));
    for (const result of [plain, computed])
      if (result.non2xx + result.errors > 0)
        throw new Error(`${dialect}: failed requests ${JSON.stringify(result)}`);
    const ratio = plain.requestsPerSecond / computed.requestsPerSecond;
    log(
      `${dialect}: plain ${plain.requestsPerSecond.toFixed(0)} req/s, computed ${computed.requestsPerSecond.toFixed(0)} req/s → ${ratio.toFixed(2)}×`,
    );
    return { dialect, rows: opts.rows, scenes: opts.rows, setupSeconds, plain, computed, ratio };
  } finally {
    await server.stop();
    await database.drop();
  }
}

function render(results: readonly ComputedResult[], connections: number): string {
  const lines = [
    `| Database | Plain list (req/s, p50/p99 ms) | With 2 lookups, 2 rollups, 2 formulas | Cost ratio | Target ≤ ${TARGET_RATIO}× |`,
    '| --- | --- | --- | --- | --- |',
  ];
  const cell = (r: LoadResult) => `${r.requestsPerSecond.toFixed(0)} (${r.p50Ms} / ${r.p99Ms})`;
  for (const r of results)
    lines.push(
      `| ${r.dialect} (${r.rows.toLocaleString('en')} rows) | ${cell(r.plain)} | ${cell(r.computed)} | ${r.ratio.toFixed(2)}× | ${r.ratio <= TARGET_RATIO ? 'PASS' : 'FAIL'} |`,
    );
  return `${lines.join('\n')}\n\n${connections} connections, 25-row pages at spread offsets, best of two alternating rounds each.\n`;
}

async function main(): Promise<number> {
  const opts = options(process.argv.slice(2));
  const finished = guardRun(opts.dialects.length * (600 + opts.rows / 50) * 1000);
  const results: ComputedResult[] = [];
  for (const dialect of opts.dialects) results.push(await benchComputed(dialect, opts));
  finished();
  const outDir = resolve(repoRoot, opts.outDir);
  mkdirSync(outDir, { recursive: true });
  const markdown = render(results, opts.connections);
  writeFileSync(join(outDir, 'computed-latest.md'), markdown);
  writeFileSync(
    join(outDir, 'computed-latest.json'),
    `${JSON.stringify({ at: new Date().toISOString(), results }, null, 2)}\n`,
  );
  process.stdout.write(`\n${markdown}`);
  return results.every((r) => r.ratio <= TARGET_RATIO) ? 0 : 1;
}

exitWhenDone(main(), errorText);
