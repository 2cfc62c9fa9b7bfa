import { metaSchemaMigration } from './0001-meta-schema.ts';
import { accountsMigration } from './0002-accounts.ts';
import { eventsMigration } from './0003-events.ts';
import { webhooksMigration } from './0004-webhooks.ts';
import { autoNumbersMigration } from './0005-auto-numbers.ts';
import { commentsAndPositionsMigration } from './0006-comments-and-positions.ts';
import { viewSharesMigration } from './0007-view-shares.ts';
import type { Migration } from './migration.ts';

/** Every migration this version of Tessera knows, oldest first. */
export const migrations: readonly Migration[] = [
  metaSchemaMigration,
  accountsMigration,
  eventsMigration,
  webhooksMigration,
  autoNumbersMigration,
  commentsAndPositionsMigration,
  viewSharesMigration,
];

export const latestSchemaVersion = migrations.at(-1)?.version ?? 0;
