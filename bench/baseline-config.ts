import type { FieldTitle } from './dataset.ts';

/** What the bare baseline server is told (as JSON in BASELINE_CONFIG). */
export interface BaselineConfig {
  readonly port: number;
  readonly db: { readonly kind: 'sqlite'; readonly file: string } | PostgresTarget;
  /** Tessera's own table: plain list, read one and create run here. */
  readonly table: string;
  /** Unindexed copy of it: filtered and sorted lists (with their COUNT) run here. */
  readonly copyTable: string;
  /** Empty clone of the table as Tessera created it: bulk insert runs here. */
  readonly bulkTable: string;
  readonly pkColumn: string;
  /** Physical column of each benchmark field. */
  readonly fields: Readonly<Record<FieldTitle, string>>;
  /** CreatedTime / LastModifiedTime columns, set to now on insert as Tessera does. */
  readonly timestampColumns: readonly string[];
}

export interface PostgresTarget {
  readonly kind: 'postgres';
  readonly url: string;
  readonly schema: string;
  readonly poolSize: number;
}

/** Paths the baseline serves, mirroring the Tessera requests being compared. */
export const baselinePaths = {
  health: '/health',
  listPlain: '/list/plain',
  listFiltered: '/list/filtered?status=doing',
  listSorted: '/list/sorted',
  record: '/records',
  bulk: '/bulk',
} as const;
