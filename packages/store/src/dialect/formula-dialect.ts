import type { RawBuilder } from 'kysely';

type Sql = RawBuilder<unknown>;

/** Date parts formulas read; `dow` is the day of the week, Sunday = 0. */
export type FormulaDatePart = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'dow';

/** Units DATEADD shifts by. */
export type FormulaDateUnit = 'day' | 'week' | 'month' | 'year' | 'hour' | 'minute' | 'second';

/** Whether a date value is a calendar date or an instant. */
export type FormulaDateKind = 'date' | 'datetime';

/**
 * The SQL of formula functions that differs between databases; the shared compiler
 * (packages/store/src/formula) builds everything else. Every method returns an expression
 * whose value is identical on both databases for the same inputs, and none may raise an
 * error for any input value (a bad row must give a blank cell, never a failed list):
 * inputs that a function cannot take are turned into NULL before the function sees them.
 *
 * Value representation: numbers are reals (SQLite REAL, PostgreSQL double precision);
 * booleans 0/1 or boolean; dates 'YYYY-MM-DD' text or date; date-times canonical
 * 'YYYY-MM-DD HH:mm:ss+00:00' text or timestamptz (UTC).
 */
export interface FormulaDialect {
  /**
   * A number as text: whole numbers without a decimal point (`3`, not `3.0`), others in plain
   * notation with up to 15 significant digits (`0.1 + 0.2` → `0.3`).
   */
  numberToText(value: Sql): Sql;
  /** A date as 'YYYY-MM-DD'. */
  dateToText(value: Sql): Sql;
  /** A date-time as 'YYYY-MM-DD HH:mm:ss+00:00'. */
  datetimeToText(value: Sql): Sql;
  /** Midnight UTC of a date. */
  dateToDatetime(value: Sql): Sql;
  /** The UTC date of a date-time. */
  datetimeToDate(value: Sql): Sql;
  /** A boolean as 1 or 0 (a real). */
  booleanToNumber(value: Sql): Sql;
  /** Whole-number (truncated) form of a number already clamped to a safe range, for text positions and counts. */
  toInteger(value: Sql): Sql;
  /** ASCII-only case mapping (identical on both databases whatever their locale). */
  lower(text: Sql): Sql;
  upper(text: Sql): Sql;
  /** The last `count` characters (count ≥ 0, an integer). */
  right(text: Sql, count: Sql): Sql;
  /** 1-based position of `needle` in `haystack` (case-sensitive), 0 when absent. */
  position(haystack: Sql, needle: Sql): Sql;
  /** `text` repeated `count` times (count a whole number 0…10,000, or NULL). */
  repeat(text: Sql, count: Sql): Sql;
  /** Smallest / largest of the non-NULL values; NULL when all are NULL. */
  least(values: readonly Sql[]): Sql;
  greatest(values: readonly Sql[]): Sql;
  /** Equality where NULL equals NULL (two-valued). */
  nullSafeEquals(left: Sql, right: Sql): Sql;
  /** Text compared by code point (binary) order, whatever the database's collation. */
  binaryText(text: Sql): Sql;
  /** The number a trimmed text holds when it is a plain decimal (`-12.5`, `.5`, `3.`), else NULL. */
  parseNumber(text: Sql): Sql;
  /** The current instant, whole seconds. */
  now(): Sql;
  /** The current UTC date. */
  today(): Sql;
  /**
   * `value` shifted by `count` units (`count` an integer small enough to stay within years
   * 1…19999). Month and year shifts keep month ends: Jan 31 + 1 month is the last of February.
   * `kind` is the kind of `value` and of the result.
   */
  dateAdd(value: Sql, count: Sql, unit: FormulaDateUnit, kind: FormulaDateKind): Sql;
  /** Seconds since 1970-01-01 UTC (a date counts from its midnight UTC), as a real. */
  epochSeconds(value: Sql, kind: FormulaDateKind): Sql;
  /** One part of a date or date-time (UTC), as an integer. */
  datePart(value: Sql, part: FormulaDatePart, kind: FormulaDateKind): Sql;
  /** The date `year`-01-01 plus `month - 1` months plus `day - 1` days (integers within range). */
  makeDate(year: Sql, month: Sql, day: Sql): Sql;
  /**
   * Ends the one-row subquery the compiler computes a shared value in, so that the planner
   * computes it once instead of copying the expression into every place that reads it
   * (PostgreSQL flattens such subqueries unless they say `offset 0`).
   */
  readonly sharedValueFence: Sql;
  /** A Lookup's JSON array as text: its values joined with ', ' (NULL elements left out). */
  listToText(list: Sql): Sql;
}
