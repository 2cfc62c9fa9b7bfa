import type { BenchDialect } from './args.ts';
import type { ScenarioName } from './results.ts';

/** The goals the figures are held against (docs/benchmarks.md). */
export const targets = {
  startToHealthyMs: 500,
  idleRssBytes: 80 * 1024 * 1024,
  peakRssBytes: 200 * 1024 * 1024,
  /** Rows per second through the API; SQLite only. */
  bulkRowsPerSecond: { sqlite: 20_000 } as Partial<Record<BenchDialect, number>>,
  /** Tessera req/s ÷ bare req/s must reach this. */
  throughputRatio: {
    listPlain: 0.5,
    listFiltered: 5,
    listSorted: 5,
    create: 0.5,
  } as Partial<Record<ScenarioName, number>>,
} as const;
