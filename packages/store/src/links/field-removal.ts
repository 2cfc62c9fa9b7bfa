import { type FieldModel, linkMetaOf, type TableModel } from '@tessera/core';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import { fieldSnapshot } from '../meta/schema-audit.ts';
import type { Executor } from '../store-context.ts';
import { dropFieldStorage } from './link-ddl.ts';
import { dependentRemovals, type FieldRemoval } from './link-fields.ts';

/**
 * Drops a field (in the caller's transaction): its column (a link: its key column or junction table), its place in views,
 * and its row; the display value moves on if it was the field (never to a field in `removed`).
 */
export async function dropField(
  trx: Executor,
  dialect: DialectAdapter,
  table: TableModel,
  field: FieldModel,
  removed: ReadonlySet<string>,
): Promise<void> {
  await dropFieldStorage(trx, dialect, table.tableName, field);
  await trx
    .updateTable('tessera_views')
    .set({ group_field_id: null })
    .where('group_field_id', '=', field.id)
    .execute();
  await trx
    .updateTable('tessera_views')
    .set({ cover_field_id: null })
    .where('cover_field_id', '=', field.id)
    .execute();
  await trx.deleteFrom('tessera_fields').where('id', '=', field.id).execute();
  if (field.primaryValue) {
    const next = table.fields.find((f) => !removed.has(f.id) && !f.system) ?? table.fields.find((f) => f.pk);
    if (next) await markPrimaryValue(trx, table, next.id);
  }
}

export async function markPrimaryValue(trx: Executor, table: TableModel, fieldId: string): Promise<void> {
  await trx
    .updateTable('tessera_fields')
    .set({ is_primary_value: 0 })
    .where('table_id', '=', table.id)
    .execute();
  await trx.updateTable('tessera_fields').set({ is_primary_value: 1 }).where('id', '=', fieldId).execute();
}

/**
 * Drops fields that go with another change (the other side of a removed link, lookups and
 * rollups of removed fields), each audited as `field.delete` of its own table.
 */
export async function dropDependents(
  trx: Executor,
  dialect: DialectAdapter,
  dependents: readonly FieldRemoval[],
  removed: ReadonlySet<string>,
  change: ChangeContext,
  removedWith: string,
): Promise<void> {
  for (const { table, field } of dependents) {
    await dropField(trx, dialect, table, field, removed);
    await appendAudit(trx, change, [
      {
        action: 'field.delete',
        baseId: table.baseId,
        tableId: table.id,
        targetId: field.id,
        details: { before: fieldSnapshot(field), removed_with: removedWith },
      },
    ]);
  }
}

/**
 * Before a table is dropped: the fields of other tables of the base that link to it, or are
 * computed from its fields, go too, and so do the junction tables of its many-to-many links.
 * Returns the ids of the other tables changed (their cached models are stale after commit).
 */
export async function dropLinksToTable(
  trx: Executor,
  dialect: DialectAdapter,
  baseTables: readonly TableModel[],
  table: TableModel,
  change: ChangeContext,
): Promise<string[]> {
  for (const field of table.fields) {
    const junction = linkMetaOf(field)?.junction;
    if (junction) await trx.schema.dropTable(junction.table).ifExists().execute();
  }
  const dependents = dependentRemovals(baseTables, table.fields).filter((d) => d.table.id !== table.id);
  const removed = new Set([...table.fields, ...dependents.map((d) => d.field)].map((f) => f.id));
  await dropDependents(trx, dialect, dependents, removed, change, table.id);
  return [...new Set(dependents.map((d) => d.table.id))];
}
