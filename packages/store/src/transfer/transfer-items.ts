import type { DialectAdapter } from '../dialect/dialect-adapter.ts';

/**
 * A whole instance as a stream: a header first, then each table (its plan, its rows in
 * batches, its count and checksum), then each uploaded file (in chunks), then a manifest.
 * The snapshot reader produces it, the instance writer consumes it, and an archive file is
 * this stream written as JSON lines (archive-file.ts); so backup, restore and copy-db share
 * one path.
 */
export interface InstanceStream {
  readonly header: InstanceHeader;
  readonly items: AsyncIterable<TransferItem>;
}

export const ARCHIVE_FORMAT = 'tessera-archive';
export const ARCHIVE_FORMAT_VERSION = 1;

export interface InstanceHeader {
  readonly format: typeof ARCHIVE_FORMAT;
  readonly formatVersion: number;
  /** When the snapshot was taken (ISO 8601, UTC). */
  readonly createdAt: string;
  readonly source: { readonly dialect: DialectAdapter['name']; readonly schemaVersion: number };
  /** Every table that follows, in order, with its row count (for progress). */
  readonly tables: readonly { readonly name: string; readonly kind: TableKind; readonly rows: number }[];
  /** Uploaded files that follow; `included` is false when uploads were not asked for. */
  readonly files: { readonly included: boolean; readonly count: number; readonly bytes: number };
  /** Tables of the schema that belong to no Tessera table and were left out. */
  readonly skippedTables: readonly string[];
}

/** `meta`: Tessera's own `tessera_*` tables; `user`: the SQL table of a Tessera table. */
export type TableKind = 'meta' | 'user';

export interface TablePlan {
  readonly name: string;
  readonly kind: TableKind;
  readonly columns: readonly string[];
  /** Rows counted when the snapshot was taken. */
  readonly rows: number;
  /** For a user table: the id of its Tessera table, whose fields describe its columns. */
  readonly tableId?: string;
  /**
   * For a many-to-many link's junction table (kind `user`, no `tableId`): the link field whose
   * meta describes it (its `junction_self_column` is the first column).
   */
  readonly junctionOf?: string;
  /** For a user table: the indexes named after its fields (`ix_<fieldId>`, `uq_<fieldId>`). */
  readonly indexes?: readonly { readonly fieldId: string; readonly unique: boolean }[];
  /** The column a sequence fills and the highest value it handed out (null: never used). */
  readonly sequence?: { readonly column: string; readonly value: number | null };
}

export interface Digest {
  readonly rows: number;
  readonly checksum: string;
}

export interface FilesDigest {
  readonly count: number;
  readonly bytes: number;
  readonly checksum: string;
}

export interface Manifest {
  readonly tables: readonly ({ readonly name: string } & Digest)[];
  readonly files: FilesDigest;
}

export type TransferItem =
  | { readonly kind: 'table'; readonly plan: TablePlan }
  /** Values in the order of the plan's columns, in archive form (see row-codec.ts). */
  | {
      readonly kind: 'rows';
      readonly rows: readonly (readonly unknown[])[];
      /** Each row's canonical JSON, when already computed (for its checksum). */
      readonly json?: readonly string[];
    }
  | ({ readonly kind: 'table-end' } & Digest)
  /** A file under the uploads folder; `path` is relative, with `/` separators. */
  | { readonly kind: 'file'; readonly path: string; readonly mode: number }
  | { readonly kind: 'chunk'; readonly data: Buffer }
  | { readonly kind: 'file-end'; readonly size: number; readonly sha256: string }
  | { readonly kind: 'end'; readonly manifest: Manifest };
