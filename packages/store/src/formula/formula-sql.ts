import {
  type CheckedFormula,
  checkFormula,
  type FieldModel,
  FormulaError,
  type FormulaType,
  formulaFieldInfo,
  getFieldType,
  isFormulaType,
  parseFormula,
} from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import { compileFormula } from './formula-compiler.ts';

export interface FormulaSqlContext {
  readonly dialect: DialectAdapter;
  /** SQL value of any field of the formula's table for the current row (stored column, or the
   *  expression of a Lookup/Rollup/Links/Formula field); provided by the computed-field module. */
  fieldSql(field: FieldModel): RawBuilder<unknown>;
  fieldById(id: string): FieldModel | undefined;
}

const storageOf = {
  number: 'real',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
} as const;

/** Formula fields being compiled right now (a cycle in a damaged schema must not recurse forever). */
const compiling = new Set<string>();

/** The result type a Formula field's values have (its `meta.result_type`; text when missing). */
export function formulaResultType(field: Pick<FieldModel, 'meta'>): FormulaType {
  const type = field.meta.result_type;
  return isFormulaType(type) ? type : 'text';
}

/** The formula of a Formula field, checked against the fields the context knows; undefined when it no longer checks. */
export function checkedFormulaOf(
  field: FieldModel,
  fieldById: (id: string) => FieldModel | undefined,
): CheckedFormula | undefined {
  const stored = field.meta.formula;
  if (typeof stored !== 'string') return undefined;
  try {
    return checkFormula(parseFormula(stored), (ref) => {
      const target = fieldById(ref);
      return target ? formulaFieldInfo(target, fieldById) : undefined;
    });
  } catch (error) {
    if (error instanceof FormulaError) return undefined;
    throw error;
  }
}

/**
 * The SQL expression of a Formula field's value for the current row, of its result type
 * (docs/formulas.md). A formula that no longer checks against the table (which saving
 * fields prevents) gives NULL rather than an error.
 */
export function formulaSql(field: FieldModel, context: FormulaSqlContext): RawBuilder<unknown> {
  const { dialect } = context;
  const resultType = formulaResultType(field);
  const blank = sql`cast(null as ${sql.raw(dialect.columnType(storageOf[resultType]))})`;
  if (compiling.has(field.id)) return blank;
  const checked = checkedFormulaOf(field, context.fieldById);
  if (!checked || checked.type !== resultType) return blank;
  compiling.add(field.id);
  const fields = new Map<string, { sql: RawBuilder<unknown>; simple: boolean }>();
  try {
    return compileFormula(checked.tree, {
      dialect,
      aliasPrefix: `formula_${field.id}`,
      field(fieldId) {
        let known = fields.get(fieldId);
        if (!known) {
          known = referenceSql(fieldId, context);
          fields.set(fieldId, known);
        }
        return known;
      },
    });
  } finally {
    compiling.delete(field.id);
  }
}

/** A referenced field's SQL value in its formula type, and whether it is a plain column. */
function referenceSql(
  fieldId: string,
  context: FormulaSqlContext,
): { sql: RawBuilder<unknown>; simple: boolean } {
  const { dialect } = context;
  const target = context.fieldById(fieldId);
  if (!target) throw new TypeError(`Field '${fieldId}' of a checked formula is gone`);
  const value = context.fieldSql(target);
  const info = formulaFieldInfo(target, context.fieldById);
  const simple = getFieldType(target.uidt).virtual !== true;
  switch (info.source) {
    case 'number':
      return { sql: sql`cast(${value} as ${sql.raw(dialect.columnType('real'))})`, simple };
    case 'text':
      return { sql: dialect.castToText(value), simple };
    case 'list':
      return { sql: dialect.formula.listToText(value), simple: false };
    default:
      return { sql: value, simple };
  }
}
