import { type BenchDialect, readBenchFlags, whole } from './args.ts';

export interface EventsBenchOptions {
  readonly dialects: readonly BenchDialect[];
  /** Writes per second in the paced run. */
  readonly rate: number;
  /** Seconds of the paced run. */
  readonly duration: number;
  /** WebSocket subscribers per server. */
  readonly sockets: number;
  /** Concurrent writers, one request after another, in the sustained run. */
  readonly writers: number;
  /** Seconds of the sustained run. */
  readonly burst: number;
  /** Longest wait for webhooks and sockets to receive everything written (s). */
  readonly drainTimeout: number;
  readonly webhook: boolean;
  readonly pgUrl: string;
  /** Redis for the two-process run on PostgreSQL (skipped when it does not answer). */
  readonly redisUrl: string | undefined;
  readonly outDir: string;
  readonly entry: 'source' | 'bundle';
}

const usage = `usage: node bench/events.ts [--db sqlite|postgres|both] [--rate W] [--duration S]
  [--sockets N] [--writers C] [--burst S] [--drain-timeout S] [--no-webhook] [--no-redis]
  [--entry bundle|source] [--out DIR]
Defaults: --db both --rate 200 --duration 10 --sockets 10 --writers 16 --burst 10 --drain-timeout 120.
PostgreSQL: TESSERA_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres).
Redis (PostgreSQL only: a second server whose sockets hear of writes through Redis):
TESSERA_BENCH_REDIS_URL (default redis://127.0.0.1:6379).`;

export function parseEventsArgs(argv: readonly string[]): EventsBenchOptions {
  const { values, ...common } = readBenchFlags(argv, usage, {
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '10' },
    sockets: { type: 'string', default: '10' },
    writers: { type: 'string', default: '16' },
    burst: { type: 'string', default: '10' },
    'drain-timeout': { type: 'string', default: '120' },
    'no-webhook': { type: 'boolean', default: false },
    'no-redis': { type: 'boolean', default: false },
  });
  return {
    ...common,
    rate: whole('rate', values.rate, 1),
    duration: whole('duration', values.duration, 1),
    sockets: whole('sockets', values.sockets, 1),
    writers: whole('writers', values.writers, 1),
    burst: whole('burst', values.burst, 1),
    drainTimeout: whole('drain-timeout', values['drain-timeout'], 1),
    webhook: !values['no-webhook'],
    redisUrl: values['no-redis']
      ? undefined
      : process.env.TESSERA_BENCH_REDIS_URL || 'redis://127.0.0.1:6379',
  };
}
