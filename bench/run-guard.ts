import { killAllChildren } from './child-process.ts';
import { runCleanups } from './cleanup.ts';
import { log } from './log.ts';

/**
 * Bounds a benchmark run: past `budgetMs`, or on SIGINT/SIGTERM/SIGHUP, every server it
 * started is killed and its data dropped before the process exits. Returns the function that
 * lifts the time bound once the run is done.
 */
export function guardRun(budgetMs: number): () => void {
  const watchdog = setTimeout(() => {
    log(`run exceeded its ${Math.round(budgetMs / 1000)} s budget: killing servers and giving up`);
    killAllChildren();
    void runCleanups().finally(() => process.exit(3));
  }, budgetMs);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      log(`${signal}: killing servers, dropping bench data`);
      killAllChildren();
      void runCleanups().finally(() => process.exit(130));
    });
  }
  return () => clearTimeout(watchdog);
}

/** Exits with the code `run` resolves to; on a failure, kills servers and drops data first. */
export function exitWhenDone(run: Promise<number>, describe: (error: unknown) => string): void {
  run.then(
    (code) => process.exit(code),
    (error: unknown) => {
      log(`bench failed: ${describe(error)}`);
      killAllChildren();
      void runCleanups().finally(() => process.exit(2));
    },
  );
}
