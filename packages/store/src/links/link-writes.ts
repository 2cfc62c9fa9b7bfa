import { type FieldModel, isLinkField, type TableModel, TesseraError } from '@tessera/core';
import { sql } from 'kysely';
import { type AuditEntry, appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { type ComputedSchema, storedFieldsOf } from '../computed/computed-schema.ts';
import { type Hop, hopOf } from '../computed/link-paths.ts';
import { appendEvent, type RecordEventType } from '../events/event-log.ts';
import { nowText } from '../meta/meta-rows.ts';
import { compileRecordMapper, type RecordMapper } from '../records/record-mapper.ts';
import type { Executor, StoreContext } from '../store-context.ts';

/** How a link write treats the links a record has: adds to them, removes from them, or replaces them. */
export type LinkMode = 'add' | 'remove' | 'replace';

/** One record's links through one link field, to change. */
export interface LinkWrite {
  readonly recordId: number;
  readonly field: FieldModel;
  readonly ids: readonly number[];
  readonly mode: LinkMode;
}

/**
 * Who reports a linked record that does not exist: a link endpoint (404, the id names a
 * record) or a record body (422, the id is a value of the field).
 */
export type MissingLinkError = 'not-found' | 'invalid-value';

const ref = (column: string) => sql.ref(column);

/** The ids the record links to through the hop, ascending. */
export async function linkedIds(trx: Executor, hop: Hop, recordId: number): Promise<number[]> {
  let rows: { id: unknown }[];
  if (hop.meta.junction) {
    const j = hop.meta.junction;
    rows = await trx
      .selectFrom(j.table)
      .select(ref(j.relatedColumn).as('id'))
      .where(ref(j.selfColumn), '=', recordId)
      .orderBy(ref(j.relatedColumn))
      .execute();
  } else if (hop.meta.holder === 'related') {
    rows = await trx
      .selectFrom(hop.to.tableName)
      .select(ref(hop.toPk).as('id'))
      .where(ref(hop.keyColumn), '=', recordId)
      .orderBy(ref(hop.toPk))
      .execute();
  } else {
    rows = await trx
      .selectFrom(hop.from.tableName)
      .select(ref(hop.keyColumn).as('id'))
      .where(ref(hop.fromPk), '=', recordId)
      .where(ref(hop.keyColumn), 'is not', null)
      .execute();
  }
  return rows.map((r) => Number(r.id));
}

/** The ids of `ids` that are no record of `table`. */
export async function missingRecords(
  trx: Executor,
  table: TableModel,
  pk: string,
  ids: readonly number[],
): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = await trx
    .selectFrom(table.tableName)
    .select(ref(pk).as('id'))
    .where(ref(pk), 'in', ids)
    .execute();
  const present = new Set(found.map((r) => Number((r as { id: unknown }).id)));
  return ids.filter((id) => !present.has(id));
}

async function addLinks(trx: Executor, hop: Hop, recordId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  if (hop.meta.junction) {
    const j = hop.meta.junction;
    await trx
      .insertInto(j.table)
      .values(ids.map((id) => ({ [j.selfColumn]: recordId, [j.relatedColumn]: id })))
      .onConflict((oc) => oc.doNothing())
      .execute();
    return;
  }
  const unique = hop.meta.relationType === 'oo';
  if (hop.meta.holder === 'related') {
    // One-to-one: the record's previous partner lets go first (the key column is unique).
    if (unique)
      await trx
        .updateTable(hop.to.tableName)
        .set({ [hop.keyColumn]: null })
        .where(ref(hop.keyColumn), '=', recordId)
        .where(ref(hop.toPk), 'not in', ids)
        .execute();
    await trx
      .updateTable(hop.to.tableName)
      .set({ [hop.keyColumn]: recordId })
      .where(ref(hop.toPk), 'in', ids)
      .execute();
    return;
  }
  const [id] = ids;
  if (unique)
    await trx
      .updateTable(hop.from.tableName)
      .set({ [hop.keyColumn]: null })
      .where(ref(hop.keyColumn), '=', id as number)
      .where(ref(hop.fromPk), '<>', recordId)
      .execute();
  await trx
    .updateTable(hop.from.tableName)
    .set({ [hop.keyColumn]: id as number })
    .where(ref(hop.fromPk), '=', recordId)
    .execute();
}

