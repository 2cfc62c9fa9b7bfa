import {
  bindFilter,
  combineFilters,
  computedDependencies,
  type FieldModel,
  findDependencyCycle,
  formulaReferenceIds,
  isLinkField,
  type LinkHolder,
  linkMetaKeys,
  linkMetaOf,
  lookupMetaOf,
  newId,
  type RelationType,
  type RollupMeta,
  relationTypes,
  rollupFunctions,
  rollupMetaOf,
  type TableModel,
  TesseraError,
} from '@tessera/core';
import { appendAudit, type ChangeContext } from '../audit/audit-log.ts';
import { ComputedSchema, computedSchema, isComputedField } from '../computed/computed-schema.ts';
import { rollupParts } from '../computed/field-sql.ts';
import { fieldFilter } from '../computed/filter-targets.ts';
import { lookupPath, primaryKeyColumn } from '../computed/link-paths.ts';
import { rollupFits, valueKind } from '../computed/value-kinds.ts';
import { userTableDdl } from '../ddl/user-table-ddl.ts';
import { schemaError } from '../meta/field-spec.ts';
import { fieldSnapshot } from '../meta/schema-audit.ts';
import { freeColumnName, insertFieldRow } from '../meta/table-store.ts';
import type { Executor, StoreContext } from '../store-context.ts';
import { createJunction, freeJunction, type Junction } from './link-ddl.ts';

/** What adding a computed field (link, lookup, rollup) takes besides its own field row. */
export interface ComputedFieldPlan {
  /** The field as it is saved (link fields: their meta, type and key column filled in). */
  readonly field: FieldModel;
  /** Other tables whose cached models the change makes stale. */
  readonly otherTables: readonly string[];
  /** Writes the rest inside the field's transaction: key index, inverse field, junction. */
  apply(trx: Executor, change: ChangeContext): Promise<void>;
}

const inverseType: Readonly<Record<RelationType, RelationType>> = { hm: 'bt', bt: 'hm', mm: 'mm', oo: 'oo' };

/** Which uidt a side of a link gets: Links for many records, LinkToAnotherRecord for one. */
const uidtFor = (type: RelationType) => (type === 'hm' || type === 'mm' ? 'Links' : 'LinkToAnotherRecord');

function invalid(field: FieldModel, message: string): TesseraError {
  return schemaError(`Field '${field.title}': ${message}`);
}

/** A title free among `taken` (case-insensitive): `title`, `title 2`, `title 3`… */
function freeTitle(title: string, taken: readonly FieldModel[]): string {
  const used = new Set(taken.map((f) => f.title.toLowerCase()));
  if (!used.has(title.toLowerCase())) return title;
  for (let n = 2; ; n += 1) if (!used.has(`${title} ${n}`.toLowerCase())) return `${title} ${n}`;
}

/** Checks the parts every computed field shares: no default, not required, not unique. */
function checkComputedBasics(field: FieldModel): void {
  if (field.required) throw invalid(field, 'a computed field cannot be required');
  if (field.unique) throw invalid(field, 'a computed field cannot be unique');
  if (field.defaultValue !== null && field.defaultValue !== undefined)
    throw invalid(field, 'a computed field takes no default');
}

/**
 * Checks a new Links / LinkToAnotherRecord / Lookup / Rollup field and says what adding it
 * takes; undefined for other types. Errors are 422 `ERR_SCHEMA_INVALID` naming the problem.
 */
export async function planComputedField(
  context: StoreContext,
  getTable: (id: string) => Promise<TableModel>,
  table: TableModel,
  field: FieldModel,
): Promise<ComputedFieldPlan | undefined> {
  if (isLinkField(field)) return planLink(context, getTable, table, field);
  if (field.uidt !== 'Lookup' && field.uidt !== 'Rollup') return undefined;
  checkComputedBasics(field);
  await checkLookupOrRollup(context, table, field);
  return { field, otherTables: [], apply: async () => {} };
}

/**
 * Checks a Lookup or Rollup against the schema as it would be with the field: its link is a
 * link field of the table, its target a field of the linked table that fits the function.
 */
