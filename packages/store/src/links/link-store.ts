import {
  type FieldModel,
  findFieldByRef,
  isLinkField,
  type LinkMeta,
  linkMetaOf,
  type TableModel,
  TesseraError,
} from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import type { ChangeContext } from '../audit/audit-log.ts';
import { computedSchema } from '../computed/computed-schema.ts';
import { hopOf, linkedIdsSql, primaryKeyColumn } from '../computed/link-paths.ts';
import type { NestedFields } from '../computed/read-shape.ts';
import type { TableStore } from '../meta/table-store.ts';
import type { StoreContext } from '../store-context.ts';
import { missingRecords, writeLinks } from './link-writes.ts';

/** A link field of a table, checked, with the table it links to. */
export interface LinkTarget {
  readonly table: TableModel;
  readonly field: FieldModel;
  readonly meta: LinkMeta;
  readonly related: TableModel;
}

export interface LinkStore {
  /**
   * The link field `fieldRef` (id or title) of a table: 404 `ERR_FIELD_NOT_FOUND` when no
   * field has it, 400 `ERR_INVALID_LINK_FIELD` when it belongs to another table or is no link.
   */
  target(table: TableModel, fieldRef: string): Promise<LinkTarget>;
  /** 404 `ERR_RECORD_NOT_FOUND` unless the table has the record. */
  assertRecord(table: TableModel, recordId: number): Promise<void>;
  /** The condition, over the related table, of the records linked to one record. */
  linkedFilter(target: LinkTarget, recordId: number): Promise<RawBuilder<boolean>>;
  /**
   * Links (`add`) or unlinks (`remove`) records, all or nothing: the record and every record
   * named must exist (404); a one-record link takes one id, which replaces its link. Audited
   * as `record.link` / `record.unlink`, with an outbox event each.
   */
  change(
    target: LinkTarget,
    recordId: number,
    ids: readonly number[],
    mode: 'add' | 'remove',
    change: ChangeContext,
  ): Promise<void>;
  /** `nested[<link>][fields]` names → the fields of linked records to show, per link field id. */
  nestedFields(table: TableModel, nested: Readonly<Record<string, readonly string[]>>): Promise<NestedFields>;
}

function invalidLink(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_LINK_FIELD', message);
}

export function linkStore(context: StoreContext, tables: TableStore): LinkStore {
  const { db } = context;

  const target = async (table: TableModel, fieldRef: string): Promise<LinkTarget> => {
    const field = findFieldByRef(table, fieldRef);
    if (!field) {
      const elsewhere = await db
        .selectFrom('tessera_fields')
        .select('table_id')
        .where('id', '=', fieldRef)
        .executeTakeFirst();
      if (!elsewhere) throw new TesseraError('ERR_FIELD_NOT_FOUND', `Field '${fieldRef}' not found`);
      throw invalidLink(`Field '${fieldRef}' does not belong to table '${table.title}'`);
    }
    const meta = linkMetaOf(field);
    if (!isLinkField(field) || !meta)
      throw invalidLink(`Field '${field.title}' is not a link field (it is ${field.uidt})`);
    return { table, field, meta, related: await tables.get(meta.relatedTableId) };
  };

  const hopFor = async (link: LinkTarget) => {
    const hop = hopOf(await computedSchema(context, link.table), link.table, link.field.id);
    if (!hop) throw new TesseraError('ERR_INTERNAL', `Link field '${link.field.title}' is incomplete`);
    return hop;
  };

  return {
    target,

    async assertRecord(table, recordId) {
      const [missing] = await missingRecords(db, table, primaryKeyColumn(table), [recordId]);
      if (missing !== undefined)
        throw new TesseraError('ERR_RECORD_NOT_FOUND', `Record '${recordId}' not found`, { id: recordId });
    },

    async linkedFilter(link, recordId) {
      const hop = await hopFor(link);
      const ids = linkedIdsSql(hop, sql.val(recordId), 0);
      return sql<boolean>`${sql.ref(hop.toPk)} in (${ids})`;
    },

    async change(link, recordId, ids, mode, change) {
      const schema = await computedSchema(context, link.table);
      await db.transaction().execute(async (trx) => {
        const [missing] = await missingRecords(trx, link.table, primaryKeyColumn(link.table), [recordId]);
        if (missing !== undefined)
          throw new TesseraError('ERR_RECORD_NOT_FOUND', `Record '${recordId}' not found`, { id: recordId });
        await writeLinks(
          trx,
          context,
          schema,
          [{ recordId, field: link.field, ids, mode }],
          change,
          'not-found',
        );
      });
      context.eventSignal.appended(link.table.baseId);
    },

    async nestedFields(table, nested) {
      const result = new Map<string, readonly FieldModel[]>();
      for (const [ref, names] of Object.entries(nested)) {
        const link = await target(table, ref);
        result.set(
          link.field.id,
          names.map((name) => {
            const field = findFieldByRef(link.related, name);
            if (!field)
              throw new TesseraError(
                'ERR_FIELD_NOT_FOUND',
                `Field '${name}' not found in table '${link.related.title}'`,
                { field: name },
              );
            if (isLinkField(field))
              throw invalidLink(`Field '${field.title}' is a link; nested fields show values, not links`);
            return field;
          }),
        );
      }
      return result;
    },
  };
}
