import {
  defaultOptionColor,
  type FieldModel,
  getFieldType,
  InvalidFieldValue,
  newId,
  type SelectOption,
  TesseraError,
} from '@tessera/core';
import { sql } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import type { Executor } from '../store-context.ts';

/** How many unconvertible values an error names. */
const MAX_REPORTED_FAILURES = 10;
const BATCH_SIZE = 500;

export interface ConvertedColumn {
  /** Record id → canonical value in the new type, for rows whose stored value changes. */
  readonly changes: ReadonlyMap<number, unknown>;
  /** Select options the conversion needs (existing ones plus values seen in the data). */
  readonly options: readonly SelectOption[];
}

/**
 * Reads every value of `from`'s column and converts it to `to`'s type the way a client
 * sending the old value with `typecast=true` would. Any value that cannot convert fails the
 * whole change with a 422 naming the values, before anything is written.
 */
export async function convertColumnValues(
  executor: Executor,
  dialect: DialectAdapter,
  tableName: string,
  pkColumn: string,
  from: FieldModel,
  to: FieldModel,
): Promise<ConvertedColumn> {
  const fromType = getFieldType(from.uidt);
  const toType = getFieldType(to.uidt);
  const options = [...to.options];
  const target = { ...to, options };
  const context = {
    typecast: true,
    addOption(title: string) {
      if (!options.some((o) => o.title === title))
        options.push({
          id: newId('s'),
          title,
          color: defaultOptionColor(options.length),
          order: options.length + 1,
        });
    },
  };
  const rows = await executor
    .selectFrom(tableName)
    .select([sql.ref(pkColumn).as('pk'), sql.ref(from.columnName).as('value')])
    .where(sql.ref(from.columnName), 'is not', null)
    .execute();
  const changes = new Map<number, unknown>();
  const failures: { id: number; value: unknown; reason: string }[] = [];
  let failureCount = 0;
  for (const row of rows as { pk: number; value: unknown }[]) {
    const canonical = dialect.decodeValue(fromType.storage, row.value);
    const asClientValue = fromType.toApiValue(canonical, from, 'v3');
    try {
      const converted = toType.parseInput(asClientValue, target, context);
      if (converted !== canonical || fromType.storage !== toType.storage)
        changes.set(Number(row.pk), converted);
    } catch (error) {
      if (!(error instanceof InvalidFieldValue)) throw error;
      failureCount += 1;
      if (failures.length < MAX_REPORTED_FAILURES)
        failures.push({ id: Number(row.pk), value: asClientValue, reason: error.message });
    }
  }
  if (failureCount > 0) {
    const examples = failures
      .map((f) => `${JSON.stringify(f.value)} (record ${f.id}: ${f.reason})`)
      .join('; ');
    throw new TesseraError(
      'ERR_TYPE_CONVERSION_FAILED',
      `${failureCount} value(s) of field '${from.title}' cannot be converted to ${to.uidt}: ${examples}. Nothing was changed.`,
      { field: from.title, to: to.uidt, failedCount: failureCount, failures },
    );
  }
  return { changes, options };
}

/** Writes converted values, `BATCH_SIZE` rows per round trip group. */
export async function writeConvertedValues(
  executor: Executor,
  dialect: DialectAdapter,
  tableName: string,
  pkColumn: string,
  column: string,
  to: FieldModel,
  changes: ReadonlyMap<number, unknown>,
): Promise<void> {
  const storage = getFieldType(to.uidt).storage;
  const entries = [...changes];
  for (let start = 0; start < entries.length; start += BATCH_SIZE) {
    const batch = entries.slice(start, start + BATCH_SIZE);
    await Promise.all(
      batch.map(([id, value]) =>
        executor
          .updateTable(tableName)
          .set({ [column]: dialect.encodeValue(storage, value) })
          .where(sql.ref(pkColumn), '=', id)
          .execute(),
      ),
    );
  }
}

/**
 * After a select field's options change: values of a renamed option follow the new title and
 * values of a removed option are cleared (removed from multi-selects), as in Airtable.
 * Returns the changes to write; empty when no option was renamed or removed.
 */
export async function remapSelectValues(
  executor: Executor,
  tableName: string,
  pkColumn: string,
  field: FieldModel,
  nextOptions: readonly SelectOption[],
): Promise<Map<number, unknown>> {
  const renamed = new Map<string, string | null>();
  for (const option of field.options) {
    const next = nextOptions.find((o) => o.id === option.id);
    if (!next) renamed.set(option.title, null);
    else if (next.title !== option.title) renamed.set(option.title, next.title);
  }
  const changes = new Map<number, unknown>();
  if (renamed.size === 0) return changes;
  const rows = await executor
    .selectFrom(tableName)
    .select([sql.ref(pkColumn).as('pk'), sql.ref(field.columnName).as('value')])
    .where(sql.ref(field.columnName), 'is not', null)
    .execute();
  for (const row of rows as { pk: number; value: string }[]) {
    const titles = field.uidt === 'MultiSelect' ? row.value.split(',') : [row.value];
    const mapped = titles
      .map((t) => (renamed.has(t) ? renamed.get(t) : t))
      .filter((t): t is string => Boolean(t));
    const next = mapped.length === 0 ? null : mapped.join(',');
    if (next !== row.value) changes.set(Number(row.pk), next);
  }
  return changes;
}
