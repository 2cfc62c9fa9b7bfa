/**
 * Types of formula values and the type-checked tree the SQL compiler reads. Every node carries
 * its result type; implicit conversions are explicit `convert` nodes, so the compiler never
 * guesses.
 */

/** What a formula (or one of its parts) evaluates to. */
export const formulaTypes = ['number', 'text', 'boolean', 'date', 'datetime'] as const;
export type FormulaType = (typeof formulaTypes)[number];

/** A part's type while checking: `blank` is BLANK(), which fits any type. */
export type FormulaValueType = FormulaType | 'blank';

export function isFormulaType(value: unknown): value is FormulaType {
  return typeof value === 'string' && (formulaTypes as readonly string[]).includes(value);
}

/**
 * How a referenced field's SQL value becomes a formula value:
 * `value` as it is; `number` a number of any SQL type (integer, numeric) the compiler casts to
 * a real; `text` a value (e.g. a time of day) the compiler casts to text; `list` a JSON array
 * (a Lookup) joined with ', ' into text.
 */
export type FormulaFieldSource = 'value' | 'number' | 'text' | 'list';

/** What the type checker knows about a field a formula names. */
export interface FormulaFieldInfo {
  readonly id: string;
  readonly title: string;
  /**
   * Its type in formulas, or why it cannot be used in one (`reason`, e.g. `JSON fields cannot
   * be used in formulas`; or a whole `message`, e.g. for a formula naming its own field).
   */
  readonly type: FormulaType | { readonly unsupported: string; readonly message?: string };
  readonly source: FormulaFieldSource;
}

/** Looks a field up by what a formula writes in `{…}`: title first, then id. */
export type FormulaFieldResolver = (ref: string) => FormulaFieldInfo | undefined;

export type TypedFormula =
  | { readonly kind: 'number'; readonly type: 'number'; readonly value: number }
  | { readonly kind: 'text'; readonly type: 'text'; readonly value: string }
  | { readonly kind: 'boolean'; readonly type: 'boolean'; readonly value: boolean }
  | { readonly kind: 'blank'; readonly type: 'blank' }
  | {
      readonly kind: 'field';
      readonly type: FormulaType;
      readonly fieldId: string;
      readonly source: FormulaFieldSource;
    }
  | {
      readonly kind: 'convert';
      readonly type: FormulaType;
      readonly from: FormulaValueType;
      readonly arg: TypedFormula;
    }
  | {
      readonly kind: 'call';
      readonly type: FormulaValueType;
      /** Catalogue name (operators have names too: ADD, EQ, …). */
      readonly fn: string;
      readonly args: readonly TypedFormula[];
      /** A literal option the function was given, normalised (DATEADD's unit, WEEKDAY's first day). */
      readonly option?: string;
    };

/** The checked formula: its tree, its result type and the ids of the fields it names. */
export interface CheckedFormula {
  readonly tree: TypedFormula;
  readonly type: FormulaType;
  readonly fieldIds: readonly string[];
}
