import { type InstanceRole, isInstanceRole, newId, TesseraError } from '@tessera/core';
import type { Selectable } from 'kysely';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { nowText } from '../meta/meta-rows.ts';
import type { MetaTables } from '../meta/meta-tables.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import { ACCOUNT_LOOKUP_TTL_MS, ShortLivedCache } from './short-lived-cache.ts';

export interface UserModel {
  readonly id: string;
  /** Lowercased; unique. */
  readonly email: string;
  /** argon2id PHC string; null for an account that cannot sign in with a password. */
  readonly passwordHash: string | null;
  readonly firstname: string | null;
  readonly lastname: string | null;
  readonly instanceRole: InstanceRole;
  readonly tokenVersion: number;
  readonly emailVerified: boolean;
  readonly lastSigninAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface NewUserSpec {
  readonly email: string;
  readonly passwordHash: string | null;
  readonly firstname?: string | null;
  readonly lastname?: string | null;
  /** Defaults to `owner` for the first account and `member` after it. */
  readonly instanceRole?: InstanceRole;
  readonly emailVerified?: boolean;
}

export interface UserChanges {
  readonly firstname?: string | null;
  readonly lastname?: string | null;
  readonly instanceRole?: InstanceRole;
  readonly passwordHash?: string;
  /** Invalidates every JWT issued to the user so far. */
  readonly bumpTokenVersion?: boolean;
  readonly emailVerified?: boolean;
}

export interface UserStore {
  count(): Promise<number>;
  list(): Promise<UserModel[]>;
  get(id: string): Promise<UserModel>;
  find(id: string): Promise<UserModel | undefined>;
  findByEmail(email: string): Promise<UserModel | undefined>;
  /**
   * Creates the account; the first account of the instance becomes its owner. `within` runs in
   * the same transaction once the row is in (e.g. redeeming the invitation it was made from);
   * its failure undoes the account.
   */
  create(
    spec: NewUserSpec,
    change: ChangeContext,
    action?: string,
    within?: (executor: Executor, user: UserModel) => Promise<void>,
  ): Promise<UserModel>;
  /**
   * Changes the account, refusing to demote the instance's last owner. `within` runs in the same
   * transaction after the change (e.g. ending the user's sessions along with a new password).
   */
  update(
    id: string,
    changes: UserChanges,
    change: ChangeContext,
    action?: string,
    within?: (executor: Executor) => Promise<void>,
  ): Promise<UserModel>;
  /** Notes a successful sign-in (time only; the audit entry is written by the caller's flow). */
  touchSignin(id: string): Promise<void>;
  /** Deletes the account with its memberships and tokens; never the last owner. */
  remove(id: string, change: ChangeContext): Promise<void>;
}

type UserRow = Selectable<MetaTables['tessera_users']>;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function userFromRow(row: UserRow): UserModel {
  return {
    id: row.id,
    email: row.email,
    passwordHash: row.password_hash,
    firstname: row.firstname,
    lastname: row.lastname,
    instanceRole: isInstanceRole(row.instance_role) ? row.instance_role : 'member',
    tokenVersion: Number(row.token_version),
    emailVerified: Number(row.email_verified) === 1,
    lastSigninAt: row.last_signin_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function notFound(id: string): TesseraError {
  return new TesseraError('ERR_USER_NOT_FOUND', `User '${id}' not found`);
}

async function ownerCount(executor: Executor): Promise<number> {
  const row = await executor
    .selectFrom('tessera_users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('instance_role', '=', 'owner')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The user's row, read inside the transaction about to change it. */
async function userRowToChange(executor: Executor, id: string): Promise<UserRow> {
  const row = await executor.selectFrom('tessera_users').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(id);
  return row;
}

/** Refuses to demote or delete the instance's last owner. */
async function keepLastOwner(executor: Executor, current: UserRow): Promise<void> {
  if (current.instance_role === 'owner' && (await ownerCount(executor)) <= 1)
    throw new TesseraError('ERR_LAST_OWNER', 'The instance must keep at least one owner');
}

export function userStore({ db, dialect }: StoreContext): UserStore {
  const byId = new ShortLivedCache<UserModel | undefined>(ACCOUNT_LOOKUP_TTL_MS);
  const find = (id: string) =>
    byId.get(id, async () => {
      const row = await db.selectFrom('tessera_users').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? userFromRow(row) : undefined;
    });
  const get = async (id: string) => {
    const user = await find(id);
    if (!user) throw notFound(id);
    return user;
  };
  return {
    async count() {
      const row = await db
        .selectFrom('tessera_users')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
    async list() {
      const rows = await db
        .selectFrom('tessera_users')
        .selectAll()
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      return rows.map(userFromRow);
    },
    get,
    find,
    async findByEmail(email) {
      const row = await db
        .selectFrom('tessera_users')
        .selectAll()
        .where('email', '=', normaliseEmail(email))
        .executeTakeFirst();
      return row ? userFromRow(row) : undefined;
    },
    async create(spec, change, action = 'user.create', within) {
      const email = normaliseEmail(spec.email);
      const now = nowText();
      try {
        return await db.transaction().execute(async (trx) => {
          // Two first sign-ups at once must not both become owner.
          await dialect.lockUntilCommit(trx as never, 'accounts');
          const existing = await trx
            .selectFrom('tessera_users')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirst();
          const first = Number(existing?.n ?? 0) === 0;
          const row: UserRow = {
            id: newId('us'),
            email,
            password_hash: spec.passwordHash,
            firstname: spec.firstname ?? null,
            lastname: spec.lastname ?? null,
            instance_role: spec.instanceRole ?? (first ? 'owner' : 'member'),
            token_version: 0,
            email_verified: spec.emailVerified ? 1 : 0,
            last_signin_at: null,
            created_at: now,
            updated_at: now,
          };
          await trx.insertInto('tessera_users').values(row).execute();
          await appendAudit(trx, change, [
            { action, targetId: row.id, details: { email, instanceRole: row.instance_role } },
          ]);
          const user = userFromRow(row);
          await within?.(trx, user);
          return user;
        });
      } catch (error) {
        if (dialect.constraintViolation(error) === 'unique')
          throw new TesseraError('ERR_USER_EXISTS', `An account for ${email} already exists`);
        throw error;
      }
    },
    async update(id, changes, change, action = 'user.update', within) {
      return byId.clearAfter(() =>
        db.transaction().execute(async (trx) => {
          const current = await userRowToChange(trx, id);
          if (changes.instanceRole !== undefined && changes.instanceRole !== 'owner')
            await keepLastOwner(trx, current);
          const set: Partial<UserRow> = { updated_at: nowText() };
          if (changes.firstname !== undefined) set.firstname = changes.firstname;
          if (changes.lastname !== undefined) set.lastname = changes.lastname;
          if (changes.instanceRole !== undefined) set.instance_role = changes.instanceRole;
          if (changes.passwordHash !== undefined) set.password_hash = changes.passwordHash;
          if (changes.emailVerified !== undefined) set.email_verified = changes.emailVerified ? 1 : 0;
          if (changes.bumpTokenVersion) set.token_version = Number(current.token_version) + 1;
          await trx.updateTable('tessera_users').set(set).where('id', '=', id).execute();
          const shown = Object.fromEntries(
            Object.entries(changes).filter(([key]) => key !== 'passwordHash' && key !== 'bumpTokenVersion'),
          );
          if (changes.passwordHash !== undefined) shown.password = 'changed';
          await appendAudit(trx, change, [{ action, targetId: id, details: shown }]);
          await within?.(trx);
          return userFromRow({ ...current, ...set });
        }),
      );
    },
    async touchSignin(id) {
      await db.updateTable('tessera_users').set({ last_signin_at: nowText() }).where('id', '=', id).execute();
    },
    async remove(id, change) {
      await byId.clearAfter(() =>
        db.transaction().execute(async (trx) => {
          const current = await userRowToChange(trx, id);
          await keepLastOwner(trx, current);
          await trx.deleteFrom('tessera_users').where('id', '=', id).execute();
          await appendAudit(trx, change, [
            { action: 'user.delete', targetId: id, details: { email: current.email } },
          ]);
        }),
      );
    },
  };
}
