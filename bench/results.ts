import type { BenchDialect, BenchOptions } from './args.ts';
import type { LoadResult } from './load.ts';
import type { MachineInfo } from './run-info.ts';

/** The timed request kinds, in the order they run. */
export const scenarioNames = ['listPlain', 'listFiltered', 'listSorted', 'readOne', 'create'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

/** Figures of one server process (Tessera or the bare baseline). */
export interface ServerFigures {
  startToHealthyMs?: number;
  /** Start to the first 200 from readiness (database connected and migrated). */
  startToReadyMs?: number;
  idleRssBytes?: number;
  peakRssBytes?: number;
  bulkRowsPerSecond?: number;
  bulkSeconds?: number;
  loads: Partial<Record<ScenarioName, LoadResult>>;
}

/** A correctness check made before timing (e.g. pageInfo.totalRows against a direct COUNT). */
export interface Check {
  readonly server: 'tessera' | 'baseline';
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface DialectResult {
  readonly dialect: BenchDialect;
  readonly tessera: ServerFigures;
  readonly baseline: ServerFigures;
  readonly checks: Check[];
  /** Anything that stopped part of the run, with the failing request and response. */
  readonly errors: string[];
}

export interface BenchRun {
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly machine: MachineInfo;
  readonly commit: string;
  /** The command line Tessera was started with (as `npm start` runs it). */
  readonly server: string;
  readonly options: Omit<BenchOptions, 'pgUrl' | 'outDir' | 'dialects'> & {
    dialects: readonly BenchDialect[];
  };
  readonly results: DialectResult[];
}
