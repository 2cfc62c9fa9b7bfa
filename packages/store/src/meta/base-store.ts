import { type BaseModel, newId, TesseraError } from '@tessera/core';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { userTableDdl } from '../ddl/user-table-ddl.ts';
import type { StoreContext } from '../store-context.ts';
import { checkTitle } from './field-spec.ts';
import { baseFromRow, nowText } from './meta-rows.ts';

export interface BaseSpec {
  readonly title?: string;
  readonly description?: string | null;
  readonly color?: string | null;
  readonly meta?: Record<string, unknown>;
}

export interface BaseStore {
  list(): Promise<BaseModel[]>;
  get(id: string): Promise<BaseModel>;
  /** Creates the base; `change.actor.userId`, when set, becomes its owner in the same transaction. */
  create(spec: BaseSpec, change: ChangeContext): Promise<BaseModel>;
  update(id: string, spec: BaseSpec, change: ChangeContext): Promise<BaseModel>;
  /** Deletes the base, its tables (real DROP TABLE) and their views, all or nothing. */
  remove(id: string, change: ChangeContext): Promise<void>;
}

export function baseStore(context: StoreContext): BaseStore {
  const { db } = context;
  const get = async (id: string): Promise<BaseModel> => {
    const row = await db.selectFrom('tessera_bases').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new TesseraError('ERR_BASE_NOT_FOUND', `Base '${id}' not found`);
    return baseFromRow(row);
  };
  return {
    async list() {
      const rows = await db
        .selectFrom('tessera_bases')
        .selectAll()
        .orderBy('sort_order')
        .orderBy('created_at')
        .execute();
      return rows.map(baseFromRow);
    },
    get,
    async create(spec, change) {
      const title = checkTitle(spec.title, 'Base');
      const now = nowText();
      const last = await db
        .selectFrom('tessera_bases')
        .select((eb) => eb.fn.max('sort_order').as('max'))
        .executeTakeFirst();
      const row = {
        id: newId('p'),
        title,
        description: spec.description ?? null,
        color: spec.color ?? null,
        meta: JSON.stringify(spec.meta ?? {}),
        sort_order: Number(last?.max ?? 0) + 1,
        created_at: now,
        updated_at: now,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('tessera_bases').values(row).execute();
        const ownerId = change.actor.userId;
        if (ownerId !== null)
          await trx
            .insertInto('tessera_base_members')
            .values({ base_id: row.id, user_id: ownerId, role: 'owner', created_at: now, updated_at: now })
            .execute();
        await appendAudit(trx, change, [
          { action: 'base.create', baseId: row.id, targetId: row.id, details: { after: { title } } },
        ]);
      });
      return baseFromRow(row);
    },
    async update(id, spec, change) {
      const current = await get(id);
      const changes = {
        title: spec.title === undefined ? current.title : checkTitle(spec.title, 'Base'),
        description: spec.description === undefined ? current.description : spec.description,
        color: spec.color === undefined ? current.color : spec.color,
        meta: JSON.stringify(spec.meta === undefined ? current.meta : spec.meta),
        updated_at: nowText(),
      };
      await db.transaction().execute(async (trx) => {
        await trx.updateTable('tessera_bases').set(changes).where('id', '=', id).execute();
        const before = { title: current.title, description: current.description, color: current.color };
        const after = { title: changes.title, description: changes.description, color: changes.color };
        await appendAudit(trx, change, [
          { action: 'base.update', baseId: id, targetId: id, details: { before, after } },
        ]);
      });
      return get(id);
    },
    async remove(id, change) {
      const base = await get(id);
      const tables = await db
        .selectFrom('tessera_tables')
        .select(['id', 'table_name'])
        .where('base_id', '=', id)
        .execute();
      await db.transaction().execute(async (trx) => {
        const ddl = userTableDdl(trx, context.dialect);
        for (const table of tables) await ddl.dropTable(table.table_name);
        await trx.deleteFrom('tessera_bases').where('id', '=', id).execute();
        await appendAudit(trx, change, [
          { action: 'base.delete', baseId: id, targetId: id, details: { before: { title: base.title } } },
        ]);
      });
      for (const table of tables) context.cache.forgetTable(table.id);
    },
  };
}
