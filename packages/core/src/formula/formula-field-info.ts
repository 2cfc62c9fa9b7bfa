import { fieldStorage } from '../fields/field-value-kind.ts';
import type { FieldModel } from '../schema/schema-model.ts';
import { type FormulaFieldInfo, type FormulaFieldResolver, isFormulaType } from './formula-types.ts';

type FieldLike = Pick<FieldModel, 'id' | 'title' | 'uidt' | 'meta' | 'options'>;

/** Finds a field of any table by id (Rollup min/max take the kind of the field they read). */
export type FieldFinder = (id: string) => FieldLike | undefined;

/** Rollups of rollups may chain; deeper than this is a damaged schema. */
const MAX_ROLLUP_CHAIN = 16;

/**
 * How a field appears inside formulas: its formula type and how its SQL value is read.
 * `fieldById` (any table) lets a Rollup's min/max take the kind of the field it reads;
 * without it, or when that field is not found, a Rollup is a number.
 */
export function formulaFieldInfo(field: FieldLike, fieldById?: FieldFinder, depth = 0): FormulaFieldInfo {
  const base = { id: field.id, title: field.title };
  const rollupTarget = field.uidt === 'Rollup' ? minMaxTarget(field, fieldById, depth) : undefined;
  if (rollupTarget) {
    const target = formulaFieldInfo(rollupTarget, fieldById, depth + 1);
    if (target.source !== 'list' && typeof target.type === 'string') return { ...target, ...base };
  }
  switch (field.uidt) {
    case 'Formula': {
      const type = field.meta.result_type;
      return isFormulaType(type)
        ? { ...base, type, source: 'value' }
        : { ...base, type: { unsupported: 'its own formula is not valid' }, source: 'value' };
    }
    case 'Lookup':
      return { ...base, type: 'text', source: 'list' };
    case 'Rollup':
      return { ...base, type: 'number', source: 'number' };
    case 'Links':
      return { ...base, type: 'number', source: 'number' };
    case 'LinkToAnotherRecord':
      return {
        ...base,
        type: {
          unsupported: 'a link to one record cannot be used directly; add a Lookup of the field you need',
        },
        source: 'value',
      };
    default:
      break;
  }
  switch (fieldStorage(field)) {
    case 'integer':
      return { ...base, type: 'number', source: 'number' };
    case 'real':
      return { ...base, type: 'number', source: 'value' };
    case 'boolean':
      return { ...base, type: 'boolean', source: 'value' };
    case 'date':
      return { ...base, type: 'date', source: 'value' };
    case 'datetime':
      return { ...base, type: 'datetime', source: 'value' };
    case 'time':
      return { ...base, type: 'text', source: 'text' };
    case 'text':
      return { ...base, type: 'text', source: 'value' };
    case 'json':
      return {
        ...base,
        type: { unsupported: `${field.uidt} fields cannot be used in formulas` },
        source: 'value',
      };
  }
}

function minMaxTarget(
  field: FieldLike,
  fieldById: FieldFinder | undefined,
  depth: number,
): FieldLike | undefined {
  const fn = field.meta.rollup_function;
  const id = field.meta.fk_rollup_column_id;
  if ((fn !== 'min' && fn !== 'max') || typeof id !== 'string' || depth >= MAX_ROLLUP_CHAIN) return undefined;
  return fieldById?.(id);
}

/**
 * Resolves `{…}` among a table's fields: by title first, then by field id. `fieldById` finds
 * fields of other tables for Rollup kinds (see formulaFieldInfo).
 */
export function formulaFieldResolver(
  fields: readonly FieldLike[],
  fieldById?: FieldFinder,
): FormulaFieldResolver {
  return (ref) => {
    const field = fields.find((f) => f.title === ref) ?? fields.find((f) => f.id === ref);
    return field ? formulaFieldInfo(field, fieldById) : undefined;
  };
}
