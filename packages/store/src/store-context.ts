import type { Kysely, Transaction } from 'kysely';
import type { Database, DialectAdapter } from './dialect/dialect-adapter.ts';
import type { EventSignal } from './events/event-signal.ts';
import type { MetaTables } from './meta/meta-tables.ts';
import type { SchemaCache } from './meta/schema-cache.ts';

/** Meta tables plus user tables, whose names are only known at run time. */
// biome-ignore lint/suspicious/noExplicitAny: user tables are dynamic; their rows are checked by field types
export type AnyTables = MetaTables & Record<string, any>;

/** What every store module works with: one database, the schema cache in front of it, and the outbox's signal. */
export interface StoreContext {
  readonly database: Database<AnyTables>;
  readonly db: Kysely<AnyTables>;
  readonly dialect: DialectAdapter;
  readonly cache: SchemaCache;
  /** Rung by record writers after their transaction commits, for outbox readers. */
  readonly eventSignal: EventSignal;
}

export type Executor = Kysely<AnyTables> | Transaction<AnyTables>;
