import {
  type FieldModel,
  type FieldTypeName,
  fieldStorage,
  formulaFieldResolver,
  getFieldType,
  storedFormula,
} from '@tessera/core';
import { type Kysely, sql } from 'kysely';
import { createTestDatabase, type TestDialect } from '../../../../test/support/test-databases.ts';
import type { Database } from '../../src/dialect/dialect-adapter.ts';
import { openDatabase } from '../../src/dialect/open-database.ts';
import { type FormulaSqlContext, formulaSql } from '../../src/formula/formula-sql.ts';

/** A field model for tests: only what formulas read is meaningful. */
export function testField(
  id: string,
  title: string,
  uidt: FieldTypeName,
  meta: Record<string, unknown> = {},
): FieldModel {
  return {
    id,
    tableId: 'm_test',
    title,
    columnName: title.toLowerCase(),
    uidt,
    pk: false,
    primaryValue: false,
    system: false,
    required: false,
    unique: false,
    defaultValue: null,
    description: null,
    meta,
    options: [],
    order: 0,
  };
}

/** A Formula field over `fields`, saved the way the store saves one (ids in the stored text). */
export function formulaFieldOf(
  fields: readonly FieldModel[],
  id: string,
  title: string,
  text: string,
): FieldModel {
  const { stored, checked } = storedFormula(text, formulaFieldResolver(fields));
  return testField(id, title, 'Formula', { formula: stored, result_type: checked.type });
}

/**
 * A real table `t` (id + one column per stored field) on a fresh database, and a way to read
 * any formula's API value for a row: the SQL runs in the database, the value is decoded the
 * way records are.
 */
export async function formulaTestTable(
  dialect: TestDialect,
  columns: readonly FieldModel[],
  rows: readonly (readonly unknown[])[],
) {
  const created = await createTestDatabase(dialect);
  if (created.config.kind === 'postgres') {
    const admin = openDatabase(created.config);
    await sql`create schema if not exists ${sql.id(created.config.schema)}`.execute(admin.db);
    await admin.close();
  }
  const database: Database = openDatabase(created.config);
  const db = database.db as Kysely<unknown>;
  const adapter = database.dialect;
  const defs = columns.map(
    (f) => sql`${sql.id(f.columnName)} ${sql.raw(adapter.columnType(getFieldType(f.uidt).storage))}`,
  );
  await sql`create table t (id ${sql.raw(adapter.autoIncrementPrimaryKey())}, ${sql.join(defs)})`.execute(db);
  for (const row of rows) {
    const values = columns.map((f, i) => sql.val(adapter.encodeValue(getFieldType(f.uidt).storage, row[i])));
    await sql`insert into t (${sql.join(columns.map((f) => sql.id(f.columnName)))}) values (${sql.join(values)})`.execute(
      db,
    );
  }

  let fields: FieldModel[] = [...columns];
  const context: FormulaSqlContext = {
    dialect: adapter,
    fieldById: (id) => fields.find((f) => f.id === id),
    fieldSql: (field) =>
      field.uidt === 'Formula' ? formulaSql(field, context) : sql.ref(`t.${field.columnName}`),
  };
  let next = 0;

  return {
    database,
    db,
    /** Adds a Formula field to the table's (in-memory) schema, so later formulas can name it. */
    addFormula(title: string, text: string): FieldModel {
      const field = formulaFieldOf(fields, `cf${next++}`, title, text);
      fields = [...fields, field];
      return field;
    },
    fields: () => fields,
    context,
    /** API values of a formula for the given rows (all rows when none given), in id order. */
    async values(text: string, ids?: readonly number[]): Promise<unknown[]> {
      const field = formulaFieldOf(fields, `cx${next++}`, 'X', text);
      const expression = formulaSql(field, context);
      const where = ids ? sql`where id in (${sql.join(ids)})` : sql``;
      const result = await sql<{ v: unknown }>`select ${expression} as v from t ${where} order by id`.execute(
        db,
      );
      const type = getFieldType('Formula');
      return result.rows.map((r) => {
        const canonical = adapter.decodeValue(fieldStorage(field), r.v);
        return canonical === null ? null : type.toApiValue(canonical, field, 'v2');
      });
    },
    async close() {
      await database.close();
      await created.drop();
    },
  };
}
