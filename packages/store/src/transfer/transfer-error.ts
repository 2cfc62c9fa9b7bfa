import type { TransferReport } from './transfer-report.ts';

export type TransferErrorCode =
  /** The database has no Tessera schema (no `tessera_migrations`). */
  | 'not-tessera'
  /** A database or archive from a newer Tessera, or a target migrated further than the source. */
  | 'schema-mismatch'
  /** The target holds data and `force` was not given. */
  | 'target-not-empty'
  /** Source and target are the same database. */
  | 'same-database'
  /** The archive is not a Tessera archive, is truncated, or is damaged. */
  | 'bad-archive'
  /** What the target holds after copying differs from the source; nothing was committed. */
  | 'verification-failed';

/** Why a backup, restore or copy stopped, in words an operator can act on. */
export class TransferError extends Error {
  readonly code: TransferErrorCode;
  /** For `verification-failed`: the comparison, table by table. */
  readonly report?: TransferReport;

  constructor(code: TransferErrorCode, message: string, report?: TransferReport) {
    super(message);
    this.name = 'TransferError';
    this.code = code;
    if (report) this.report = report;
  }
}