async function removeLinks(trx: Executor, hop: Hop, recordId: number, ids: readonly number[]): Promise<void> {
  if (ids.length === 0) return;
  if (hop.meta.junction) {
    const j = hop.meta.junction;
    await trx
      .deleteFrom(j.table)
      .where(ref(j.selfColumn), '=', recordId)
      .where(ref(j.relatedColumn), 'in', ids)
      .execute();
  } else if (hop.meta.holder === 'related') {
    await trx
      .updateTable(hop.to.tableName)
      .set({ [hop.keyColumn]: null })
      .where(ref(hop.keyColumn), '=', recordId)
      .where(ref(hop.toPk), 'in', ids)
      .execute();
  } else {
    await trx
      .updateTable(hop.from.tableName)
      .set({ [hop.keyColumn]: null })
      .where(ref(hop.fromPk), '=', recordId)
      .where(ref(hop.keyColumn), 'in', ids)
      .execute();
  }
}

/** Mappers of whole stored records, for the events of link changes. */
const eventMappers = new WeakMap<TableModel, { fields: FieldModel[]; map: RecordMapper }>();

/**
 * Changes links of records of the schema's table inside the caller's transaction (load the
 * schema before it begins: on SQLite, loading inside would wait for it): checks that every
 * linked record exists, applies the changes, and audits and announces (event outbox) each
 * change that altered something, as `record.link` / `record.unlink` of the record whose field
 * it is. Records being linked must exist; the caller checks the records it names itself.
 */
export async function writeLinks(
  trx: Executor,
  context: StoreContext,
  schema: ComputedSchema,
  writes: readonly LinkWrite[],
  change: ChangeContext,
  missing: MissingLinkError,
): Promise<void> {
  if (writes.length === 0) return;
  const { table } = schema;
  const entries: AuditEntry[] = [];
  const events: { type: RecordEventType; recordId: number; details: Record<string, unknown> }[] = [];
  for (const write of writes) {
    const hop = hopOf(schema, table, write.field.id);
    if (!hop) throw new TesseraError('ERR_INTERNAL', `Link field '${write.field.title}' is incomplete`);
    if (!hop.meta.many && write.mode !== 'remove' && write.ids.length > 1)
      throw new TesseraError(
        'ERR_INVALID_VALUE_FOR_FIELD',
        `Field '${write.field.title}' links at most one record; got ${write.ids.length}`,
        { field: write.field.title },
      );
    if (write.mode !== 'remove') await assertRecordsExist(trx, hop, write, missing);
    const current = await linkedIds(trx, hop, write.recordId);
    const wanted = new Set(write.ids);
    const has = new Set(current);
    const replacing = write.mode === 'replace' || (write.mode === 'add' && !hop.meta.many);
    const added = write.mode === 'remove' ? [] : write.ids.filter((id) => !has.has(id));
    const removed =
      write.mode === 'remove'
        ? current.filter((id) => wanted.has(id))
        : replacing
          ? current.filter((id) => !wanted.has(id))
          : [];
    await removeLinks(trx, hop, write.recordId, removed);
    await addLinks(trx, hop, write.recordId, added);
    for (const [action, ids] of [
      ['link', added],
      ['unlink', removed],
    ] as const) {
      if (ids.length === 0) continue;
      const details = {
        field: write.field.title,
        field_id: write.field.id,
        related_table_id: hop.to.id,
        linked_ids: ids,
      };
      entries.push({
        action: `record.${action}`,
        baseId: table.baseId,
        tableId: table.id,
        recordId: write.recordId,
        details,
      });
      events.push({ type: `records.${action}`, recordId: write.recordId, details });
    }
  }
  await appendAudit(trx, change, entries);
  await announce(trx, context, schema, events, change);
}

