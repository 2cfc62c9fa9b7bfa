import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../test/support/free-port.ts';
import type { BenchDialect, BenchOptions } from './args.ts';
import type { BaselineConfig } from './baseline-config.ts';
import { baselinePaths } from './baseline-config.ts';
import { startBaseline } from './baseline-process.ts';
import {
  type BenchDatabase,
  createBenchDatabase,
  type DirectConnection,
  quoteIdent,
} from './bench-database.ts';
import { benchAuthHeaders } from './bench-token.ts';
import { bulkInsert } from './bulk-insert.ts';
import { type ServerChild, sleep } from './child-process.ts';
import { ApiError, JsonClient } from './http-client.ts';
import { type LoadOptions, type LoadSpec, measureLoad } from './load.ts';
import { log } from './log.ts';
import type { Check, DialectResult, ScenarioName, ServerFigures } from './results.ts';
import { scenarioNames } from './results.ts';
import { readProcessMemory } from './rss.ts';
import { baselineScenarios, tesseraListPaths, tesseraScenarios } from './scenarios.ts';
import { bulkTableName, cloneEmptyTable, copyTableName, copyUnindexed } from './table-copies.ts';
import { startTessera } from './tessera-process.ts';
import {
  authorisedClient,
  createBenchTable,
  createIndexedView,
  insertRows,
  type TableInfo,
} from './tessera-setup.ts';
import { allEqual, checkListAnswer, descendingFrom, type Expectation, startsAtPk } from './verify.ts';

interface TableFacts {
  readonly total: number;
  readonly doing: number;
  readonly maxScore: number;
  readonly minPk: number;
}

/** Runs Tessera then the bare baseline over one fresh database; never throws. */
export async function benchDialect(dialect: BenchDialect, options: BenchOptions): Promise<DialectResult> {
  const result: DialectResult = {
    dialect,
    tessera: { loads: {} },
    baseline: { loads: {} },
    checks: [],
    errors: [],
  };
  let database: BenchDatabase | undefined;
  let direct: DirectConnection | undefined;
  const children: ServerChild[] = [];
  try {
    database = await createBenchDatabase(dialect, options.pgUrl);
    log(
      `[${dialect}] data dir ${database.dataDir}${database.pgSchema ? `, schema ${database.pgSchema}` : ''}`,
    );
    const tessera = await startTessera(database, options.entry);
    children.push(tessera);
    const { table, ids, connection } = await runTessera(tessera, database, options, result);
    direct = connection;
    await tessera.stop();
    log(`[${dialect}] Tessera stopped; baseline next`);
    const config: BaselineConfig = {
      port: await freePort(),
      db:
        dialect === 'sqlite'
          ? { kind: 'sqlite', file: database.sqliteFile ?? '' }
          : { kind: 'postgres', url: options.pgUrl, schema: database.pgSchema ?? '', poolSize: 10 },
      table: table.tableName,
      copyTable: copyTableName,
      bulkTable: bulkTableName,
      pkColumn: table.pk.columnName,
      fields: {
        Name: table.fields.Name.columnName,
        Status: table.fields.Status.columnName,
        Score: table.fields.Score.columnName,
        Price: table.fields.Price.columnName,
        Due: table.fields.Due.columnName,
        Notes: table.fields.Notes.columnName,
      },
      timestampColumns: table.timestampColumns,
    };
    const baseline = await startBaseline(config, database.dataDir);
    children.push(baseline);
    await runBaseline(baseline, direct, config, ids, options, result);
    await baseline.stop();
  } catch (error) {
    const tails = children.map((child) => `--- ${child.logFile} (tail) ---\n${child.logTail(20)}`).join('\n');
    result.errors.push(`${errorText(error)}\n${tails}`);
    log(`[${dialect}] ERROR ${errorText(error)}`);
  } finally {
    for (const child of children) await child.stop(2000).catch(() => {});
    await direct?.close().catch(() => {});
    if (database) {
      keepLogs(database, options.outDir);
      await database.drop().catch((error: unknown) => result.errors.push(`cleanup: ${errorText(error)}`));
    }
  }
  return result;
}

