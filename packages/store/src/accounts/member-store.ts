import { type BaseRole, isBaseRole, TesseraError } from '@tessera/core';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { nowText } from '../meta/meta-rows.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import { ACCOUNT_LOOKUP_TTL_MS, ShortLivedCache } from './short-lived-cache.ts';

export interface BaseMember {
  readonly baseId: string;
  readonly userId: string;
  readonly email: string;
  readonly firstname: string | null;
  readonly lastname: string | null;
  readonly role: BaseRole;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface MemberStore {
  /** The role a user holds on a base, if a member. */
  roleOf(baseId: string, userId: string): Promise<BaseRole | undefined>;
  /** Every base the user is a member of, with the role. */
  rolesOf(userId: string): Promise<Map<string, BaseRole>>;
  list(baseId: string): Promise<BaseMember[]>;
  /** Adds the user to the base or changes their role; never demotes the base's last owner. */
  set(baseId: string, userId: string, role: BaseRole, change: ChangeContext): Promise<BaseMember>;
  /** Removes the user from the base; never its last owner. */
  remove(baseId: string, userId: string, change: ChangeContext): Promise<void>;
  /** Makes the creator of a new base its owner, in the base's creating transaction. */
  addOwner(executor: Executor, baseId: string, userId: string): Promise<void>;
  /** Adds a new user to a base, audited, in the caller's transaction (an accepted invitation). */
  addWith(
    executor: Executor,
    baseId: string,
    userId: string,
    role: BaseRole,
    change: ChangeContext,
  ): Promise<void>;
}

async function ownerCount(executor: Executor, baseId: string): Promise<number> {
  const row = await executor
    .selectFrom('tessera_base_members')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('base_id', '=', baseId)
    .where('role', '=', 'owner')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

function lastOwner(): TesseraError {
  return new TesseraError('ERR_LAST_OWNER', 'A base must keep at least one owner');
}

export function memberStore({ db }: StoreContext): MemberStore {
  const roles = new ShortLivedCache<BaseRole | undefined>(ACCOUNT_LOOKUP_TTL_MS);
  /** Runs a write and forgets cached roles once it has committed (or failed). */
  const writing = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } finally {
      roles.clear();
    }
  };
  const members = (executor: Executor, baseId: string) =>
    executor
      .selectFrom('tessera_base_members as m')
      .innerJoin('tessera_users as u', 'u.id', 'm.user_id')
      .select([
        'm.base_id as baseId',
        'm.user_id as userId',
        'u.email as email',
        'u.firstname as firstname',
        'u.lastname as lastname',
        'm.role as role',
        'm.created_at as createdAt',
        'm.updated_at as updatedAt',
      ])
      .where('m.base_id', '=', baseId);
  const toMember = (row: Record<string, unknown>): BaseMember =>
    ({ ...row, role: isBaseRole(row.role) ? row.role : 'no-access' }) as BaseMember;

  return {
    roleOf(baseId, userId) {
      return roles.get(`${baseId}\u0000${userId}`, async () => {
        const row = await db
          .selectFrom('tessera_base_members')
          .select('role')
          .where('base_id', '=', baseId)
          .where('user_id', '=', userId)
          .executeTakeFirst();
        return row && isBaseRole(row.role) ? row.role : undefined;
      });
    },
    async rolesOf(userId) {
      const rows = await db
        .selectFrom('tessera_base_members')
        .select(['base_id', 'role'])
        .where('user_id', '=', userId)
        .execute();
      return new Map(rows.flatMap((r) => (isBaseRole(r.role) ? [[r.base_id, r.role] as const] : [])));
    },
    async list(baseId) {
      const rows = await members(db, baseId).orderBy('m.created_at').orderBy('u.email').execute();
      return rows.map(toMember);
    },
    async set(baseId, userId, role, change) {
      return writing(() =>
        db.transaction().execute(async (trx) => {
          const current = await trx
            .selectFrom('tessera_base_members')
            .select('role')
            .where('base_id', '=', baseId)
            .where('user_id', '=', userId)
            .executeTakeFirst();
          if (current?.role === 'owner' && role !== 'owner' && (await ownerCount(trx, baseId)) <= 1)
            throw lastOwner();
          const now = nowText();
          if (current)
            await trx
              .updateTable('tessera_base_members')
              .set({ role, updated_at: now })
              .where('base_id', '=', baseId)
              .where('user_id', '=', userId)
              .execute();
          else
            await trx
              .insertInto('tessera_base_members')
              .values({ base_id: baseId, user_id: userId, role, created_at: now, updated_at: now })
              .execute();
          await appendAudit(trx, change, [
            {
              action: current ? 'member.update' : 'member.add',
              baseId,
              targetId: userId,
              details: { before: current?.role ?? null, after: role },
            },
          ]);
          const row = await members(trx, baseId).where('m.user_id', '=', userId).executeTakeFirstOrThrow();
          return toMember(row);
        }),
      );
    },
    async remove(baseId, userId, change) {
      await writing(() =>
        db.transaction().execute(async (trx) => {
          const current = await trx
            .selectFrom('tessera_base_members')
            .select('role')
            .where('base_id', '=', baseId)
            .where('user_id', '=', userId)
            .executeTakeFirst();
          if (!current)
            throw new TesseraError(
              'ERR_MEMBER_NOT_FOUND',
              `User '${userId}' is not a member of base '${baseId}'`,
            );
          if (current.role === 'owner' && (await ownerCount(trx, baseId)) <= 1) throw lastOwner();
          await trx
            .deleteFrom('tessera_base_members')
            .where('base_id', '=', baseId)
            .where('user_id', '=', userId)
            .execute();
          await appendAudit(trx, change, [
            { action: 'member.remove', baseId, targetId: userId, details: { before: current.role } },
          ]);
        }),
      );
    },
    async addOwner(executor, baseId, userId) {
      const now = nowText();
      await executor
        .insertInto('tessera_base_members')
        .values({ base_id: baseId, user_id: userId, role: 'owner', created_at: now, updated_at: now })
        .execute();
      roles.clear();
    },
    async addWith(executor, baseId, userId, role, change) {
      const now = nowText();
      await executor
        .insertInto('tessera_base_members')
        .values({ base_id: baseId, user_id: userId, role, created_at: now, updated_at: now })
        .execute();
      await appendAudit(executor, change, [
        { action: 'member.add', baseId, targetId: userId, details: { before: null, after: role } },
      ]);
      roles.clear();
    },
  };
}
