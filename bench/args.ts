import { type ParseArgsOptionsConfig, parseArgs } from 'node:util';

export type BenchDialect = 'sqlite' | 'postgres';

export interface BenchOptions {
  readonly dialects: readonly BenchDialect[];
  readonly rows: number;
  /** Seconds of each measured autocannon run. */
  readonly duration: number;
  /** Seconds of unmeasured traffic before each measured run. */
  readonly warmup: number;
  readonly connections: number;
  readonly batchSize: number;
  /** Bulk-insert requests in flight at once. */
  readonly inFlight: number;
  readonly pgUrl: string;
  readonly outDir: string;
  /** `source`: node packages/server/src/main.ts; `bundle`: node dist/tessera.mjs (npm run build first). */
  readonly entry: 'source' | 'bundle';
}

const usage = `usage: npm run bench -- [--db sqlite|postgres|both] [--rows N] [--duration S]
  [--warmup S] [--connections C] [--batch B] [--in-flight K] [--entry source|bundle]
PostgreSQL: TESSERA_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres)`;

/** Flags every bench script takes: `--db`, `--out`, `--entry` and `--help`. */
const commonFlags = {
  db: { type: 'string', default: 'both' },
  out: { type: 'string', default: 'bench/results' },
  entry: { type: 'string', default: 'bundle' },
  help: { type: 'boolean', default: false },
} as const satisfies ParseArgsOptionsConfig;

/**
 * Reads a bench script's flags (its own plus the common ones, strictly, no positionals);
 * `--help` prints `usage` and exits. Returns the script's values and the common settings.
 */
export function readBenchFlags<const Flags extends ParseArgsOptionsConfig>(
  argv: readonly string[],
  usage: string,
  flags: Flags,
) {
  const { values } = parseArgs({
    args: [...argv],
    options: { ...commonFlags, ...flags },
    strict: true,
    allowPositionals: false,
  });
  // The common flags' values; TypeScript cannot see them through the spread of a generic.
  const common = values as { db: string; out: string; entry: string; help: boolean };
  if (common.help) {
    console.log(usage);
    process.exit(0);
  }
  return {
    values,
    dialects: chosenDialects(common.db, usage),
    pgUrl: benchPgUrl(),
    outDir: common.out,
    entry: chosenEntry(common.entry, usage),
  };
}

export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const { values, ...common } = readBenchFlags(argv, usage, {
    rows: { type: 'string', default: '100000' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '1' },
    connections: { type: 'string', default: '10' },
    batch: { type: 'string', default: '1000' },
    'in-flight': { type: 'string', default: '4' },
  });
  return {
    ...common,
    rows: positiveInteger('rows', values.rows),
    duration: positiveNumber('duration', values.duration),
    warmup: nonNegativeNumber('warmup', values.warmup),
    connections: positiveInteger('connections', values.connections),
    batchSize: positiveInteger('batch', values.batch),
    inFlight: positiveInteger('in-flight', values['in-flight']),
  };
}

const dialectsByName: Record<string, readonly BenchDialect[]> = {
  sqlite: ['sqlite'],
  postgres: ['postgres'],
  pg: ['postgres'],
  both: ['sqlite', 'postgres'],
};

/** The databases `--db` names; shared by every bench script. */
export function chosenDialects(db: string, usage: string): readonly BenchDialect[] {
  const chosen = dialectsByName[db];
  if (!chosen) throw new Error(`--db must be sqlite, postgres or both\n${usage}`);
  return chosen;
}

/** How the server is started, from `--entry`. */
export function chosenEntry(entry: string, usage: string): 'source' | 'bundle' {
  if (entry !== 'source' && entry !== 'bundle') throw new Error(`--entry must be source or bundle\n${usage}`);
  return entry;
}

/** The PostgreSQL the benches create their databases in. */
export function benchPgUrl(): string {
  return process.env.TESSERA_BENCH_PG_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer`);
  return value;
}

function positiveNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
}

function nonNegativeNumber(name: string, text: string): number {
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} must be a number >= 0`);
  return value;
}

/** `--<name>` as a whole number of at least `min`; shared by the bench scripts' options. */
export function whole(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < min) throw new Error(`--${name} must be an integer >= ${min}`);
  return value;
}
