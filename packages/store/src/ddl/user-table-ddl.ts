import { type FieldModel, getFieldType, storesColumn } from '@tessera/core';
import { sql } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import type { Executor } from '../store-context.ts';

/**
 * DDL for the real SQL tables that hold records. Identifiers are always passed through
 * Kysely's identifier quoting; names come from `physical-names.ts` and are safe anyway.
 */
export interface UserTableDdl {
  /** Columns for the fields that keep one (computed fields have none; see `storesColumn`). */
  createTable(tableName: string, fields: readonly FieldModel[]): Promise<void>;
  dropTable(tableName: string): Promise<void>;
  renameTable(from: string, to: string): Promise<void>;
  /** Adds the field's column; nothing for a computed field without one. */
  addColumn(tableName: string, field: ColumnField): Promise<void>;
  /** Drops the field's indexes and column (computed fields: their indexes only). */
  dropColumn(tableName: string, field: IndexedColumn & Partial<ColumnField>): Promise<void>;
  renameColumn(tableName: string, from: string, to: string): Promise<void>;
  /** Unique index, or a plain one ordered for sorts, optionally followed by `tieBreaker`. */
  createIndex(tableName: string, field: IndexedColumn, unique?: boolean, tieBreaker?: string): Promise<void>;
  dropIndex(field: IndexedColumn, unique?: boolean): Promise<void>;
}

/** A field's column; indexes are named after the field id so renames never orphan them. */
export type IndexedColumn = Pick<FieldModel, 'id' | 'columnName'>;

/** What decides a field's column and its type (`meta` tells link fields that keep a key column). */
export type ColumnField = Pick<FieldModel, 'columnName' | 'uidt'> & { readonly meta?: FieldModel['meta'] };

/** The field keeps a column in its table (stored types, and links keeping their key column). */
export function hasColumn(field: Pick<FieldModel, 'uidt'> & { readonly meta?: FieldModel['meta'] }): boolean {
  return storesColumn({ uidt: field.uidt, meta: field.meta ?? {} });
}

export function indexName(fieldId: string, unique = false): string {
  return `${unique ? 'uq' : 'ix'}_${fieldId}`;
}

export function userTableDdl(db: Executor, dialect: DialectAdapter): UserTableDdl {
  const columnType = (uidt: FieldModel['uidt']) => sql.raw(dialect.columnType(getFieldType(uidt).storage));
  const ddl: UserTableDdl = {
    async createTable(tableName, fields) {
      let builder = db.schema.createTable(tableName);
      for (const field of fields) {
        if (!hasColumn(field)) continue;
        builder = field.pk
          ? builder.addColumn(field.columnName, sql.raw(dialect.autoIncrementPrimaryKey()))
          : builder.addColumn(field.columnName, columnType(field.uidt));
      }
      await builder.execute();
      // AutoNumber inserts read the column's highest value: keep that an index lookup.
      const pk = fields.find((f) => f.pk)?.columnName;
      for (const field of fields)
        if (field.uidt === 'AutoNumber') await ddl.createIndex(tableName, field, false, pk);
    },
    async dropTable(tableName) {
      await db.schema.dropTable(tableName).ifExists().execute();
    },
    async renameTable(from, to) {
      await db.schema.alterTable(from).renameTo(to).execute();
    },
    async addColumn(tableName, field) {
      if (!hasColumn(field)) return;
      await db.schema.alterTable(tableName).addColumn(field.columnName, columnType(field.uidt)).execute();
    },
    async dropColumn(tableName, field) {
      await db.schema.dropIndex(indexName(field.id)).ifExists().execute();
      await db.schema.dropIndex(indexName(field.id, true)).ifExists().execute();
      if (field.uidt !== undefined && !hasColumn({ uidt: field.uidt, meta: field.meta })) return;
      await db.schema.alterTable(tableName).dropColumn(field.columnName).execute();
    },
    async renameColumn(tableName, from, to) {
      await db.schema.alterTable(tableName).renameColumn(from, to).execute();
    },
    async createIndex(tableName, field, unique = false, tieBreaker) {
      let builder = db.schema.createIndex(indexName(field.id, unique)).ifNotExists().on(tableName);
      if (unique) {
        await builder.unique().column(field.columnName).execute();
        return;
      }
      // Ordered like Tessera's sorts (NULLs first ascending), then by the primary key, so a
      // sorted page is read straight from the index in either direction.
      const nulls = sql.raw(dialect.nullsSortFirst ? '' : ' nulls first');
      const tail = tieBreaker ? sql`, ${sql.ref(tieBreaker)}` : sql``;
      builder = builder.expression(sql`${sql.ref(field.columnName)}${nulls}${tail}`);
      await builder.execute();
    },
    async dropIndex(field, unique = false) {
      await db.schema.dropIndex(indexName(field.id, unique)).ifExists().execute();
    },
  };
  return ddl;
}
