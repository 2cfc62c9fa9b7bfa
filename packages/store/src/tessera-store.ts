import { type InvitationStore, invitationStore } from './accounts/invitation-store.ts';
import { type MemberStore, memberStore } from './accounts/member-store.ts';
import { type SessionStore, sessionStore } from './accounts/session-store.ts';
import { type TokenStore, tokenStore } from './accounts/token-store.ts';
import { type UserStore, userStore } from './accounts/user-store.ts';
import { type AuditStore, auditStore } from './audit/audit-log.ts';
import { type CommentStore, commentStore } from './comments/comment-store.ts';
import type { DatabaseConfig } from './dialect/database-config.ts';
import { openDatabase } from './dialect/open-database.ts';
import { EventSignal } from './events/event-signal.ts';
import { type EventStore, eventStore } from './events/event-store.ts';
import { type LinkStore, linkStore } from './links/link-store.ts';
import { type BaseStore, baseStore } from './meta/base-store.ts';
import { type FieldStore, fieldStore } from './meta/field-store.ts';
import { SchemaCache } from './meta/schema-cache.ts';
import { type TableStore, tableStore } from './meta/table-store.ts';
import { type ViewShareStore, viewShareStore } from './meta/view-share-store.ts';
import { type ViewStore, viewStore } from './meta/view-store.ts';
import { migrateToLatest } from './migrations/migration-runner.ts';
import { type RecordOrderStore, recordOrderStore } from './records/record-positions.ts';
import { type RecordStore, recordStore } from './records/record-store.ts';
import type { AnyTables, StoreContext } from './store-context.ts';
import { type DeliveryStore, deliveryStore } from './webhooks/delivery-store.ts';
import { type HookStore, hookStore } from './webhooks/hook-store.ts';

/** Everything the server needs from persistence, over one database. */
export interface TesseraStore {
  readonly context: StoreContext;
  readonly bases: BaseStore;
  readonly tables: TableStore;
  readonly fields: FieldStore;
  readonly views: ViewStore;
  /** Public links to views and forms, with their passwords. */
  readonly viewShares: ViewShareStore;
  readonly records: RecordStore;
  /** Record order set by hand per view (kanban cards): positions, read by view lists. */
  readonly recordOrder: RecordOrderStore;
  /** Comments on records. */
  readonly comments: CommentStore;
  /** Links between records: list linked records, link, unlink. */
  readonly links: LinkStore;
  readonly users: UserStore;
  readonly tokens: TokenStore;
  readonly members: MemberStore;
  readonly invitations: InvitationStore;
  /** Refresh tokens, password resets and failed sign-in counters. */
  readonly sessions: SessionStore;
  readonly audit: AuditStore;
  /** The outbox of record changes, read after a cursor. */
  readonly events: EventStore;
  /** Webhooks per table, with their filters. */
  readonly hooks: HookStore;
  /** Webhook deliveries: fan-out from the outbox, leases, attempts, the delivery log. */
  readonly deliveries: DeliveryStore;
  /** Applies pending migrations; returns the versions applied. */
  migrate(): Promise<number[]>;
  close(): Promise<void>;
}

export function openStore(config: DatabaseConfig, onPoolError?: (error: Error) => void): TesseraStore {
  const database = openDatabase<AnyTables>(config, onPoolError);
  const context: StoreContext = {
    database,
    db: database.db,
    dialect: database.dialect,
    cache: new SchemaCache(),
    eventSignal: new EventSignal(),
  };
  const tables = tableStore(context);
  const views = viewStore(context, tables);
  return {
    context,
    bases: baseStore(context),
    tables,
    fields: fieldStore(context, tables),
    views,
    viewShares: viewShareStore(context, tables, views),
    records: recordStore(context),
    recordOrder: recordOrderStore(context),
    comments: commentStore(context),
    links: linkStore(context, tables),
    users: userStore(context),
    tokens: tokenStore(context),
    members: memberStore(context),
    invitations: invitationStore(context),
    sessions: sessionStore(context),
    audit: auditStore(context),
    events: eventStore(context),
    hooks: hookStore(context, tables),
    deliveries: deliveryStore(context),
    migrate: () => migrateToLatest(database),
    close: () => database.close(),
  };
}
