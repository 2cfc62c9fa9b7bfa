import {
  checkFormula,
  computedDependencies,
  type FieldModel,
  type FormulaFieldInfo,
  type FormulaFieldResolver,
  findDependencyCycle,
  formulaFieldInfo,
  formulaFieldResolver,
  formulaReferenceIds,
  MAX_EXPANDED_FORMULA_NODES,
  parseFormula,
  storedFormula,
  type TableModel,
  type TypedFormula,
  walkFormula,
} from '@tessera/core';
import { computedSchema } from '../computed/computed-schema.ts';
import { schemaError } from '../meta/field-spec.ts';
import type { StoreContext } from '../store-context.ts';

/**
 * Deepest chain of formulas using formulas. Each level nests the used formula's SQL inside
 * the user's, and SQLite refuses expressions nested more than 1000 deep.
 */
export const MAX_FORMULA_CHAIN = 12;

type FieldById = (id: string) => FieldModel | undefined;

/** The formula text a client sent (`formula_raw`, or `formula`), else the one already stored. */
function formulaText(field: FieldModel, previous: FieldModel | undefined): string {
  const raw = field.meta.formula_raw ?? field.meta.formula ?? previous?.meta.formula;
  if (typeof raw !== 'string' || raw.trim() === '')
    throw schemaError(`Field '${field.title}': a Formula field needs a formula ('formula_raw')`);
  return raw;
}

/** The fields a field is computed from: a formula's references, a lookup's or rollup's link and target. */
function dependenciesOf(field: FieldModel | undefined): string[] {
  if (!field) return [];
  if (field.uidt === 'Formula') return formulaReferenceIds(field.meta.formula);
  return computedDependencies(field);
}

/** Resolves `{…}` for a formula of `field`: its table's other fields, never the field itself. */
function resolverFor(
  field: FieldModel,
  fields: readonly FieldModel[],
  fieldById: FieldById,
): FormulaFieldResolver {
  const others = fields.filter((f) => f.id !== field.id);
  const resolve = formulaFieldResolver(others, fieldById);
  return (ref): FormulaFieldInfo | undefined => {
    if (ref === field.title || ref === field.id)
      return {
        id: field.id,
        title: field.title,
        type: {
          unsupported: 'self',
          message: `Circular reference: formula '${field.title}' refers to itself`,
        },
        source: 'value',
      };
    return resolve(ref);
  };
}

/** Nodes and depth of a formula once the formulas it uses are expanded into it. */
function expandedSize(
  tree: TypedFormula,
  fieldById: FieldById,
  seen: Map<string, { nodes: number; chain: number }>,
) {
  let nodes = 0;
  let chain = 0;
  const visit = (node: TypedFormula): void => {
    nodes++;
    if (node.kind === 'field') {
      const used = fieldById(node.fieldId);
      if (used?.uidt === 'Formula') {
        const size = sizeOfFormula(used, fieldById, seen);
        nodes += size.nodes;
        chain = Math.max(chain, size.chain + 1);
      }
    } else if (node.kind === 'convert') visit(node.arg);
    else if (node.kind === 'call') node.args.forEach(visit);
  };
  visit(tree);
  return { nodes, chain };
}

/** Nodes and chain depth of a saved Formula field once the formulas it uses are expanded into it. */
export function expandedFormulaSize(
  field: FieldModel,
  fieldById: FieldById,
): { nodes: number; chain: number } {
  return sizeOfFormula(field, fieldById, new Map());
}

function sizeOfFormula(
  field: FieldModel,
  fieldById: FieldById,
  seen: Map<string, { nodes: number; chain: number }>,
) {
  const known = seen.get(field.id);
  if (known) return known;
  seen.set(field.id, { nodes: 0, chain: 0 });
  let size = { nodes: 1, chain: 0 };
  try {
    const checked = checkFormula(parseFormula(String(field.meta.formula ?? '')), (ref) => {
      const target = fieldById(ref);
      return target ? formulaFieldInfo(target, fieldById) : undefined;
    });
    size = expandedSize(checked.tree, fieldById, seen);
  } catch {
    // A formula that no longer checks compiles to NULL: it costs nothing.
  }
  seen.set(field.id, size);
  return size;
}

/**
 * Formula fields whose formula names `changed` must still check, with the same result type,
 * when `changed` becomes `after`; otherwise the change is refused (422) naming the formula.
 */
function checkDependents(
  table: TableModel,
  changed: FieldModel,
  after: FieldModel,
  fieldById: FieldById,
): void {
  const before = formulaFieldInfo(changed, fieldById);
  const now = formulaFieldInfo(after, fieldById);
  if (JSON.stringify([before.type, before.source]) === JSON.stringify([now.type, now.source])) return;
  const fields = table.fields.map((f) => (f.id === after.id ? after : f));
  const lookup: FieldById = (id) => (id === after.id ? after : fieldById(id));
  for (const dependent of table.fields) {
    if (dependent.uidt !== 'Formula' || dependent.id === after.id) continue;
    if (!formulaReferenceIds(dependent.meta.formula).includes(after.id)) continue;
    let type: string;
    try {
      type = checkFormula(
        parseFormula(String(dependent.meta.formula)),
        formulaFieldResolver(
          fields.filter((f) => f.id !== dependent.id),
          lookup,
        ),
      ).type;
    } catch (error) {
      throw schemaError(
        `Field '${changed.title}' is used by formula '${dependent.title}', which would no longer be valid: ${(error as Error).message}`,
      );
    }
    if (type !== dependent.meta.result_type)
      throw schemaError(
        `Field '${changed.title}' is used by formula '${dependent.title}', whose type would change from ${String(dependent.meta.result_type)} to ${type}; change that formula first`,
      );
  }
}

