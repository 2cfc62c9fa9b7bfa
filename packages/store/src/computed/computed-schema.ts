import {
  type FieldModel,
  getFieldType,
  linkMetaOf,
  lookupMetaOf,
  rollupMetaOf,
  type TableModel,
} from '@tessera/core';
import { loadTable } from '../meta/table-store.ts';
import type { StoreContext } from '../store-context.ts';

/**
 * A table together with every table its links reach (directly or through other links), as
 * the schema cache held them when loaded: what the SQL of computed fields (links, lookups,
 * rollups, formulas over them) is built from. A schema change replaces a TableModel in the
 * cache, which makes every ComputedSchema holding the old model stale; `version` then changes,
 * so SQL remembered under the old version is never used again.
 */
export class ComputedSchema {
  readonly table: TableModel;
  readonly tables: ReadonlyMap<string, TableModel>;
  /** Unique per loaded schema: keys remembered SQL built from it. */
  readonly version: number;
  /** True when the table has a computed field (nothing but plain columns otherwise). */
  readonly hasComputed: boolean;
  readonly #fields = new Map<string, { field: FieldModel; table: TableModel }>();

  constructor(table: TableModel, tables: ReadonlyMap<string, TableModel>, version: number) {
    this.table = table;
    this.tables = tables;
    this.version = version;
    this.hasComputed = table.fields.some(isComputedField);
    for (const model of tables.values())
      for (const field of model.fields) this.#fields.set(field.id, { field, table: model });
  }

  fieldById(id: string): FieldModel | undefined {
    return this.#fields.get(id)?.field;
  }

  tableOfField(id: string): TableModel | undefined {
    return this.#fields.get(id)?.table;
  }

  tableById(id: string): TableModel | undefined {
    return this.tables.get(id);
  }
}

/** A field whose value is computed (no column of its own, or a link's key column). */
export function isComputedField(field: FieldModel): boolean {
  return getFieldType(field.uidt).virtual === true;
}

/** The fields of a table with a column of their own value (not computed, not link keys). */
export function storedFieldsOf(table: TableModel): FieldModel[] {
  return table.fields.filter((f) => !isComputedField(f));
}

/** Tables a table's computed fields can reach in one step. */
function neighbours(table: TableModel): string[] {
  const ids: string[] = [];
  for (const field of table.fields) {
    const link = linkMetaOf(field);
    if (link) ids.push(link.relatedTableId);
    const through = lookupMetaOf(field)?.relationFieldId ?? rollupMetaOf(field)?.relationFieldId;
    const relation = through ? table.fields.find((f) => f.id === through) : undefined;
    const related = relation ? linkMetaOf(relation)?.relatedTableId : undefined;
    if (related) ids.push(related);
  }
  return ids;
}

/** Schemas per table model; a stale one is replaced when next asked for. */
const schemas = new WeakMap<TableModel, ComputedSchema>();
let nextVersion = 1;

function isCurrent(context: StoreContext, schema: ComputedSchema): boolean {
  for (const [id, model] of schema.tables) if (context.cache.table(id) !== model) return false;
  return true;
}

/**
 * The computed schema of a table: from memory when none of its tables changed, else loaded
 * through the schema cache. A table without computed fields costs no lookups.
 */
export async function computedSchema(context: StoreContext, table: TableModel): Promise<ComputedSchema> {
  const known = schemas.get(table);
  if (known && (!known.hasComputed || isCurrent(context, known))) return known;
  const tables = new Map<string, TableModel>([[table.id, table]]);
  if (table.fields.some(isComputedField)) {
    const queue = neighbours(table);
    while (queue.length > 0) {
      const id = queue.shift() as string;
      if (tables.has(id)) continue;
      let model = context.cache.table(id);
      if (!model) {
        const loaded = await loadTable(context.db, id);
        // A link to a table that is gone (a damaged schema) leaves its fields empty, not failing.
        if (!loaded) continue;
        model = context.cache.rememberTable(loaded);
      }
      tables.set(id, model);
      queue.push(...neighbours(model));
    }
  }
  const schema = new ComputedSchema(table, tables, nextVersion++);
  schemas.set(table, schema);
  return schema;
}

/** The schema last loaded for this table model (what rows read with it were built from). */
export function lastComputedSchema(table: TableModel): ComputedSchema {
  const known = schemas.get(table);
  if (known) return known;
  if (table.fields.some(isComputedField))
    throw new Error(`The computed schema of table '${table.title}' was not loaded before its rows were read`);
  const schema = new ComputedSchema(table, new Map([[table.id, table]]), nextVersion++);
  schemas.set(table, schema);
  return schema;
}
