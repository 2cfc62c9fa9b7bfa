/**
 * `node bench/events.ts [--db sqlite|postgres|both] [--rate W] [--duration S] [--sockets N] …`
 * Write-to-WebSocket and write-to-webhook latency (p50, p99) under a paced write rate, then the
 * sustained event throughput with writers going as fast as they can; on PostgreSQL also through
 * a second server that hears of the writes through Redis. Checks that every event reached every
 * receiver once and in order. Writes bench/results/events-latest.md and .json.
 * Run `npm run build` first (or pass --entry source).
 */
import { connect } from 'node:net';
import { relative } from 'node:path';
import type { BenchDialect } from './args.ts';
import { type BenchDatabase, createBenchDatabase } from './bench-database.ts';
import { errorText } from './bench-dialect.ts';
import { benchAuthHeaders } from './bench-token.ts';
import type { ServerChild } from './child-process.ts';
import { type EventsBenchOptions, parseEventsArgs } from './events-args.ts';
import {
  type ArrivalLog,
  type FeedSet,
  openFeeds,
  startWebhookReceiver,
  type WebhookReceiver,
} from './events-probes.ts';
import { renderEventsMarkdown, writeEventsReport } from './events-report.ts';
import {
  answerLatency,
  arrivalLatency,
  deliveryRate,
  drained,
  type EventsResult,
  type EventsRun,
  eventsRunFailed,
} from './events-results.ts';
import { pacedWrites, sustainedWrites, type WriteTarget } from './events-writes.ts';
import { asRecord, asString, clip, JsonClient } from './http-client.ts';
import { log } from './log.ts';
import { readProcessMemory } from './rss.ts';
import { exitWhenDone, guardRun } from './run-guard.ts';
import { commitInfo, machineInfo } from './run-info.ts';
import { describeStartCommand, readStartCommand } from './start-command.ts';
import { repoRoot, startTessera, tesseraEntry } from './tessera-process.ts';

interface Path {
  readonly path: string;
  readonly logs: readonly ArrivalLog[];
}

/** True when a Redis server answers PING at `url` within a second. */
function redisAnswers(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port || 6379), hostname);
    const done = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (data) => done(data.toString().startsWith('+PONG')));
  });
}

async function createTable(client: JsonClient): Promise<{ baseId: string; tableId: string }> {
  const base = asRecord(await client.call('POST', '/api/v2/meta/bases', { title: 'Events bench' }), 'base');
  const baseId = asString(base.id, 'base id');
  const table = asRecord(
    await client.call('POST', `/api/v2/meta/bases/${baseId}/tables`, {
      title: 'Writes',
      columns: [{ title: 'Name', uidt: 'SingleLineText' }],
    }),
    'table',
  );
  return { baseId, tableId: asString(table.id, 'table id') };
}