async function runTessera(
  tessera: ServerChild,
  database: BenchDatabase,
  options: BenchOptions,
  result: DialectResult,
): Promise<{ table: TableInfo; ids: readonly (string | number)[]; connection: DirectConnection }> {
  const tag = `[${database.dialect}] Tessera`;
  const figures = result.tessera;
  figures.startToHealthyMs = tessera.startToHealthyMs;
  figures.startToReadyMs = tessera.startToReadyMs;
  log(
    `${tag} healthy after ${tessera.startToHealthyMs.toFixed(0)} ms, ready after ${tessera.startToReadyMs.toFixed(0)} ms (pid ${tessera.pid})`,
  );
  await sleep(1000);
  figures.idleRssBytes = readProcessMemory(tessera.pid).rss;
  const client = await authorisedClient(new JsonClient(tessera.baseUrl, { ...benchAuthHeaders }));
  const table = await createBenchTable(client);
  log(`${tag} table ${table.tableId} = ${table.tableName}; pk ${table.pk.title} (${table.pk.columnName})`);
  const direct = await database.connect();
  try {
    await cloneEmptyTable(direct, database.dialect, table.tableName);
    log(`${tag} bulk insert of ${options.rows} rows…`);
    const bulk = await insertRows(client, table, options.rows, options.batchSize, options.inFlight);
    figures.bulkRowsPerSecond = bulk.rowsPerSecond;
    figures.bulkSeconds = bulk.seconds;
    log(`${tag} bulk insert ${bulk.rowsPerSecond.toFixed(0)} rows/s (${bulk.seconds.toFixed(2)} s)`);
    const viewId = await createIndexedView(client, table);
    log(`${tag} view ${viewId} with filter Status=doing and sort -Score`);
    // The baseline's unindexed copy holds exactly the rows Tessera's lists were timed on.
    await copyUnindexed(direct, database.dialect, table.tableName);
    const facts = await tableFacts(direct, table.tableName, table.pk.columnName, table);
    if (facts.total !== options.rows) {
      result.errors.push(`${tag}: table holds ${facts.total} rows after inserting ${options.rows}`);
    }
    const lists = tesseraListPaths(table.tableId);
    const expectations = listExpectations(facts, {
      pk: table.pk.title,
      status: 'Status',
      score: 'Score',
    });
    for (const name of ['listPlain', 'listFiltered', 'listSorted'] as const) {
      const answer = await client.send('GET', lists[name]);
      const check = checkListAnswer(
        'tessera',
        `${name} GET ${lists[name]}`,
        answer.status,
        answer.body,
        expectations[name],
        true,
      );
      result.checks.push(check);
      if (!check.ok) log(`${tag} CHECK FAILED ${check.name}: ${check.detail}`);
    }
    result.checks.push(
      await checkReadOne(client, `/api/v2/tables/${table.tableId}/records/${bulk.ids[0]}`, 'tessera'),
    );
    await runLoads(
      tag,
      tessera.baseUrl,
      client.headers,
      tesseraScenarios(table.tableId, bulk.ids),
      options,
      figures,
    );
    figures.peakRssBytes = readProcessMemory(tessera.pid).peak;
    return { table, ids: bulk.ids, connection: direct };
  } catch (error) {
    await direct.close().catch(() => {});
    throw error;
  }
}

async function runBaseline(
  baseline: ServerChild,
  direct: DirectConnection,
  config: BaselineConfig,
  ids: readonly (string | number)[],
  options: BenchOptions,
  result: DialectResult,
): Promise<void> {
  const tag = `[${result.dialect}] baseline`;
  const figures = result.baseline;
  figures.startToHealthyMs = baseline.startToHealthyMs;
  figures.startToReadyMs = baseline.startToReadyMs;
  await sleep(1000);
  figures.idleRssBytes = readProcessMemory(baseline.pid).rss;
  // The same request headers as Tessera gets (the baseline ignores the token).
  const client = new JsonClient(baseline.baseUrl, { ...benchAuthHeaders });
  const bulk = await bulkInsert(
    client,
    baselinePaths.bulk,
    options.rows,
    options.batchSize,
    options.inFlight,
  );
  figures.bulkRowsPerSecond = bulk.rowsPerSecond;
  figures.bulkSeconds = bulk.seconds;
  log(`${tag} bulk insert ${bulk.rowsPerSecond.toFixed(0)} rows/s`);
  const facts = await tableFacts(direct, config.copyTable, config.pkColumn, undefined, config);
  const expectations = listExpectations(facts, {
    pk: config.pkColumn,
    status: config.fields.Status,
    score: config.fields.Score,
  });
  const paths = {
    listPlain: baselinePaths.listPlain,
    listFiltered: baselinePaths.listFiltered,
    listSorted: baselinePaths.listSorted,
  };
  for (const name of ['listPlain', 'listFiltered', 'listSorted'] as const) {
    const answer = await client.send('GET', paths[name]);
    // Plain list runs on Tessera's table (now larger by the timed creates): only its shape is checked.
    const expected: Expectation =
      name === 'listPlain' ? { total: Number.MAX_SAFE_INTEGER } : expectations[name];
    const check = checkListAnswer(
      'baseline',
      `${name} GET ${paths[name]}`,
      answer.status,
      answer.body,
      expected,
      name !== 'listPlain',
    );
    result.checks.push(check);
  }
  result.checks.push(await checkReadOne(client, `${baselinePaths.record}/${ids[0]}`, 'baseline'));
  await runLoads(tag, baseline.baseUrl, client.headers, baselineScenarios(ids), options, figures);
  figures.peakRssBytes = readProcessMemory(baseline.pid).peak;
}