export async function checkLookupOrRollup(
  context: StoreContext,
  table: TableModel,
  field: FieldModel,
): Promise<void> {
  const meta = lookupMetaOf(field) ?? rollupMetaOf(field);
  const relationId = field.meta.fk_relation_column_id;
  const targetKey = field.uidt === 'Lookup' ? 'fk_lookup_column_id' : 'fk_rollup_column_id';
  if (typeof relationId !== 'string' || !relationId)
    throw invalid(field, 'fk_relation_column_id (the link field to follow) is required');
  if (typeof field.meta[targetKey] !== 'string' || !field.meta[targetKey])
    throw invalid(field, `${targetKey} (the field of the linked table) is required`);
  if (field.uidt === 'Rollup' && !meta)
    throw invalid(field, `rollup_function is required: one of ${rollupFunctions.join(', ')}`);
  const relation = table.fields.find((f) => f.id === relationId);
  const link = relation ? linkMetaOf(relation) : undefined;
  if (!relation || !link)
    throw invalid(field, `'${relationId}' is not a link field of table '${table.title}'`);
  const withField = { ...table, fields: [...table.fields.filter((f) => f.id !== field.id), field] };
  const loaded = await computedSchema(context, table);
  const schema = new ComputedSchema(withField, new Map([...loaded.tables, [table.id, withField]]), 0);
  const byId = (id: string) => (id === field.id ? field : schema.fieldById(id));
  const cycle = findDependencyCycle(field.id, (id) => {
    const used = byId(id);
    if (!used) return [];
    return used.uidt === 'Formula' ? formulaReferenceIds(used.meta.formula) : computedDependencies(used);
  });
  if (cycle)
    throw invalid(
      field,
      `circular reference: ${cycle.map((id) => `'${byId(id)?.title ?? id}'`).join(' → ')}`,
    );
  const related = schema.tableById(link.relatedTableId);
  const target = related?.fields.find((f) => f.id === field.meta[targetKey]);
  if (!related || !target)
    throw invalid(field, `'${String(field.meta[targetKey])}' is not a field of the linked table`);
  if (field.uidt === 'Lookup') {
    if (!lookupPath(schema, withField, field))
      throw invalid(field, 'the lookup goes through too many links, or in a circle');
    return;
  }
  const fn = (meta as RollupMeta).fn;
  if (target.uidt !== 'Lookup' && !isLinkField(target) && !rollupFits(fn, valueKind(schema, related, target)))
    throw invalid(
      field,
      fn === 'min' || fn === 'max'
        ? `${fn} needs a number, date or time field; '${target.title}' is ${target.uidt}`
        : `${fn} needs a number field; '${target.title}' is ${target.uidt}`,
    );
  const parts = rollupParts(schema, withField, field);
  if (!parts) throw invalid(field, `a rollup cannot be computed over ${target.uidt} field '${target.title}'`);
  if (parts.meta.where) {
    try {
      const expression = combineFilters(parts.meta.where);
      const filter = fieldFilter(
        { schema, dialect: context.dialect, depth: 1 },
        { table: related, alias: '__check' },
      );
      if (expression) bindFilter(expression, { resolve: filter.resolve, now: new Date() });
    } catch (error) {
      if (error instanceof TesseraError) throw invalid(field, `invalid where: ${error.message}`);
      throw error;
    }
  }
}

