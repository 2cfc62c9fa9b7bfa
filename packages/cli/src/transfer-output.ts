import { type ProgressListener, TransferError, type TransferReport } from '@tessera/store';
import { type CliIo, printJson } from './cli-io.ts';
import { ExitCode, type ExitCodeValue } from './command.ts';
import { formatBytes, progressReporter } from './progress-reporter.ts';

/**
 * Runs a copy or restore with progress on stderr, then prints its verification (as text, or
 * as JSON with --json). A verification failure prints the comparison before it is reported.
 */
export async function runVerifiedTransfer(
  io: CliIo,
  json: boolean,
  labels: { readonly progress: string; readonly title: string },
  work: (onProgress: ProgressListener) => Promise<TransferReport>,
): Promise<ExitCodeValue> {
  const progress = progressReporter(io, labels.progress, json);
  try {
    const report = await work(progress.listener);
    progress.finish();
    if (json) printJson(io, report);
    else printVerification(io, report, labels.title);
    return ExitCode.ok;
  } catch (error) {
    progress.finish();
    if (!json && error instanceof TransferError && error.report)
      printVerification(io, error.report, labels.title);
    throw error;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function totalRows(report: TransferReport): number {
  return report.tables.reduce((sum, t) => sum + t.rows, 0);
}

/** The table-by-table comparison of a copy or restore, then one verdict line. */
export function printVerification(io: CliIo, report: TransferReport, title: string): void {
  const rows = report.tables.map((t) => [
    t.name,
    String(t.rows),
    String(t.targetRows ?? '-'),
    t.ok ? 'ok' : 'MISMATCH',
  ]);
  if (report.files.included)
    rows.push([
      'uploaded files',
      `${report.files.count} (${formatBytes(report.files.bytes)})`,
      `${report.files.targetCount ?? '-'} (${formatBytes(report.files.targetBytes ?? 0)})`,
      report.files.ok ? 'ok' : 'MISMATCH',
    ]);
  const header = ['table', 'source rows', 'target rows', 'checksum'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ')}`.trimEnd();
  const target = report.target ? `${report.target.dialect} (schema ${report.target.schemaVersion})` : '?';
  io.stdout.write(
    `${title}: ${report.source.dialect} (schema ${report.source.schemaVersion}) → ${target} in ${seconds(report.durationMs)}\n`,
  );
  io.stdout.write(`${[line(header), ...rows.map(line)].join('\n')}\n`);
  const bad = report.tables.filter((t) => !t.ok).length + (report.files.ok ? 0 : 1);
  io.stdout.write(
    bad === 0
      ? `Verified: ${report.tables.length} tables (${totalRows(report)} rows)${report.files.included ? ` and ${report.files.count} files` : ''} match.\n`
      : `${bad} mismatch(es); nothing was committed.\n`,
  );
  printWarnings(io, report);
}

export function printWarnings(io: CliIo, report: TransferReport): void {
  for (const warning of report.warnings) io.stderr.write(`warning: ${warning}\n`);
}

/** One line about a finished backup. */
export function printBackup(
  io: CliIo,
  report: TransferReport & { archiveBytes: number },
  file: string,
): void {
  const files = report.files.included
    ? ` and ${report.files.count} uploaded files (${formatBytes(report.files.bytes)})`
    : ' (uploads skipped)';
  io.stdout.write(
    `Backed up ${report.tables.length} tables (${totalRows(report)} rows)${files} from ${report.source.dialect} ` +
      `schema ${report.source.schemaVersion} to ${file} (${formatBytes(report.archiveBytes)}) in ${seconds(report.durationMs)}\n`,
  );
  printWarnings(io, report);
}
