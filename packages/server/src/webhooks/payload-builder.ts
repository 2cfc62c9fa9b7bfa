import type { FieldModel, TableModel } from '@tessera/core';
import type { HookOperation, RecordEvent } from '@tessera/store';

/** The hook operation an outbox event is: bulk forms when one request changed several records. */
export function operationOf(event: Pick<RecordEvent, 'type' | 'bulk'>): HookOperation {
  switch (event.type) {
    case 'records.insert':
      return event.bulk ? 'bulkInsert' : 'insert';
    case 'records.update':
      return event.bulk ? 'bulkUpdate' : 'update';
    case 'records.delete':
      return event.bulk ? 'bulkDelete' : 'delete';
    case 'records.link':
      return 'link';
    case 'records.unlink':
      return 'unlink';
  }
}

const singleOf: Partial<Record<HookOperation, HookOperation>> = {
  bulkInsert: 'insert',
  bulkUpdate: 'update',
  bulkDelete: 'delete',
};

/** A hook listing `insert` fires on single and bulk inserts (NocoDB v3); `bulkInsert` only on bulk ones. */
export function hookFiresOn(operations: readonly HookOperation[], operation: HookOperation): boolean {
  const single = singleOf[operation];
  return operations.includes(operation) || (single !== undefined && operations.includes(single));
}

/** The envelope's `type`: `records.after.<operation>`, bulk folded into single for v3 hooks. */
export function envelopeType(operation: HookOperation, version: string): string {
  if (operation === 'trigger') return 'records.manual.trigger';
  const folded = version === 'v3' ? (singleOf[operation] ?? operation) : operation;
  return `records.after.${folded}`;
}

export interface EnvelopeInput {
  /** The delivery id. */
  readonly id: string;
  readonly type: string;
  readonly baseId: string;
  readonly version: string;
  readonly table: Pick<TableModel, 'id' | 'title'>;
  readonly rows: readonly unknown[];
  /** Updates only: the rows before the change, in the order of `rows`. */
  readonly previousRows?: readonly unknown[] | null;
  /** Further facts of the change (a link change's field and linked ids). */
  readonly details?: Readonly<Record<string, unknown>> | null;
}

/** NocoDB's webhook envelope as JSON text: `{type, id, base_id, version, data: {table_id, table_name, rows, previous_rows?}}`. */
export function buildEnvelope(input: EnvelopeInput): string {
  return JSON.stringify({
    type: input.type,
    id: input.id,
    base_id: input.baseId,
    version: input.version,
    data: {
      table_id: input.table.id,
      table_name: input.table.title,
      rows: input.rows,
      ...(input.previousRows ? { previous_rows: input.previousRows } : {}),
      ...(input.details ? { details: input.details } : {}),
    },
  });
}

/** The same envelope under a new delivery id (a replay). */
export function withEnvelopeId(payload: string, id: string): string {
  const envelope = JSON.parse(payload) as Record<string, unknown>;
  return JSON.stringify({ ...envelope, id });
}

function sampleValue(field: FieldModel, now: Date): unknown {
  const iso = now.toISOString();
  switch (field.uidt) {
    case 'ID':
      return 1;
    case 'SingleLineText':
    case 'LongText':
      return `Sample ${field.title}`;
    case 'Email':
      return 'someone@example.com';
    case 'URL':
      return 'https://example.com';
    case 'PhoneNumber':
      return '+15550100';
    case 'Number':
    case 'Rating':
      return 3;
    case 'Decimal':
    case 'Currency':
    case 'Percent':
    case 'Duration':
      return 12.5;
    case 'Checkbox':
      return true;
    case 'SingleSelect':
      return field.options[0]?.title ?? null;
    case 'MultiSelect':
      return (
        field.options
          .slice(0, 2)
          .map((o) => o.title)
          .join(',') || null
      );
    case 'Date':
      return iso.slice(0, 10);
    case 'DateTime':
    case 'CreatedTime':
    case 'LastModifiedTime':
      return `${iso.slice(0, 19).replace('T', ' ')}+00:00`;
    case 'Time':
      return '12:00:00';
    case 'JSON':
      return { sample: true };
    default:
      return null;
  }
}

/** A record of the table with a plausible value in every field, for samples and test calls. */
export function sampleRecord(table: TableModel, now = new Date()): Record<string, unknown> {
  return Object.fromEntries(table.fields.map((field) => [field.title, sampleValue(field, now)]));
}

/** The envelope a hook would get for this operation, with sample records. */
export function sampleEnvelope(
  table: TableModel,
  operation: HookOperation,
  version: string,
  id: string,
): string {
  const record = sampleRecord(table);
  const bulk = operation.startsWith('bulk');
  return buildEnvelope({
    id,
    type: envelopeType(operation, version),
    baseId: table.baseId,
    version,
    table,
    rows: bulk ? [record, { ...record }] : [record],
    previousRows:
      operation === 'update' || operation === 'bulkUpdate' ? (bulk ? [record, record] : [record]) : null,
  });
}
