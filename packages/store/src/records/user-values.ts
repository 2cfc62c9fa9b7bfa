import { type FieldModel, getFieldType, splitUserRefs, type TableModel, TesseraError } from '@tessera/core';
import { sql } from 'kysely';
import type { UserDirectory } from '../accounts/user-directory.ts';
import type { Executor } from '../store-context.ts';

/**
 * Turns the User values of a write into user ids, in place: each parsed value (ids and
 * e-mails joined with ',', see core's User type) must name existing users. One lookup for
 * the whole request; an unknown user fails it with 422 before anything is written.
 * `values[i]` maps field id → canonical value of record i of the request.
 */
export async function resolveUserValues(
  directory: UserDirectory,
  table: TableModel,
  values: readonly Map<string, unknown>[],
): Promise<void> {
  const fields = table.fields.filter((f) => f.uidt === 'User');
  if (fields.length === 0) return;
  const refs = new Set<string>();
  for (const record of values)
    for (const field of fields) {
      const value = record.get(field.id);
      if (typeof value === 'string') for (const ref of splitUserRefs(value)) refs.add(ref);
    }
  if (refs.size === 0) return;
  const userOf = await directory.lookup(refs);
  values.forEach((record, index) => {
    for (const field of fields) {
      const value = record.get(field.id);
      if (typeof value !== 'string') continue;
      const ids = splitUserRefs(value).map((ref) => {
        const user = userOf(ref);
        if (!user) throw unknownUser(field, ref, values.length > 1 ? index : -1);
        return user.id;
      });
      record.set(field.id, [...new Set(ids)].join(','));
    }
  });
}

function unknownUser(field: FieldModel, ref: string, index: number): TesseraError {
  const where = index >= 0 ? ` (record ${index + 1} of the request)` : '';
  return new TesseraError(
    'ERR_INVALID_VALUE_FOR_FIELD',
    `Invalid value for field '${field.title}'${where}: no user with ${ref.includes('@') ? 'e-mail' : 'id'} '${ref}'`,
    { field: field.title, value: ref },
  );
}

/**
 * A column converted to a User field → user ids for every row: `changes` holds the values
 * field-conversion.ts rewrote (record id → ids and e-mails); rows it left alone (text that
 * already read as a User value) are read from `from`'s column. Unknown users fail the change
 * with 422, naming a few, before anything is written.
 */
export async function resolveConvertedUsers(
  executor: Executor,
  directory: UserDirectory,
  target: { tableName: string; pkColumn: string; from: FieldModel; to: FieldModel },
  changes: ReadonlyMap<number, unknown>,
): Promise<Map<number, unknown>> {
  const values = new Map(changes);
  if (getFieldType(target.from.uidt).storage === 'text') {
    const rows = await executor
      .selectFrom(target.tableName)
      .select([sql.ref(target.pkColumn).as('pk'), sql.ref(target.from.columnName).as('value')])
      .where(sql.ref(target.from.columnName), 'is not', null)
      .execute();
    for (const row of rows as { pk: unknown; value: unknown }[])
      if (!values.has(Number(row.pk)) && typeof row.value === 'string') values.set(Number(row.pk), row.value);
  }
  const refs = new Set<string>();
  for (const value of values.values())
    if (typeof value === 'string') for (const ref of splitUserRefs(value)) refs.add(ref);
  const userOf = await directory.lookup(refs);
  const unknown = [...refs].filter((ref) => !userOf(ref));
  if (unknown.length > 0)
    throw new TesseraError(
      'ERR_TYPE_CONVERSION_FAILED',
      `${unknown.length} value(s) of field '${target.from.title}' name no user: ${unknown
        .slice(0, 10)
        .map((ref) => `'${ref}'`)
        .join(', ')}. Nothing was changed.`,
      { field: target.from.title, to: target.to.uidt, failedCount: unknown.length },
    );
  for (const [id, value] of values)
    if (typeof value === 'string')
      values.set(id, [...new Set(splitUserRefs(value).map((ref) => userOf(ref)?.id))].join(','));
  return values;
}
