/** Where the store keeps its data: an embedded SQLite file or a PostgreSQL schema. */
export type DatabaseConfig = SqliteConfig | PostgresConfig;

export interface SqliteConfig {
  readonly kind: 'sqlite';
  /** Path of the database file. */
  readonly file: string;
}

export interface PostgresConfig {
  readonly kind: 'postgres';
  /** `postgres://` URL; its `sslmode` decides TLS. */
  readonly connectionString: string;
  /** Schema holding every Tessera table (meta and user tables). */
  readonly schema: string;
  /** Largest number of pooled connections. */
  readonly poolSize: number;
  /** Give up on a connection attempt after this long. */
  readonly connectTimeoutMs?: number;
}
