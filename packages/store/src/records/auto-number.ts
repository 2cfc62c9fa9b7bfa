import type { FieldModel, TableModel } from '@tessera/core';
import { sql } from 'kysely';
import { userTableDdl } from '../ddl/user-table-ddl.ts';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import type { Executor } from '../store-context.ts';
import { primaryKeyField } from './record-input.ts';

export function autoNumberFields(table: TableModel): FieldModel[] {
  return table.fields.filter((f) => f.uidt === 'AutoNumber');
}

/** The column's highest value now. */
async function highest(trx: Executor, table: TableModel, field: FieldModel): Promise<number> {
  const found = await trx
    .selectFrom(table.tableName)
    .select(sql<number | string | null>`max(${sql.ref(field.columnName)})`.as('top'))
    .executeTakeFirst();
  return Number(found?.top ?? 0);
}

/**
 * Gives new rows their AutoNumber values inside the insert's transaction: the next numbers
 * after the highest the field ever gave (tessera_auto_numbers) and the column's highest, in
 * row order. Raising the counter locks its row until commit, so concurrent inserts (several
 * PostgreSQL writers) take turns; SQLite has one writer anyway. Numbers of deleted records
 * are not given again.
 */
export async function assignAutoNumbers(
  trx: Executor,
  table: TableModel,
  rows: readonly Record<string, unknown>[],
): Promise<void> {
  const count = rows.length;
  if (count === 0) return;
  for (const field of autoNumberFields(table)) {
    const top = await highest(trx, table, field);
    const raised = await trx
      .insertInto('tessera_auto_numbers')
      .values({ field_id: field.id, last_value: top + count })
      .onConflict((oc) =>
        oc.column('field_id').doUpdateSet({
          last_value: sql<number>`(case when ${sql.ref('tessera_auto_numbers.last_value')} > ${top} then ${sql.ref('tessera_auto_numbers.last_value')} else ${top} end) + ${count}`,
        }),
      )
      .returning('last_value')
      .executeTakeFirstOrThrow();
    let next = Number(raised.last_value) - count;
    for (const row of rows) row[field.columnName] = ++next;
  }
}

/**
 * A new AutoNumber field numbers the rows already there 1, 2, 3… in id order, and gets an
 * index so finding the highest number stays cheap.
 */
export async function numberExistingRows(
  trx: Executor,
  dialect: DialectAdapter,
  table: TableModel,
  field: FieldModel,
): Promise<void> {
  const pk = primaryKeyField(table).columnName;
  const numbered = sql`(select ${sql.ref(pk)} as pk, row_number() over (order by ${sql.ref(pk)}) as n from ${sql.table(table.tableName)})`;
  await sql`update ${sql.table(table.tableName)} set ${sql.ref(field.columnName)} = numbered.n
    from ${numbered} as numbered
    where ${sql.ref(`${table.tableName}.${pk}`)} = numbered.pk`.execute(trx);
  await userTableDdl(trx, dialect).createIndex(table.tableName, field, false, pk);
  await trx
    .insertInto('tessera_auto_numbers')
    .values({ field_id: field.id, last_value: await highest(trx, table, field) })
    .execute();
}
