import { type BenchDialect, readBenchFlags, whole } from './args.ts';

export interface MemoryBenchOptions {
  readonly dialects: readonly BenchDialect[];
  readonly rows: number;
  /** Concurrent API clients during the load phase. */
  readonly clients: number;
  /** Seconds of mixed load. */
  readonly duration: number;
  readonly batchSize: number;
  readonly inFlight: number;
  /** RSS the server must stay under for the whole run, in MB (the container limit). */
  readonly limitMb: number;
  /** Milliseconds between RSS samples. */
  readonly sampleMs: number;
  readonly pgUrl: string;
  readonly outDir: string;
  readonly entry: 'source' | 'bundle';
}

const usage = `usage: node bench/memory.ts [--db sqlite|postgres|both] [--rows N] [--clients C]
  [--duration S] [--batch B] [--in-flight K] [--limit-mb MB] [--sample-ms MS] [--entry bundle|source] [--out DIR]
Defaults: --db both --rows 100000 --clients 50 --duration 60 --limit-mb 384 --sample-ms 100.
PostgreSQL: TESSERA_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres)`;

export function parseMemoryArgs(argv: readonly string[]): MemoryBenchOptions {
  const { values, ...common } = readBenchFlags(argv, usage, {
    rows: { type: 'string', default: '100000' },
    clients: { type: 'string', default: '50' },
    duration: { type: 'string', default: '60' },
    batch: { type: 'string', default: '1000' },
    'in-flight': { type: 'string', default: '4' },
    'limit-mb': { type: 'string', default: '384' },
    'sample-ms': { type: 'string', default: '100' },
  });
  return {
    ...common,
    rows: whole('rows', values.rows, 1),
    clients: whole('clients', values.clients, 1),
    duration: whole('duration', values.duration, 1),
    batchSize: whole('batch', values.batch, 1),
    inFlight: whole('in-flight', values['in-flight'], 1),
    limitMb: whole('limit-mb', values['limit-mb'], 16),
    sampleMs: whole('sample-ms', values['sample-ms'], 10),
  };
}
