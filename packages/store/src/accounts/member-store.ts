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

/** The role stored for a user on a base (not checked against the known roles), if a member. */
async function storedRole(executor: Executor, baseId: string, userId: string): Promise<string | undefined> {
  const row = await executor
    .selectFrom('tessera_base_members')
    .select('role')
    .where('base_id', '=', baseId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role;
}

async function insertMember(
  executor: Executor,
  baseId: string,
  userId: string,
  role: BaseRole,
): Promise<void> {
  const now = nowText();
  await executor
    .insertInto('tessera_base_members')
    .values({ base_id: baseId, user_id: userId, role, created_at: now, updated_at: now })
    .execute();
}

export function memberStore({ db }: StoreContext): MemberStore {
  const roles = new ShortLivedCache<BaseRole | undefined>(ACCOUNT_LOOKUP_TTL_MS);
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
        const role = await storedRole(db, baseId, userId);
        return isBaseRole(role) ? role : undefined;
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
      return roles.clearAfter(() =>
        db.transaction().execute(async (trx) => {
          const current = await storedRole(trx, baseId, userId);
          if (current === 'owner' && role !== 'owner' && (await ownerCount(trx, baseId)) <= 1)
            throw lastOwner();
          if (current !== undefined)
            await trx
              .updateTable('tessera_base_members')
              .set({ role, updated_at: nowText() })
              .where('base_id', '=', baseId)
              .where('user_id', '=', userId)
              .execute();
          else await insertMember(trx, baseId, userId, role);
          await appendAudit(trx, change, [
            {
              action: current !== undefined ? 'member.update' : 'member.add',
              baseId,
              targetId: userId,
              details: { before: current ?? null, after: role },
            },
          ]);
          const row = await members(trx, baseId).where('m.user_id', '=', userId).executeTakeFirstOrThrow();
          return toMember(row);
        }),
      );
    },
    async remove(baseId, userId, change) {
      await roles.clearAfter(() =>
        db.transaction().execute(async (trx) => {
          const current = await storedRole(trx, baseId, userId);
          if (current === undefined)
            throw new TesseraError(
              'ERR_MEMBER_NOT_FOUND',
              `User '${userId}' is not a member of base '${baseId}'`,
            );
          if (current === 'owner' && (await ownerCount(trx, baseId)) <= 1) throw lastOwner();
          await trx
            .deleteFrom('tessera_base_members')
            .where('base_id', '=', baseId)
            .where('user_id', '=', userId)
            .execute();
          await appendAudit(trx, change, [
            { action: 'member.remove', baseId, targetId: userId, details: { before: current } },
          ]);
        }),
      );
    },
    async addOwner(executor, baseId, userId) {
      await insertMember(executor, baseId, userId, 'owner');
      roles.clear();
    },
    async addWith(executor, baseId, userId, role, change) {
      await insertMember(executor, baseId, userId, role);
      await appendAudit(executor, change, [
        { action: 'member.add', baseId, targetId: userId, details: { before: null, after: role } },
      ]);
      roles.clear();
    },
  };
}
