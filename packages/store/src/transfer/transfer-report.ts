import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import type { FilesDigest, TableKind } from './transfer-items.ts';

/** One table compared: what the source held and what the target holds now. */
export interface TableReport {
  readonly name: string;
  readonly kind: TableKind;
  readonly rows: number;
  readonly checksum: string;
  /** Absent for a backup, which has no target. */
  readonly targetRows?: number;
  readonly targetChecksum?: string;
  readonly ok: boolean;
}

/** What a backup, restore or copy did, table by table; `ok` is false on any difference. */
export interface TransferReport {
  readonly ok: boolean;
  readonly source: { readonly dialect: DialectAdapter['name']; readonly schemaVersion: number };
  readonly target?: { readonly dialect: DialectAdapter['name']; readonly schemaVersion: number };
  readonly tables: readonly TableReport[];
  readonly files: FilesDigest & {
    readonly included: boolean;
    readonly targetCount?: number;
    readonly targetBytes?: number;
    readonly targetChecksum?: string;
    readonly ok: boolean;
  };
  /** Things worth knowing that did not stop the transfer (skipped tables, vanished files). */
  readonly warnings: readonly string[];
  readonly durationMs: number;
}

/** How far a transfer got, for progress bars: `copy` moves data, `verify` re-reads the target. */
export interface TransferProgress {
  readonly phase: 'copy' | 'verify';
  readonly table?: string;
  readonly rows: number;
  readonly totalRows: number;
  readonly bytes: number;
  readonly totalBytes: number;
}

export type ProgressListener = (progress: TransferProgress) => void;
