import type { TransferProgress } from '@tessera/store';
import type { CliIo } from './cli-io.ts';

export interface ProgressReporter {
  readonly listener: (progress: TransferProgress) => void;
  /** Ends the bar's line once the work is over (also on failure); calling it again does nothing. */
  finish(): void;
}

const BAR_WIDTH = 24;
const REDRAW_MS = 100;

/**
 * Progress on stderr: a bar redrawn in place on a terminal, a line per tenth of the work
 * otherwise (logs stay short), nothing when `quiet` (e.g. with --json).
 */
export function progressReporter(io: CliIo, label: string, quiet: boolean): ProgressReporter {
  if (quiet) return { listener: () => {}, finish: () => {} };
  return io.stderr.isTTY ? barReporter(io, label) : lineReporter(io, label);
}

function fraction(p: TransferProgress): number {
  const total = p.totalRows + p.totalBytes / 1024;
  return total === 0 ? 1 : Math.min(1, (p.rows + p.bytes / 1024) / total);
}

function describe(p: TransferProgress): string {
  const rows = `${p.rows.toLocaleString('en-US')}/${p.totalRows.toLocaleString('en-US')} rows`;
  const bytes = p.totalBytes > 0 ? `, ${formatBytes(p.bytes)}/${formatBytes(p.totalBytes)} files` : '';
  return `${rows}${bytes}`;
}

function barReporter(io: CliIo, label: string): ProgressReporter {
  let last = 0;
  let drawn = false;
  let latest: TransferProgress | undefined;
  const draw = (p: TransferProgress) => {
    const done = fraction(p);
    const filled = Math.round(done * BAR_WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
    const phase = p.phase === 'verify' ? 'verifying' : label;
    const percent = `${Math.floor(done * 100)}%`.padStart(4);
    const line = `${phase} [${bar}] ${percent}  ${describe(p)}${p.table ? `  ${p.table}` : ''}`;
    const width = (io.stderr.columns ?? 100) - 1;
    io.stderr.write(`\r\x1b[2K${line.slice(0, width)}`);
    drawn = true;
  };
  return {
    listener(p) {
      latest = p;
      const now = Date.now();
      if (now - last < REDRAW_MS) return;
      last = now;
      draw(p);
    },
    finish() {
      if (latest) draw(latest);
      if (drawn) io.stderr.write('\n');
      latest = undefined;
      drawn = false;
    },
  };
}

function lineReporter(io: CliIo, label: string): ProgressReporter {
  let step = -1;
  let phase: TransferProgress['phase'] | undefined;
  return {
    listener(p) {
      const tenth = Math.floor(fraction(p) * 10);
      if (tenth === step && p.phase === phase) return;
      step = tenth;
      phase = p.phase;
      io.stderr.write(`${p.phase === 'verify' ? 'verifying' : label}: ${tenth * 10}% (${describe(p)})\n`);
    },
    finish() {},
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