async function planLink(
  context: StoreContext,
  getTable: (id: string) => Promise<TableModel>,
  table: TableModel,
  field: FieldModel,
): Promise<ComputedFieldPlan> {
  checkComputedBasics(field);
  const type = field.meta[linkMetaKeys.relationType] as RelationType | undefined;
  if (!type || !relationTypes.includes(type))
    throw invalid(field, `the relation type ('type') is required: one of ${relationTypes.join(', ')}`);
  const relatedId = field.meta[linkMetaKeys.relatedTableId];
  if (typeof relatedId !== 'string' || !relatedId)
    throw invalid(field, "the related table ('childId') is required");
  let related: TableModel;
  try {
    related = relatedId === table.id ? table : await getTable(relatedId);
  } catch (error) {
    if (error instanceof TesseraError && error.code === 'ERR_TABLE_NOT_FOUND')
      throw invalid(field, `related table '${relatedId}' not found`);
    throw error;
  }
  if (related.baseId !== table.baseId) throw invalid(field, 'links can only join tables of the same base');
  const parent = field.meta.parent_table_id;
  if (parent !== undefined && parent !== table.id)
    throw invalid(field, `parentId '${String(parent)}' is not the table the field is added to`);

  const selfLink = related.id === table.id;
  const holder: LinkHolder = type === 'mm' ? 'junction' : type === 'hm' ? 'related' : 'self';
  const inverseHolder: LinkHolder =
    holder === 'self' ? 'related' : holder === 'related' ? 'self' : 'junction';
  const junction: Junction | undefined =
    type === 'mm'
      ? await freeJunction(context.db, context.dialect, table.tableName, related.tableName)
      : undefined;
  const sideMeta = (relation: RelationType, on: LinkHolder, inverseId: string, flip: boolean) => ({
    [linkMetaKeys.relationType]: relation,
    [linkMetaKeys.relatedTableId]: flip ? table.id : related.id,
    [linkMetaKeys.inverseFieldId]: inverseId,
    [linkMetaKeys.holder]: on,
    ...(junction
      ? {
          [linkMetaKeys.junctionTable]: junction.table,
          [linkMetaKeys.junctionSelfColumn]: flip ? junction.relatedColumn : junction.selfColumn,
          [linkMetaKeys.junctionRelatedColumn]: flip ? junction.selfColumn : junction.relatedColumn,
        }
      : {}),
  });

  const inverseId = newId('c');
  const ownColumns = new Set(table.fields.map((f) => f.columnName));
  const { parent_table_id: _parent, ...clientMeta } = field.meta;
  const created: FieldModel = {
    ...field,
    uidt: uidtFor(type),
    meta: { ...clientMeta, ...sideMeta(type, holder, inverseId, false) },
    columnName:
      holder === 'self' ? freeColumnName(`${related.tableName}_id`, undefined, ownColumns) : field.columnName,
  };
  const relatedFields = selfLink ? [...table.fields, created] : related.fields;
  const inverseTitle = freeTitle(table.title, relatedFields);
  const relatedColumns = new Set(relatedFields.map((f) => f.columnName));
  const inverse: FieldModel = {
    id: inverseId,
    tableId: related.id,
    title: inverseTitle,
    columnName: freeColumnName(
      inverseHolder === 'self' ? `${table.tableName}_id` : inverseTitle,
      undefined,
      relatedColumns,
    ),
    uidt: uidtFor(inverseType[type]),
    pk: false,
    primaryValue: false,
    system: false,
    required: false,
    unique: false,
    defaultValue: null,
    description: null,
    meta: sideMeta(inverseType[type], inverseHolder, field.id, true),
    options: [],
    order: Math.max(0, ...relatedFields.map((f) => f.order)) + 1,
  };
  return {
    field: created,
    otherTables: selfLink ? [] : [related.id],
    async apply(trx, change) {
      const ddl = userTableDdl(trx, context.dialect);
      await insertFieldRow(trx, inverse);
      await ddl.addColumn(related.tableName, inverse);
      const keyed =
        holder === 'self'
          ? { table, field: created }
          : holder === 'related'
            ? { table: related, field: inverse }
            : undefined;
      if (keyed)
        await ddl.createIndex(
          keyed.table.tableName,
          keyed.field,
          type === 'oo',
          type === 'oo' ? undefined : primaryKeyColumn(keyed.table),
        );
      if (junction) await createJunction(trx, context.dialect, junction, inverseId);
      await appendAudit(trx, change, [
        {
          action: 'field.create',
          baseId: related.baseId,
          tableId: related.id,
          targetId: inverseId,
          details: { after: fieldSnapshot(inverse), inverse_of: field.id },
        },
      ]);
    },
  };
}

/** A field to remove, with its table. */
export interface FieldRemoval {
  readonly table: TableModel;
  readonly field: FieldModel;
}

/**
 * Everything that goes with removing `fields` of the base's `tables`: the other side of every
 * link among them, and every lookup or rollup computed from a removed field (again and again,
 * as those may feed others). The given fields themselves are not in the answer.
 */
export function dependentRemovals(
  tables: readonly TableModel[],
  fields: readonly FieldModel[],
): FieldRemoval[] {
  const removed = new Set(fields.map((f) => f.id));
  const found: FieldRemoval[] = [];
  let grew = true;
  while (grew) {
    grew = false;
    for (const table of tables)
      for (const field of table.fields) {
        if (removed.has(field.id)) continue;
        const link = linkMetaOf(field);
        const depends =
          (link !== undefined && removed.has(link.inverseFieldId)) ||
          computedDependencies(field).some((id) => removed.has(id));
        if (!depends) continue;
        removed.add(field.id);
        found.push({ table, field });
        grew = true;
      }
  }
  return found;
}

/**
 * A computed field changed (title, description, display meta; a lookup's or rollup's
 * settings): checks it and returns it as saved. A computed field's type never changes, no
 * field becomes one, and a link's own meta keys stay as they are.
 */
export async function checkComputedUpdate(
  context: StoreContext,
  table: TableModel,
  before: FieldModel,
  after: FieldModel,
): Promise<FieldModel> {
  if (before.uidt !== after.uidt && (isComputedField(before) || isComputedField(after)))
    throw schemaError(
      `Field '${before.title}' cannot be converted from ${before.uidt} to ${after.uidt}; delete it and add a new field`,
    );
  if (!isComputedField(after)) return after;
  checkComputedBasics(after);
  if (isLinkField(after)) {
    const meta: Record<string, unknown> = { ...after.meta };
    for (const key of Object.values(linkMetaKeys)) {
      if (before.meta[key] === undefined) delete meta[key];
      else meta[key] = before.meta[key];
    }
    return { ...after, meta };
  }
  if (after.uidt === 'Lookup' || after.uidt === 'Rollup') await checkLookupOrRollup(context, table, after);
  return after;
}
