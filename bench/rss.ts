import { readFileSync } from 'node:fs';

/** Memory figures of a live process, in bytes, from /proc/<pid>/status. */
export interface ProcessMemory {
  /** Resident set size now (VmRSS). */
  readonly rss: number;
  /** Highest resident set size since the process started (VmHWM). */
  readonly peak: number;
}

export function readProcessMemory(pid: number): ProcessMemory {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return { rss: statusField(status, 'VmRSS'), peak: statusField(status, 'VmHWM') };
}

function statusField(status: string, name: string): number {
  const match = new RegExp(`^${name}:\\s+(\\d+)\\s+kB$`, 'm').exec(status);
  if (!match?.[1]) throw new Error(`/proc status has no ${name} line`);
  return Number(match[1]) * 1024;
}