/**
 * The one step of saving a field that concerns formulas, called where a field spec is
 * validated (add and update). For a Formula field: parses `meta.formula_raw` (field titles)
 * or `meta.formula`, type-checks it against the table's fields, refuses self and circular
 * references (through other formulas, lookups and rollups, across linked tables) and formulas
 * too large once expanded, and returns the field with `meta.formula` (field ids) and
 * `meta.result_type` set. For any field being changed: formulas using it must stay valid and
 * keep their result type. Errors are 422 ERR_SCHEMA_INVALID.
 */
export async function prepareFormulaField(
  context: StoreContext,
  table: TableModel,
  field: FieldModel,
  previous?: FieldModel,
): Promise<FieldModel> {
  const usedByFormulas = (id: string) =>
    table.fields.some((f) => f.uidt === 'Formula' && formulaReferenceIds(f.meta.formula).includes(id));
  if (field.uidt !== 'Formula' && !(previous && usedByFormulas(previous.id))) return field;
  const schema = await computedSchema(context, table);
  const fieldById: FieldById = (id) => (id === field.id ? field : schema.fieldById(id));
  if (field.uidt !== 'Formula') {
    if (previous) checkDependents(table, previous, field, fieldById);
    return field;
  }
  const text = formulaText(field, previous);
  const { stored, checked } = storedFormula(text, resolverFor(field, table.fields, fieldById));
  const { formula_raw: _raw, ...meta } = field.meta;
  const prepared: FieldModel = { ...field, meta: { ...meta, formula: stored, result_type: checked.type } };
  const lookup: FieldById = (id) => (id === field.id ? prepared : schema.fieldById(id));
  const cycle = findDependencyCycle(field.id, (id) => dependenciesOf(lookup(id)));
  if (cycle)
    throw schemaError(
      `Circular reference: ${cycle.map((id) => `'${lookup(id)?.title ?? id}'`).join(' → ')}`,
      { cycle },
    );
  const size = expandedSize(checked.tree, lookup, new Map());
  if (size.nodes > MAX_EXPANDED_FORMULA_NODES)
    throw schemaError(
      `Field '${field.title}': the formula is too large once the formulas it uses are included (${size.nodes} parts, at most ${MAX_EXPANDED_FORMULA_NODES})`,
    );
  if (size.chain > MAX_FORMULA_CHAIN)
    throw schemaError(
      `Field '${field.title}': the formula uses formulas ${size.chain} levels deep (at most ${MAX_FORMULA_CHAIN})`,
    );
  if (previous) checkDependents(table, previous, prepared, lookup);
  return prepared;
}

/**
 * Refuses (422) to delete fields a remaining formula names: `removed` is the field being
 * deleted plus what goes with it. Formulas only name fields of their own table.
 */
export function assertNoFormulaUses(tables: readonly TableModel[], removed: ReadonlySet<string>): void {
  for (const table of tables)
    for (const field of table.fields) {
      if (field.uidt !== 'Formula' || removed.has(field.id)) continue;
      const used = formulaReferenceIds(field.meta.formula).find((id) => removed.has(id));
      if (used === undefined) continue;
      const title = table.fields.find((f) => f.id === used)?.title ?? used;
      throw schemaError(
        `Field '${title}' is used by formula '${field.title}'; change or delete the formula first`,
      );
    }
}

/**
 * The Formula fields of a new table's field list, prepared like `prepareFormulaField` (a new
 * table has no links yet, so formulas can only name its own fields); formulas naming other
 * formulas of the list are prepared after them.
 */
export function prepareNewTableFormulas(fields: readonly FieldModel[]): FieldModel[] {
  const out = [...fields];
  const pending = new Set(out.filter((f) => f.uidt === 'Formula').map((f) => f.id));
  while (pending.size > 0) {
    const before = pending.size;
    for (const [index, field] of out.entries()) {
      if (!pending.has(field.id)) continue;
      const resolve = resolverFor(field, out, (id) => out.find((f) => f.id === id));
      const text = formulaText(field, undefined);
      // Waits while it names a formula of the list that is not prepared yet.
      const waits = [...namedFields(text, resolve)].some((id) => pending.has(id) && id !== field.id);
      if (waits) continue;
      const { stored, checked } = storedFormula(text, resolve);
      const { formula_raw: _raw, ...meta } = field.meta;
      out[index] = { ...field, meta: { ...meta, formula: stored, result_type: checked.type } };
      pending.delete(field.id);
    }
    if (pending.size === before) {
      const names = out.filter((f) => pending.has(f.id)).map((f) => `'${f.title}'`);
      throw schemaError(`Circular reference between formulas ${names.join(', ')}`);
    }
  }
  return out;
}

/** Ids of the fields a formula text names (by title or id), ignoring names that do not resolve. */
function namedFields(text: string, resolve: FormulaFieldResolver): Set<string> {
  const ids = new Set<string>();
  try {
    for (const node of walkFormula(parseFormula(text))) {
      const info = node.kind === 'field' ? resolve(node.ref) : undefined;
      if (info) ids.add(info.id);
    }
  } catch {
    // Parse errors surface when the formula itself is prepared.
  }
  return ids;
}