async function runLoads(
  tag: string,
  baseUrl: string,
  headers: Record<string, string>,
  specs: Record<ScenarioName, LoadSpec>,
  options: BenchOptions,
  figures: ServerFigures,
): Promise<void> {
  const loadOptions: LoadOptions = {
    connections: options.connections,
    duration: options.duration,
    warmup: options.warmup,
    headers,
  };
  for (const name of scenarioNames) {
    const load = await measureLoad(baseUrl, specs[name], loadOptions);
    figures.loads[name] = load;
    const failed = load.non2xx + load.errors;
    log(
      `${tag} ${name}: ${load.requestsPerSecond.toFixed(0)} req/s, p50 ${load.p50Ms} ms, p99 ${load.p99Ms} ms` +
        (failed ? ` — ${failed} FAILED (status codes ${JSON.stringify(load.statusCodes)})` : ''),
    );
  }
}

async function tableFacts(
  direct: DirectConnection,
  tableName: string,
  pkColumn: string,
  table?: TableInfo,
  config?: BaselineConfig,
): Promise<TableFacts> {
  const status = quoteIdent(table?.fields.Status.columnName ?? config?.fields.Status ?? '');
  const score = quoteIdent(table?.fields.Score.columnName ?? config?.fields.Score ?? '');
  const t = quoteIdent(tableName);
  return {
    total: await direct.scalar(`SELECT COUNT(*) FROM ${t}`),
    doing: await direct.scalar(`SELECT COUNT(*) FROM ${t} WHERE ${status} = 'doing'`),
    maxScore: await direct.scalar(`SELECT MAX(${score}) FROM ${t}`),
    minPk: await direct.scalar(`SELECT MIN(${quoteIdent(pkColumn)}) FROM ${t}`),
  };
}

function listExpectations(
  facts: TableFacts,
  keys: { pk: string; status: string; score: string },
): Record<'listPlain' | 'listFiltered' | 'listSorted', Expectation> {
  return {
    listPlain: { total: facts.total, rowProblem: startsAtPk(keys.pk, facts.minPk) },
    listFiltered: { total: facts.doing, rowProblem: allEqual(keys.status, 'doing') },
    listSorted: { total: facts.total, rowProblem: descendingFrom(keys.score, facts.maxScore) },
  };
}

async function checkReadOne(client: JsonClient, path: string, server: Check['server']): Promise<Check> {
  const answer = await client.send('GET', path);
  const ok = answer.status === 200 && typeof answer.body === 'object' && answer.body !== null;
  return {
    server,
    name: `readOne GET ${path}`,
    ok,
    detail: ok ? 'status 200' : `status ${answer.status}: ${answer.text.slice(0, 300)}`,
  };
}

function keepLogs(database: BenchDatabase, outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const name of ['tessera.log', 'baseline.log']) {
    const source = join(database.dataDir, name);
    if (existsSync(source)) copyFileSync(source, join(outDir, `${database.dialect}-${name}`));
  }
}

export function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // Our own failures say what went wrong; a stack only helps for programming errors.
  return error.constructor === Error || error instanceof ApiError
    ? error.message
    : (error.stack ?? error.message);
}