async function measure(dialect: BenchDialect, options: EventsBenchOptions): Promise<EventsResult> {
  const result: EventsResult = { dialect, peakRss: [], notes: [], errors: [] };
  const tag = `[${dialect}]`;
  let database: BenchDatabase | undefined;
  const servers: { label: string; child: ServerChild }[] = [];
  const feeds: FeedSet[] = [];
  let receiver: WebhookReceiver | undefined;
  try {
    database = await createBenchDatabase(dialect, options.pgUrl);
    let redisUrl: string | undefined;
    if (dialect === 'postgres' && options.redisUrl !== undefined) {
      if (await redisAnswers(options.redisUrl)) redisUrl = options.redisUrl;
      else result.notes.push(`Redis at ${options.redisUrl} did not answer: no second server.`);
    }
    const env: Record<string, string> = redisUrl === undefined ? {} : { REDIS_URL: redisUrl };
    const a = await startTessera(database, options.entry, { env });
    servers.push({ label: redisUrl ? 'server A' : 'server', child: a });
    const b = redisUrl
      ? await startTessera(database, options.entry, { env, logName: 'tessera-b.log' })
      : undefined;
    if (b) servers.push({ label: 'server B', child: b });
    log(`${tag} ${servers.length} server(s) ready${redisUrl ? ` with REDIS_URL=${redisUrl}` : ''}`);

    const client = new JsonClient(a.baseUrl, { ...benchAuthHeaders });
    const { baseId, tableId } = await createTable(client);
    const paths: Path[] = [];
    const local = await openFeeds(a.baseUrl, baseId, options.sockets, benchAuthHeaders, 'same process');
    feeds.push(local);
    paths.push({ path: 'WebSocket, same process', logs: local.logs });
    if (b) {
      const remote = await openFeeds(b.baseUrl, baseId, options.sockets, benchAuthHeaders, 'other process');
      feeds.push(remote);
      paths.push({ path: 'WebSocket, other process (through Redis)', logs: remote.logs });
    }
    if (options.webhook) {
      receiver = await startWebhookReceiver('webhook');
      const hook = await client.send('POST', `/api/v2/meta/tables/${tableId}/hooks`, {
        title: 'bench',
        event: 'after',
        operation: ['insert'],
        version: 'v3',
        notification: { type: 'URL', payload: { method: 'POST', path: receiver.url } },
      });
      if (hook.status === 200) paths.push({ path: 'Webhook', logs: [receiver.log] });
      else
        result.notes.push(
          `Webhook not measured: creating it answered ${hook.status} ${clip(hook.text, 200)}.`,
        );
    }
    const allLogs = paths.flatMap((p) => p.logs);
    const target: WriteTarget = { baseUrl: a.baseUrl, tableId, headers: benchAuthHeaders };
    const drainMs = options.drainTimeout * 1000;

    const warmUp = await pacedWrites(target, 50, 1, 1_000_000);
    if (!(await drained(warmUp, allLogs, drainMs))) throw new Error('warm-up writes did not all arrive');
    log(`${tag} warmed up; paced run: ${options.rate} writes/s for ${options.duration} s`);

    const paced = await pacedWrites(target, options.rate, options.duration, 0);
    if (!(await drained(paced, allLogs, drainMs)))
      result.notes.push('Paced run: not everything arrived in time.');
    result.paced = {
      writesPerSecond: Math.round(paced.sent.size / paced.sendingSeconds),
      answered: paced.answered.size,
      failed: paced.failed,
      write: answerLatency(paced),
      paths: paths.map((p) => ({
        path: p.path,
        receivers: p.logs.length,
        figures: arrivalLatency(paced, p.logs),
      })),
    };
    for (const p of result.paced.paths)
      log(
        `${tag} ${p.path}: p50 ${p.figures.p50Ms} ms, p99 ${p.figures.p99Ms} ms, missing ${p.figures.missing}`,
      );

    log(`${tag} sustained run: ${options.writers} writers for ${options.burst} s`);
    const sustained = await sustainedWrites(target, options.writers, options.burst, 2_000_000);
    const writesEnded = performance.now();
    if (!(await drained(sustained, allLogs, drainMs)))
      result.notes.push(
        `Sustained run: not everything arrived within ${options.drainTimeout} s after the writes.`,
      );
    result.sustained = {
      writesPerSecond: Math.round(sustained.answered.size / sustained.seconds),
      failed: sustained.failed,
      paths: paths.map((p) => ({
        path: p.path,
        receivers: p.logs.length,
        figures: deliveryRate(sustained, p.logs, writesEnded),
      })),
    };
    for (const p of result.sustained.paths)
      log(`${tag} ${p.path}: ${p.figures.perSecond} events/s, drained ${p.figures.drainSeconds} s after`);
    for (const server of servers)
      result.peakRss.push({ server: server.label, bytes: readProcessMemory(server.child.pid).peak });
  } catch (error) {
    const tails = servers.map((s) => `--- ${s.label} log (tail) ---\n${s.child.logTail(20)}`).join('\n');
    result.errors.push(`${errorText(error)}\n${tails}`);
    log(`${tag} ERROR ${errorText(error)}`);
  } finally {
    for (const feed of feeds) await feed.close().catch(() => {});
    await receiver?.close().catch(() => {});
    for (const server of servers) await server.child.stop(5000).catch(() => {});
    await database?.drop().catch((error: unknown) => result.errors.push(`cleanup: ${errorText(error)}`));
  }
  return result;
}

async function main(): Promise<number> {
  const options = parseEventsArgs(process.argv.slice(2));
  const perDialect = 120 + options.duration + options.burst + 2 * options.drainTimeout;
  const finished = guardRun(perDialect * options.dialects.length * 1000);
  const startedAt = new Date().toISOString();
  const results: EventsResult[] = [];
  for (const dialect of options.dialects) {
    log(`=== ${dialect} ===`);
    results.push(await measure(dialect, options));
  }
  finished();
  const { pgUrl: _pgUrl, outDir, redisUrl: _redisUrl, ...shown } = options;
  const run: EventsRun = {
    startedAt,
    finishedAt: new Date().toISOString(),
    machine: machineInfo(),
    commit: commitInfo(),
    server: describeStartCommand(readStartCommand(repoRoot), relative(repoRoot, tesseraEntry(options.entry))),
    options: shown,
    results,
  };
  const files = writeEventsReport(run, outDir);
  process.stdout.write(`\n${renderEventsMarkdown(run)}\n`);
  const failed = eventsRunFailed(run);
  log(`wrote ${files.markdown} and ${files.json}: ${failed ? 'FAIL' : 'PASS'}`);
  return failed ? 1 : 0;
}

exitWhenDone(main(), errorText);
