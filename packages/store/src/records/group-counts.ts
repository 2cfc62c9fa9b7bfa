import { type FieldModel, fieldStorage, getFieldType, type TableModel } from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import { storedReader } from '../computed/computed-readers.ts';
import type { StoreContext } from '../store-context.ts';

export interface GroupCountSpec {
  /** The field grouped by; see `isGroupableField`. */
  readonly field: FieldModel;
  readonly filter: RawBuilder<boolean> | null;
  readonly direction: 'asc' | 'desc';
  readonly limit: number;
  readonly offset: number;
}

/** One group: the field's value as the v2 API shows it (null for empty) and its record count. */
export interface GroupCount {
  readonly value: unknown;
  readonly count: number;
}

/**
 * Fields whose stored values can be grouped: not computed (links, lookups, rollups, formulas
 * have no column of their own) and not JSON-valued (JSON, attachments), whose values are
 * documents rather than categories.
 */
export function isGroupableField(field: FieldModel): boolean {
  return !getFieldType(field.uidt).virtual && fieldStorage(field) !== 'json';
}

/**
 * Distinct values of a field among the records the filter admits, with how many records hold
 * each, ordered by value (text case-insensitively; empty first ascending, last descending),
 * one page of them; plus how many groups there are in all. Null and empty text are one group.
 */
export async function groupCounts(
  { db, dialect }: StoreContext,
  table: TableModel,
  spec: GroupCountSpec,
): Promise<{ groups: GroupCount[]; totalGroups: number }> {
  const textual = fieldStorage(spec.field) === 'text';
  const column = sql.ref(spec.field.columnName);
  const key = textual ? sql`nullif(${column}, '')` : column;
  const direction = sql.raw(spec.direction);
  const nulls = sql.raw(spec.direction === 'asc' ? 'nulls first' : 'nulls last');

  let grouped = db
    .selectFrom(table.tableName)
    .select([key.as('group_value'), sql<number | string>`count(*)`.as('group_count')])
    .groupBy(key);
  if (spec.filter) grouped = grouped.where(spec.filter);
  if (textual) grouped = grouped.orderBy(sql`lower(${key}) ${direction} ${nulls}`);
  const page = await grouped
    .orderBy(sql`${key} ${direction} ${nulls}`)
    .limit(spec.limit)
    .offset(spec.offset)
    .execute();

  let keys = db.selectFrom(table.tableName).select(key.as('group_value')).groupBy(key);
  if (spec.filter) keys = keys.where(spec.filter);
  const total = await db
    .selectFrom(keys.as('groups'))
    .select(sql<number | string>`count(*)`.as('total'))
    .executeTakeFirst();

  const read = storedReader(spec.field, dialect, 'v2');
  return {
    groups: page.map((row) => ({ value: read(row.group_value), count: Number(row.group_count) })),
    totalGroups: Number(total?.total ?? 0),
  };
}
