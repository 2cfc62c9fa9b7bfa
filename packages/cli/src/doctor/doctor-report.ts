import type { CliIo } from '../cli-io.ts';
import type { CheckResult, CheckStatus } from './doctor-check.ts';

const labels: Record<CheckStatus, string> = { ok: 'ok', warn: 'warn', fail: 'FAIL', skip: 'skip' };

/** One line per check, its fix indented below, then a verdict. */
export function printChecks(io: CliIo, checks: readonly CheckResult[]): void {
  const width = Math.max(...checks.map((c) => c.name.length));
  for (const check of checks) {
    io.stdout.write(`${labels[check.status].padEnd(4)}  ${check.name.padEnd(width)}  ${check.message}\n`);
    if (check.fix && check.status !== 'ok') io.stdout.write(`${' '.repeat(width + 8)}fix: ${check.fix}\n`);
  }
  const failed = checks.filter((c) => c.status === 'fail').length;
  const warned = checks.filter((c) => c.status === 'warn').length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  io.stdout.write(
    failed === 0
      ? `All checks passed${warned > 0 ? ` (${plural(warned, 'warning')})` : ''}.\n`
      : `${plural(failed, 'check')} failed${warned > 0 ? `, ${plural(warned, 'warning')}` : ''}.\n`,
  );
}
