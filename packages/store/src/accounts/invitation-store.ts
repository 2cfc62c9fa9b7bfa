import { type BaseRole, type InstanceRole, isBaseRole, isInstanceRole, newId } from '@tessera/core';
import type { Selectable } from 'kysely';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { nowText } from '../meta/meta-rows.ts';
import type { MetaTables } from '../meta/meta-tables.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import { normaliseEmail } from './user-store.ts';

/** An invitation to sign up (and optionally join a base), redeemed once by its secret link. */
export interface InvitationModel {
  readonly id: string;
  readonly email: string;
  readonly instanceRole: InstanceRole;
  readonly baseId: string | null;
  readonly baseRole: BaseRole | null;
  readonly invitedBy: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly acceptedAt: string | null;
}

export interface NewInvitationSpec {
  readonly email: string;
  /** SHA-256 (hex) of the secret sent in the link. */
  readonly tokenHash: string;
  readonly instanceRole: InstanceRole;
  readonly baseId: string | null;
  readonly baseRole: BaseRole | null;
  readonly invitedBy: string | null;
  readonly expiresAt: string;
}

export interface InvitationStore {
  create(spec: NewInvitationSpec, change: ChangeContext): Promise<InvitationModel>;
  /** A pending (not accepted, not expired) invitation by its secret's hash. */
  findPending(tokenHash: string, now?: string): Promise<InvitationModel | undefined>;
  /** Pending invitations, optionally of one base. */
  listPending(filter?: { baseId?: string }): Promise<InvitationModel[]>;
  /** Marks it used, in the transaction that creates the account or membership. */
  markAccepted(executor: Executor, id: string): Promise<void>;
  revoke(id: string, change: ChangeContext): Promise<void>;
}

type InvitationRow = Selectable<MetaTables['tessera_invitations']>;

function invitationFromRow(row: InvitationRow): InvitationModel {
  return {
    id: row.id,
    email: row.email,
    instanceRole: isInstanceRole(row.instance_role) ? row.instance_role : 'member',
    baseId: row.base_id,
    baseRole: isBaseRole(row.base_role) ? row.base_role : null,
    invitedBy: row.invited_by,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
  };
}

export function invitationStore({ db }: StoreContext): InvitationStore {
  return {
    async create(spec, change) {
      const row: InvitationRow = {
        id: newId('inv'),
        token_hash: spec.tokenHash,
        email: normaliseEmail(spec.email),
        instance_role: spec.instanceRole,
        base_id: spec.baseId,
        base_role: spec.baseRole,
        invited_by: spec.invitedBy,
        created_at: nowText(),
        expires_at: spec.expiresAt,
        accepted_at: null,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('tessera_invitations').values(row).execute();
        await appendAudit(trx, change, [
          {
            action: 'user.invite',
            baseId: spec.baseId,
            targetId: row.id,
            details: { email: row.email, instanceRole: spec.instanceRole, baseRole: spec.baseRole },
          },
        ]);
      });
      return invitationFromRow(row);
    },
    async findPending(tokenHash, now = nowText()) {
      const row = await db
        .selectFrom('tessera_invitations')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      return row ? invitationFromRow(row) : undefined;
    },
    async listPending(filter = {}) {
      let select = db
        .selectFrom('tessera_invitations')
        .selectAll()
        .where('accepted_at', 'is', null)
        .where('expires_at', '>', nowText());
      if (filter.baseId !== undefined) select = select.where('base_id', '=', filter.baseId);
      return (await select.orderBy('created_at', 'desc').execute()).map(invitationFromRow);
    },
    async markAccepted(executor, id) {
      await executor
        .updateTable('tessera_invitations')
        .set({ accepted_at: nowText() })
        .where('id', '=', id)
        .execute();
    },
    async revoke(id, change) {
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('tessera_invitations').where('id', '=', id).execute();
        await appendAudit(trx, change, [{ action: 'user.invite_revoke', targetId: id }]);
      });
    },
  };
}
