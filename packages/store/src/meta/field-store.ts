import { type FieldModel, getFieldType, newId, type TableModel, TesseraError } from '@tessera/core';
import { UserDirectory } from '../accounts/user-directory.ts';
import { type AuditEntry, appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { isComputedField } from '../computed/computed-schema.ts';
import { userTableDdl } from '../ddl/user-table-ddl.ts';
import { assertNoFormulaUses, prepareFormulaField } from '../formula/formula-field-spec.ts';
import { dropDependents, dropField, markPrimaryValue } from '../links/field-removal.ts';
import { checkComputedUpdate, dependentRemovals, planComputedField } from '../links/link-fields.ts';
import { numberExistingRows } from '../records/auto-number.ts';
import { resolveConvertedUsers } from '../records/user-values.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import { convertColumnValues, remapSelectValues, writeConvertedValues } from './field-conversion.ts';
import { type FieldSpec, resolveFieldSpec, schemaError } from './field-spec.ts';
import { flag, nowText } from './meta-rows.ts';
import { changedValues, fieldSnapshot } from './schema-audit.ts';
import { assertUniqueTitles, freeColumnName, insertFieldRow, type TableStore } from './table-store.ts';

export interface FieldStore {
  /** Adds a field (real ALTER TABLE … ADD COLUMN); returns the updated table. Audited as `field.create`. */
  add(tableId: string, spec: FieldSpec, change: ChangeContext): Promise<TableModel>;
  /**
   * Renames, retypes (converting data) or reconfigures a field; returns the updated table.
   * Audited as `field.update`.
   */
  update(fieldId: string, spec: Partial<FieldSpec>, change: ChangeContext): Promise<TableModel>;
  /** Drops the field's column; returns the updated table. Audited as `field.delete`. */
  remove(fieldId: string, change: ChangeContext): Promise<TableModel>;
  /** Makes the field the table's display value. Audited as `field.primary`. */
  setPrimaryValue(fieldId: string, change: ChangeContext): Promise<TableModel>;
  /** The table owning a field. */
  tableOf(fieldId: string): Promise<{ table: TableModel; field: FieldModel }>;
}

const TEMP_SUFFIX = '__converting';

export function fieldStore(context: StoreContext, tables: TableStore): FieldStore {
  const { db, dialect, cache } = context;
  const users = new UserDirectory(db);

  const tableOf = async (fieldId: string) => {
    const row = await db
      .selectFrom('tessera_fields')
      .select('table_id')
      .where('id', '=', fieldId)
      .executeTakeFirst();
    if (!row) throw new TesseraError('ERR_FIELD_NOT_FOUND', `Field '${fieldId}' not found`);
    const table = await tables.get(row.table_id);
    const field = table.fields.find((f) => f.id === fieldId);
    if (!field) throw new TesseraError('ERR_FIELD_NOT_FOUND', `Field '${fieldId}' not found`);
    return { table, field };
  };

  /**
   * Runs a schema change and its audit entry in one transaction, and refreshes the cached
   * table after it. `work` returns the entry, so it can describe what it did.
   */
  const schemaChange = async (
    table: TableModel,
    change: ChangeContext,
    work: (trx: Executor) => Promise<Omit<AuditEntry, 'baseId' | 'tableId'>>,
    otherTables: readonly string[] = [],
  ): Promise<TableModel> => {
    try {
      await db.transaction().execute(async (trx) => {
        const entry = await work(trx);
        await appendAudit(trx, change, [{ ...entry, baseId: table.baseId, tableId: table.id }]);
      });
    } finally {
      cache.forgetTable(table.id);
      // Links, lookups and rollups change fields of other tables too.
      for (const id of otherTables) cache.forgetTable(id);
    }
    return tables.get(table.id);
  };

  const uniqueIndex = async (trx: Executor, table: TableModel, field: FieldModel) => {
    try {
      await userTableDdl(trx, dialect).createIndex(table.tableName, field, true);
    } catch (error) {
      if (dialect.constraintViolation(error) === 'unique')
        throw schemaError(`Field '${field.title}' has duplicate values, so it cannot be made unique`);
      throw error;
    }
  };

  const pkColumn = (table: TableModel) => table.fields.find((f) => f.pk)?.columnName ?? 'id';

  return {
    tableOf,

    async add(tableId, spec, change) {
      const table = await tables.get(tableId);
      const resolved = resolveFieldSpec(spec, undefined, { linked: true });
      if (getFieldType(resolved.uidt).serverManaged && resolved.uidt === 'ID')
        throw schemaError('A table has exactly one ID field');
      let field: FieldModel = {
        ...resolved,
        id: newId('c'),
        tableId,
        columnName: freeColumnName(
          resolved.title,
          spec.columnName,
          new Set(table.fields.map((f) => f.columnName)),
        ),
        pk: false,
        system: false,
        primaryValue: false,
        order: Math.max(0, ...table.fields.map((f) => f.order)) + 1,
      };
      // Links (with their inverse), lookups and rollups: checked and completed here.
      const computed = await planComputedField(context, tables.get, table, field);
      if (computed) field = computed.field;
      field = await prepareFormulaField(context, table, field);
      assertUniqueTitles([...table.fields, field]);
      return schemaChange(
        table,
        change,
        async (trx) => {
          await insertFieldRow(trx, field);
          const ddl = userTableDdl(trx, dialect);
          await ddl.addColumn(table.tableName, field);
          await computed?.apply(trx, change);
          if (field.uidt === 'AutoNumber') await numberExistingRows(trx, dialect, table, field);
          if (field.unique) await uniqueIndex(trx, table, field);
          if (resolved.primaryValue) await markPrimaryValue(trx, table, field.id);
          const after = fieldSnapshot({ ...field, primaryValue: Boolean(resolved.primaryValue) });
          return { action: 'field.create', targetId: field.id, details: { after } };
        },
        computed?.otherTables,
      );
    },

    async update(fieldId, spec, change) {
      const { table, field } = await tableOf(fieldId);
      const next = resolveFieldSpec({ title: field.title, uidt: field.uidt, ...spec } as FieldSpec, field, {
        linked: true,
      });
      if (field.system && (next.uidt !== field.uidt || next.unique !== field.unique))
        throw schemaError(`Field '${field.title}' is a system field; its type cannot change`);
      if (next.uidt !== field.uidt && getFieldType(next.uidt).serverManaged)
        throw schemaError(`A field cannot be converted to ${next.uidt}`);
      const others = table.fields.filter((f) => f.id !== fieldId);
      const titleChanged = next.title !== field.title;
      // A computed field's column name is only reserved (or is a link's key column): it stays.
      const columnName =
        (spec.columnName !== undefined || titleChanged) && !isComputedField(field)
          ? freeColumnName(next.title, spec.columnName, new Set(others.map((f) => f.columnName)))
          : field.columnName;
      let updated: FieldModel = await checkComputedUpdate(context, table, field, {
        ...field,
        ...next,
        columnName,
        primaryValue: field.primaryValue,
      });
      updated = await prepareFormulaField(context, table, updated, field);
      assertUniqueTitles([...others, updated]);
      const typeChanged = next.uidt !== field.uidt;
      const plain =
        next.uidt !== field.uidt
          ? await convertColumnValues(db, dialect, table.tableName, pkColumn(table), field, updated)
          : undefined;
      // Values converted to User name users by id or e-mail: kept as ids of users that exist.
      const converted =
        plain && updated.uidt === 'User'
          ? {
              ...plain,
              changes: await resolveConvertedUsers(
                db,
                users,
                { tableName: table.tableName, pkColumn: pkColumn(table), from: field, to: updated },
                plain.changes,
              ),
            }
          : plain;
      if (converted) updated = { ...updated, options: converted.options };
      const remapped =
        !converted && (updated.uidt === 'SingleSelect' || updated.uidt === 'MultiSelect')
          ? await remapSelectValues(db, table.tableName, pkColumn(table), field, updated.options)
          : undefined;
      const storageChanged = getFieldType(next.uidt).storage !== getFieldType(field.uidt).storage;
      return schemaChange(table, change, async (trx) => {
        const ddl = userTableDdl(trx, dialect);
        if (field.unique) await ddl.dropIndex(field, true);
        if (converted && storageChanged) {
          const temp = `${field.columnName}${TEMP_SUFFIX}`;
          await ddl.addColumn(table.tableName, { columnName: temp, uidt: updated.uidt });
          await writeConvertedValues(
            trx,
            dialect,
            table.tableName,
            pkColumn(table),
            temp,
            updated,
            converted.changes,
          );
          await ddl.dropColumn(table.tableName, field);
          await ddl.renameColumn(table.tableName, temp, columnName);
          if (await usedByViews(trx, fieldId))
            await ddl.createIndex(table.tableName, updated, false, pkColumn(table));
        } else {
          const changes = converted?.changes ?? remapped;
          if (changes?.size)
            await writeConvertedValues(
              trx,
              dialect,
              table.tableName,
              pkColumn(table),
              field.columnName,
              updated,
              changes,
            );
          if (columnName !== field.columnName)
            await ddl.renameColumn(table.tableName, field.columnName, columnName);
        }
        if (updated.unique) await uniqueIndex(trx, table, updated);
        await trx
          .updateTable('tessera_fields')
          .set({
            title: updated.title,
            column_name: updated.columnName,
            uidt: updated.uidt,
            is_required: flag(updated.required),
            is_unique: flag(updated.unique),
            default_value: updated.defaultValue === null ? null : JSON.stringify(updated.defaultValue),
            description: updated.description,
            meta: JSON.stringify(updated.meta),
            options: JSON.stringify(updated.options),
            updated_at: nowText(),
          })
          .where('id', '=', fieldId)
          .execute();
        if (typeChanged && updated.uidt !== 'SingleSelect') {
          await trx
            .updateTable('tessera_views')
            .set({ group_field_id: null })
            .where('group_field_id', '=', fieldId)
            .execute();
        }
        if (spec.primaryValue) await markPrimaryValue(trx, table, fieldId);
        const after = fieldSnapshot({
          ...updated,
          primaryValue: field.primaryValue || Boolean(spec.primaryValue),
        });
        const valuesChanged = (converted?.changes ?? remapped)?.size ?? 0;
        return {
          action: 'field.update',
          targetId: fieldId,
          details: {
            ...changedValues(fieldSnapshot(field), after),
            ...(valuesChanged > 0 ? { values_converted: valuesChanged } : {}),
          },
        };
      });
    },

    async remove(fieldId, change) {
      const { table, field } = await tableOf(fieldId);
      if (field.system || field.pk)
        throw schemaError(`Field '${field.title}' is a system field and cannot be deleted`);
      // A link's other side, and lookups and rollups computed from the field, go with it.
      const dependents = dependentRemovals(await tables.list(table.baseId), [field]);
      const removed = new Set([fieldId, ...dependents.map((d) => d.field.id)]);
      assertNoFormulaUses(await tables.list(table.baseId), removed);
      return schemaChange(
        table,
        change,
        async (trx) => {
          await dropField(trx, dialect, table, field, removed);
          await dropDependents(trx, dialect, dependents, removed, change, fieldId);
          return { action: 'field.delete', targetId: fieldId, details: { before: fieldSnapshot(field) } };
        },
        dependents.map((d) => d.table.id),
      );
    },

    async setPrimaryValue(fieldId, change) {
      const { table, field } = await tableOf(fieldId);
      const previous = table.fields.find((f) => f.primaryValue);
      return schemaChange(table, change, async (trx) => {
        await markPrimaryValue(trx, table, fieldId);
        const as = (f: FieldModel | undefined) => ({ field_id: f?.id ?? null, title: f?.title ?? null });
        return {
          action: 'field.primary',
          targetId: fieldId,
          details: { before: { primary_value: as(previous) }, after: { primary_value: as(field) } },
        };
      });
    },
  };
}

async function usedByViews(trx: Executor, fieldId: string): Promise<boolean> {
  const filter = await trx
    .selectFrom('tessera_view_filters')
    .select('id')
    .where('field_id', '=', fieldId)
    .executeTakeFirst();
  const sort = await trx
    .selectFrom('tessera_view_sorts')
    .select('id')
    .where('field_id', '=', fieldId)
    .executeTakeFirst();
  return Boolean(filter || sort);
}
