/**
 * Named limits of the formula language. They bound what one formula can cost: parse time,
 * SQL size (a formula referring to formulas is compiled into one expression) and stack depth.
 */

/** Longest formula text, in UTF-16 code units. */
export const MAX_FORMULA_LENGTH = 10_000;

/** Deepest nesting of calls, operators and parentheses. */
export const MAX_FORMULA_DEPTH = 64;

/** Most nodes (literals, references, calls, operators) in one formula. */
export const MAX_FORMULA_NODES = 2_000;

/**
 * Most nodes once every referenced formula is expanded into the formula that uses it (the SQL
 * repeats a referenced formula wherever it is used, so chains of formulas multiply). Planning
 * the SQL of the largest formulas this allows takes PostgreSQL about half a second.
 */
export const MAX_EXPANDED_FORMULA_NODES = 1_000;

/** Most copies REPT makes; more gives an empty result. */
export const MAX_REPT_COUNT = 10_000;
