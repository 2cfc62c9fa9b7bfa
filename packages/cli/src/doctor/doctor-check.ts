/** `warn` is worth knowing but does not fail `doctor`; `skip` could not be checked. */
export type CheckStatus = 'ok' | 'warn' | 'fail' | 'skip';

export interface CheckResult {
  readonly name: string;
  readonly status: CheckStatus;
  /** What was found, naming hosts, paths and versions (never a password). */
  readonly message: string;
  /** What to do about it; present for `warn` and `fail`. */
  readonly fix?: string;
}

export function ok(name: string, message: string): CheckResult {
  return { name, status: 'ok', message };
}

export function warn(name: string, message: string, fix: string): CheckResult {
  return { name, status: 'warn', message, fix };
}

export function fail(name: string, message: string, fix: string): CheckResult {
  return { name, status: 'fail', message, fix };
}

export function skip(name: string, message: string): CheckResult {
  return { name, status: 'skip', message };
}