async function assertRecordsExist(trx: Executor, hop: Hop, write: LinkWrite, missing: MissingLinkError) {
  const absent = await missingRecords(trx, hop.to, hop.toPk, write.ids);
  if (absent.length === 0) return;
  const list = absent.map((id) => `'${id}'`).join(', ');
  if (missing === 'not-found')
    throw new TesseraError('ERR_RECORD_NOT_FOUND', `Record ${list} not found in table '${hop.to.title}'`, {
      id: absent[0],
      ids: absent,
    });
  throw new TesseraError(
    'ERR_INVALID_VALUE_FOR_FIELD',
    `Invalid value for field '${write.field.title}': record ${list} not found in table '${hop.to.title}'`,
    { field: write.field.title, ids: absent },
  );
}

/** One outbox event per change, carrying the record as it is now (stored fields, v2). */
async function announce(
  trx: Executor,
  context: StoreContext,
  schema: ComputedSchema,
  events: readonly { type: RecordEventType; recordId: number; details: Record<string, unknown> }[],
  change: ChangeContext,
): Promise<void> {
  if (events.length === 0) return;
  const { table } = schema;
  let mapper = eventMappers.get(table);
  if (!mapper) {
    const fields = storedFieldsOf(table);
    mapper = { fields, map: compileRecordMapper(fields, context.dialect, 'v2') };
    eventMappers.set(table, mapper);
  }
  const pk = mapper.fields.find((f) => f.pk);
  const ids = [...new Set(events.map((e) => e.recordId))];
  const rows = await trx
    .selectFrom(table.tableName)
    .select(mapper.fields.map((f) => ref(f.columnName).as(f.columnName)))
    .where(ref(pk?.columnName ?? 'id'), 'in', ids)
    .execute();
  const records = new Map(
    (rows as Record<string, unknown>[]).map((row) => [Number(row[pk?.columnName ?? 'id']), mapper.map(row)]),
  );
  const now = nowText();
  for (const event of events)
    await appendEvent(
      trx,
      change,
      {
        baseId: table.baseId,
        tableId: table.id,
        type: event.type,
        recordIds: [event.recordId],
        rows: [records.get(event.recordId) ?? { [pk?.title ?? 'Id']: event.recordId }],
        idField: pk?.title ?? 'Id',
        details: event.details,
      },
      now,
    );
}

/**
 * Link values of record bodies (create and update), once the records' ids are known: each
 * replaces the record's links through that field. Called inside the write's transaction.
 */
export async function writeBodyLinks(
  trx: Executor,
  context: StoreContext,
  schema: ComputedSchema,
  records: readonly { readonly id: number; readonly links: ReadonlyMap<string, readonly number[]> }[],
  change: ChangeContext,
): Promise<void> {
  const writes: LinkWrite[] = [];
  for (const { id, links } of records)
    for (const [fieldId, ids] of links) {
      const field = schema.table.fields.find((f) => f.id === fieldId);
      if (field) writes.push({ recordId: id, field, ids, mode: 'replace' });
    }
  await writeLinks(trx, context, schema, writes, change, 'invalid-value');
}

/**
 * Before records are deleted: their links go too (has-many and one-to-one children let go,
 * junction rows are removed). Inside the delete's transaction; the delete's own audit entry
 * and event record it.
 */
export async function unlinkDeletedRecords(
  trx: Executor,
  schema: ComputedSchema,
  ids: readonly number[],
): Promise<void> {
  const { table } = schema;
  if (ids.length === 0 || !table.fields.some(isLinkField)) return;
  for (const field of table.fields) {
    const hop = isLinkField(field) ? hopOf(schema, table, field.id) : undefined;
    if (!hop || hop.meta.holder === 'self') continue;
    for (let start = 0; start < ids.length; start += MAX_IDS) {
      const chunk = ids.slice(start, start + MAX_IDS);
      if (hop.meta.junction)
        await trx
          .deleteFrom(hop.meta.junction.table)
          .where(ref(hop.meta.junction.selfColumn), 'in', chunk)
          .execute();
      else
        await trx
          .updateTable(hop.to.tableName)
          .set({ [hop.keyColumn]: null })
          .where(ref(hop.keyColumn), 'in', chunk)
          .execute();
    }
  }
}

/** Ids per statement, far below both databases' bound-parameter limits. */
const MAX_IDS = 10_000;
