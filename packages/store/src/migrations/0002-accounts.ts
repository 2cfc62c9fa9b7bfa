import { type Kysely, sql } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import type { Migration } from './migration.ts';

const timestamps = ['created_at', 'updated_at'] as const;

/** Users, API tokens, base members, invitations, sign-in throttling and the audit trail. */
async function createAccountTables(db: Kysely<unknown>, dialect: DialectAdapter): Promise<void> {
  let users = db.schema
    .createTable('tessera_users')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('firstname', 'text')
    .addColumn('lastname', 'text')
    .addColumn('instance_role', 'text', (c) => c.notNull().defaultTo('member'))
    // Bumped by a password change or reset: every JWT issued before stops working.
    .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('email_verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_signin_at', 'text');
  for (const column of timestamps) users = users.addColumn(column, 'text', (c) => c.notNull());
  await users.execute();

  await db.schema
    .createTable('tessera_api_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // SHA-256 of the token: the token itself is shown once and never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_hint', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.references('tessera_users.id').onDelete('cascade'))
    .addColumn('base_ids', 'text')
    .addColumn('access', 'text', (c) => c.notNull().defaultTo('read-write'))
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('api'))
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('last_used_ip', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tessera_api_tokens_user').on('tessera_api_tokens').column('user_id').execute();

  let members = db.schema
    .createTable('tessera_base_members')
    .addColumn('base_id', 'text', (c) => c.notNull().references('tessera_bases.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('tessera_users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull());
  for (const column of timestamps) members = members.addColumn(column, 'text', (c) => c.notNull());
  await members.addPrimaryKeyConstraint('tessera_base_members_pk', ['base_id', 'user_id']).execute();
  await db.schema
    .createIndex('tessera_base_members_user')
    .on('tessera_base_members')
    .column('user_id')
    .execute();

  await db.schema
    .createTable('tessera_invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('instance_role', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('base_id', 'text', (c) => c.references('tessera_bases.id').onDelete('cascade'))
    .addColumn('base_role', 'text')
    .addColumn('invited_by', 'text', (c) => c.references('tessera_users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .execute();
  await db.schema
    .createIndex('tessera_invitations_email')
    .on('tessera_invitations')
    .column('email')
    .execute();

  // Refresh tokens (httpOnly cookie) and password-reset links: hashed, single use, expiring.
  for (const name of ['tessera_refresh_tokens', 'tessera_password_resets'] as const) {
    await db.schema
      .createTable(name)
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('tessera_users.id').onDelete('cascade'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .execute();
    await db.schema.createIndex(`${name}_user`).on(name).column('user_id').execute();
  }

  // Failed sign-ins per e-mail and per client address, for back-off and blocking.
  await db.schema
    .createTable('tessera_signin_failures')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('failures', 'integer', (c) => c.notNull())
    .addColumn('first_failed_at', 'text', (c) => c.notNull())
    .addColumn('last_failed_at', 'text', (c) => c.notNull())
    .addColumn('blocked_until', 'text')
    .execute();

  await db.schema
    .createTable('tessera_audit_log')
    .addColumn('id', sql.raw(dialect.autoIncrementPrimaryKey()))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('actor_user_id', 'text')
    .addColumn('ip', 'text')
    .addColumn('base_id', 'text')
    .addColumn('table_id', 'text')
    .addColumn('record_id', 'text')
    .addColumn('target_id', 'text')
    .addColumn('details', 'text')
    .execute();
  const auditIndexes: Record<string, string[]> = {
    tessera_audit_log_base: ['base_id', 'id'],
    tessera_audit_log_record: ['table_id', 'record_id', 'id'],
    tessera_audit_log_actor: ['actor_user_id', 'id'],
    tessera_audit_log_time: ['created_at'],
  };
  for (const [name, columns] of Object.entries(auditIndexes))
    await db.schema.createIndex(name).on('tessera_audit_log').columns(columns).execute();
}

export const accountsMigration: Migration = {
  version: 2,
  name: 'accounts: users, API tokens, base members, invitations, audit log',
  up: createAccountTables,
};
