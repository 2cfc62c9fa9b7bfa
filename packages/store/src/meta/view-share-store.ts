import { randomBytes } from 'node:crypto';
import { TesseraError, type ViewModel } from '@tessera/core';
import type { Selectable } from 'kysely';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import { nowText } from './meta-rows.ts';
import type { MetaTables } from './meta-tables.ts';
import { changedValues } from './schema-audit.ts';
import type { TableStore } from './table-store.ts';
import type { ViewStore } from './view-store.ts';

/** A view shared by link. */
export interface ViewShare {
  readonly viewId: string;
  /** The link's secret: 144 random bits, URL-safe base64. */
  readonly uuid: string;
  /** argon2id hash of the share's password; null when the link needs none. */
  readonly passwordHash: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ViewShareChange {
  /** A new password's hash, or null to drop the password; undefined leaves it. */
  readonly passwordHash?: string | null;
  /** Merged over the view's `meta` (share options such as a form's thank-you message). */
  readonly meta?: Record<string, unknown>;
}

/**
 * Public links to views. Sharing, changing a share and unsharing are audited in their
 * transaction (`view.share`, `view.share-update`, `view.unshare`, the view as the target);
 * neither the link's uuid nor the password hash goes into the audit trail.
 */
export interface ViewShareStore {
  /** The view's share, or undefined when it is not shared. */
  ofView(viewId: string): Promise<ViewShare | undefined>;
  /** The shares of a table's views, by view id. */
  ofTable(tableId: string): Promise<Map<string, ViewShare>>;
  /** The share a link's uuid names, or undefined (unknown, or unshared since). */
  byUuid(uuid: string): Promise<ViewShare | undefined>;
  /** Shares the view; answers the existing share when it already is. */
  share(viewId: string, change: ChangeContext): Promise<ViewShare>;
  /** Sets or clears the password and merges share options into the view's meta. */
  update(viewId: string, spec: ViewShareChange, change: ChangeContext): Promise<ViewShare>;
  /** Ends the share, if any; its link stops working. */
  unshare(viewId: string, change: ChangeContext): Promise<void>;
}

type ShareRow = Selectable<MetaTables['tessera_view_shares']>;

function shareFromRow(row: ShareRow): ViewShare {
  return {
    viewId: row.view_id,
    uuid: row.uuid,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A new link secret: 18 random bytes (144 bits) as URL-safe base64, 24 characters. */
function newShareUuid(): string {
  return randomBytes(18).toString('base64url');
}

/** Link secrets are URL-safe base64 of a fixed length; anything else cannot name a share. */
const UUID_SHAPE = /^[A-Za-z0-9_-]{24}$/;

export function viewShareStore(context: StoreContext, tables: TableStore, views: ViewStore): ViewShareStore {
  const { db, cache } = context;

  const rowOf = (executor: Executor, viewId: string) =>
    executor.selectFrom('tessera_view_shares').selectAll().where('view_id', '=', viewId).executeTakeFirst();

  const notShared = (view: ViewModel) =>
    new TesseraError('ERR_SHARED_VIEW_NOT_FOUND', `View '${view.title}' is not shared`);

  /** Runs a change to the view's share and its audit entry in one transaction. */
  const audited = async <T>(
    view: ViewModel,
    change: ChangeContext,
    action: string,
    work: (trx: Executor) => Promise<{ result: T; details?: unknown }>,
  ): Promise<T> => {
    const { baseId } = await tables.get(view.tableId);
    return db.transaction().execute(async (trx) => {
      const { result, details } = await work(trx);
      await appendAudit(trx, change, [{ action, baseId, tableId: view.tableId, targetId: view.id, details }]);
      return result;
    });
  };

  return {
    async ofView(viewId) {
      const row = await rowOf(db, viewId);
      return row ? shareFromRow(row) : undefined;
    },

    async ofTable(tableId) {
      const rows = await db
        .selectFrom('tessera_view_shares')
        .innerJoin('tessera_views', 'tessera_views.id', 'tessera_view_shares.view_id')
        .selectAll('tessera_view_shares')
        .where('tessera_views.table_id', '=', tableId)
        .execute();
      return new Map(rows.map((row) => [row.view_id, shareFromRow(row)]));
    },

    async byUuid(uuid) {
      if (!UUID_SHAPE.test(uuid)) return undefined;
      const row = await db
        .selectFrom('tessera_view_shares')
        .selectAll()
        .where('uuid', '=', uuid)
        .executeTakeFirst();
      return row ? shareFromRow(row) : undefined;
    },

    async share(viewId, change) {
      const view = await views.get(viewId);
      const existing = await rowOf(db, viewId);
      if (existing) return shareFromRow(existing);
      const now = nowText();
      return audited(view, change, 'view.share', async (trx) => {
        // A concurrent share of the same view may have won; its link is the one kept.
        await trx
          .insertInto('tessera_view_shares')
          .values({
            view_id: viewId,
            uuid: newShareUuid(),
            password_hash: null,
            created_at: now,
            updated_at: now,
          })
          .onConflict((conflict) => conflict.column('view_id').doNothing())
          .execute();
        const row = await rowOf(trx, viewId);
        if (!row) throw notShared(view);
        return { result: shareFromRow(row) };
      });
    },

    async update(viewId, spec, change) {
      const view = await views.get(viewId);
      if (!(await rowOf(db, viewId))) throw notShared(view);
      const meta = spec.meta === undefined ? view.meta : { ...view.meta, ...spec.meta };
      const share = await audited(view, change, 'view.share-update', async (trx) => {
        const now = nowText();
        await trx
          .updateTable('tessera_view_shares')
          .set({
            updated_at: now,
            ...(spec.passwordHash === undefined ? {} : { password_hash: spec.passwordHash }),
          })
          .where('view_id', '=', viewId)
          .execute();
        if (spec.meta !== undefined)
          await trx
            .updateTable('tessera_views')
            .set({ meta: JSON.stringify(meta), updated_at: now })
            .where('id', '=', viewId)
            .execute();
        const row = await rowOf(trx, viewId);
        if (!row) throw notShared(view);
        const password =
          spec.passwordHash === undefined ? {} : { password: spec.passwordHash === null ? 'cleared' : 'set' };
        const metaChange = spec.meta === undefined ? {} : changedValues({ meta: view.meta }, { meta });
        return { result: shareFromRow(row), details: { ...password, ...metaChange } };
      });
      cache.forgetView(viewId);
      return share;
    },

    async unshare(viewId, change) {
      const view = await views.get(viewId);
      if (!(await rowOf(db, viewId))) return;
      await audited(view, change, 'view.unshare', async (trx) => {
        await trx.deleteFrom('tessera_view_shares').where('view_id', '=', viewId).execute();
        return { result: undefined };
      });
    },
  };
}
