import type { BenchDialect } from './args.ts';
import type { EventsBenchOptions } from './events-args.ts';
import type { ArrivalLog } from './events-probes.ts';
import type { WriteLog } from './events-writes.ts';
import type { MachineInfo } from './run-info.ts';

/** Latencies of one path (write answer, socket, webhook) over every tagged write. */
export interface LatencySummary {
  /** Arrivals measured (per socket, summed over sockets). */
  readonly count: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** Writes answered 2xx that never arrived (per socket, summed). */
  readonly missing: number;
  readonly duplicates: number;
  readonly gaps: number;
}

/** Delivery rate of one path during the sustained run. */
export interface RateSummary {
  /** Events delivered per second to one receiver, from the first write to the last arrival. */
  readonly perSecond: number;
  /** Seconds from the end of the writes until the last arrival. */
  readonly drainSeconds: number;
  readonly missing: number;
  readonly duplicates: number;
  readonly gaps: number;
}

export interface PathResult<T> {
  /** e.g. "WebSocket, same process" */
  readonly path: string;
  readonly receivers: number;
  readonly figures: T;
}

export interface EventsResult {
  readonly dialect: BenchDialect;
  paced?: {
    /** Writes sent per second (answered or not). */
    readonly writesPerSecond: number;
    readonly answered: number;
    readonly failed: number;
    readonly write: LatencySummary;
    readonly paths: PathResult<LatencySummary>[];
  };
  sustained?: {
    readonly writesPerSecond: number;
    readonly failed: number;
    readonly paths: PathResult<RateSummary>[];
  };
  /** Peak RSS (VmHWM) per server process. */
  readonly peakRss: { readonly server: string; readonly bytes: number }[];
  readonly notes: string[];
  readonly errors: string[];
}

export interface EventsRun {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: MachineInfo;
  readonly commit: string;
  readonly server: string;
  readonly options: Omit<EventsBenchOptions, 'pgUrl' | 'outDir' | 'redisUrl'>;
  readonly results: readonly EventsResult[];
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

function summarise(latencies: number[], missing: number, duplicates: number, gaps: number): LatencySummary {
  latencies.sort((a, b) => a - b);
  return {
    count: latencies.length,
    p50Ms: round(percentile(latencies, 50)),
    p99Ms: round(percentile(latencies, 99)),
    maxMs: round(latencies.at(-1) ?? Number.NaN),
    missing,
    duplicates,
    gaps,
  };
}

/** How long each write took to be answered. */
export function answerLatency(writes: WriteLog): LatencySummary {
  return summarise([...writes.answered.values()], 0, 0, 0);
}

/** From sending each write (answered 2xx) to its arrival at every receiver of a path. */
export function arrivalLatency(writes: WriteLog, logs: readonly ArrivalLog[]): LatencySummary {
  const latencies: number[] = [];
  let missing = 0;
  for (const log of logs)
    for (const tag of writes.answered.keys()) {
      const arrived = log.arrivals.get(tag);
      if (arrived === undefined) missing++;
      else latencies.push(arrived - (writes.sent.get(tag) as number));
    }
  const sum = (key: 'duplicates' | 'gaps') => logs.reduce((n, log) => n + log[key], 0);
  return summarise(latencies, missing, sum('duplicates'), sum('gaps'));
}

/** Delivery rate per receiver: its arrivals over the time from the first write to its last arrival. */
export function deliveryRate(
  writes: WriteLog,
  logs: readonly ArrivalLog[],
  writesEnded: number,
): RateSummary {
  const firstSent = Math.min(...writes.sent.values());
  let delivered = 0;
  let window = 0;
  let drain = 0;
  let missing = 0;
  for (const log of logs) {
    let last = firstSent;
    for (const tag of writes.answered.keys()) {
      const arrived = log.arrivals.get(tag);
      if (arrived === undefined) missing++;
      else {
        delivered++;
        last = Math.max(last, arrived);
      }
    }
    window += last - firstSent;
    drain = Math.max(drain, last - writesEnded);
  }
  const sum = (key: 'duplicates' | 'gaps') => logs.reduce((n, log) => n + log[key], 0);
  return {
    perSecond: window > 0 ? Math.round((delivered / window) * 1000) : 0,
    drainSeconds: Math.max(0, round(drain / 1000)),
    missing,
    duplicates: sum('duplicates'),
    gaps: sum('gaps'),
  };
}

/** Waits until every receiver has every write answered 2xx, or `timeoutMs` passes. */
export async function drained(
  writes: WriteLog,
  logs: readonly ArrivalLog[],
  timeoutMs: number,
): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const done = logs.every((log) => [...writes.answered.keys()].every((tag) => log.arrivals.has(tag)));
    if (done) return true;
    if (performance.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Failed writes, loss and disorder are failures; latencies and rates are measured without a target. */
export function eventsRunFailed(run: EventsRun): boolean {
  return run.results.some(
    (r) =>
      r.errors.length > 0 ||
      (r.paced?.failed ?? 0) > 0 ||
      (r.sustained?.failed ?? 0) > 0 ||
      [...(r.paced?.paths ?? []), ...(r.sustained?.paths ?? [])].some(
        (p) => p.figures.missing > 0 || p.figures.duplicates > 0 || p.figures.gaps > 0,
      ),
  );
}
