import type { FormulaValueType } from './formula-types.ts';

/**
 * What an argument must be. `number` takes numbers, checkboxes (1/0) and BLANK(); `text` takes
 * anything (numbers, dates and checkboxes are written as text); `truth` takes anything (see
 * docs/formulas.md: 0, '' and blank are false); `date` takes dates, date-times and BLANK();
 * `any` takes anything as it is.
 */
export type FormulaParamKind = 'number' | 'text' | 'truth' | 'date' | 'any';

/** An argument that must be a text literal naming one of a fixed set of choices (a unit). */
export interface FormulaOption {
  /** Index of the argument. */
  readonly index: number;
  /** What the choice is, for messages: `unit`, `first day of the week`. */
  readonly what: string;
  /** Accepted spellings (matched case-insensitively unless listed in `exact`) → normalised choice. */
  readonly values: Readonly<Record<string, string>>;
  /** Spellings matched exactly, before the case-insensitive ones (`M` months vs `m` minutes). */
  readonly exact?: Readonly<Record<string, string>>;
  /** The choice when the argument is left out. */
  readonly fallback?: string;
}

export type FormulaCategory = 'numeric' | 'text' | 'logical' | 'date' | 'operator';

export interface FormulaFunction {
  readonly name: string;
  readonly category: FormulaCategory;
  /** How it is written, for docs and messages: `ROUND(number, [places])`. */
  readonly syntax: string;
  readonly description: string;
  readonly minArgs: number;
  /** `Infinity` for functions taking any number of arguments. */
  readonly maxArgs: number;
  /** Kind of each argument; the last one repeats for variadic functions. */
  readonly params: readonly FormulaParamKind[];
  /** Result type; `custom` ones are decided by the checker (IF, SWITCH, DATEADD, comparisons). */
  readonly result: FormulaValueType | 'custom';
  readonly option?: FormulaOption;
  /** An operator's internal name cannot be called by name (`ADD(1, 2)` is an unknown function). */
  readonly operator?: string;
}

const plural = (names: readonly string[]): Record<string, string> =>
  Object.fromEntries(names.flatMap((name) => [[name, name] as const, [`${name}s`, name] as const]));

const dateAddUnits = plural(['day', 'week', 'month', 'year', 'hour', 'minute', 'second']);

/** DATETIME_DIFF units (NocoDB's list): long names, plurals and the short moment.js letters. */
const diffUnits = {
  ...plural(['millisecond', 'second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year']),
  ms: 'millisecond',
  s: 'second',
  h: 'hour',
  d: 'day',
  w: 'week',
  q: 'quarter',
  y: 'year',
};

const weekDays = Object.fromEntries(
  ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'].map((d) => [d, d]),
);

function fn(
  name: string,
  category: FormulaCategory,
  syntax: string,
  params: readonly FormulaParamKind[],
  result: FormulaFunction['result'],
  description: string,
  arity: { min?: number; max?: number; option?: FormulaOption; operator?: string } = {},
): FormulaFunction {
  return Object.freeze({
    name,
    category,
    syntax,
    description,
    minArgs: arity.min ?? params.length,
    maxArgs: arity.max ?? params.length,
    params: Object.freeze([...params]),
    result,
    ...(arity.option ? { option: arity.option } : {}),
    ...(arity.operator ? { operator: arity.operator } : {}),
  });
}

const variadic = { min: 1, max: Number.POSITIVE_INFINITY };

const list: readonly FormulaFunction[] = [
  // Numeric
  fn('ABS', 'numeric', 'ABS(number)', ['number'], 'number', 'Absolute value.'),
  fn('CEILING', 'numeric', 'CEILING(number)', ['number'], 'number', 'Smallest whole number not below it.'),
  fn('FLOOR', 'numeric', 'FLOOR(number)', ['number'], 'number', 'Largest whole number not above it.'),
  fn('INT', 'numeric', 'INT(number)', ['number'], 'number', 'Rounds down to a whole number (like FLOOR).'),
  fn(
    'ROUND',
    'numeric',
    'ROUND(number, [places])',
    ['number', 'number'],
    'number',
    'Rounds half away from zero to `places` decimals (default 0; negative rounds to tens, hundreds…).',
    { min: 1 },
  ),
  fn(
    'ROUNDUP',
    'numeric',
    'ROUNDUP(number, [places])',
    ['number', 'number'],
    'number',
    'Rounds away from zero.',
    { min: 1 },
  ),
  fn(
    'ROUNDDOWN',
    'numeric',
    'ROUNDDOWN(number, [places])',
    ['number', 'number'],
    'number',
    'Rounds toward zero.',
    { min: 1 },
  ),
  fn(
    'MOD',
    'numeric',
    'MOD(number, divisor)',
    ['number', 'number'],
    'number',
    'Remainder of the division, with the sign of `number`; blank when the divisor is 0.',
  ),
  fn(
    'POWER',
    'numeric',
    'POWER(base, exponent)',
    ['number', 'number'],
    'number',
    'Base raised to the exponent; blank when the result is not a real number.',
  ),
  fn('SQRT', 'numeric', 'SQRT(number)', ['number'], 'number', 'Square root; blank for negative numbers.'),
  fn('EXP', 'numeric', 'EXP(number)', ['number'], 'number', 'e raised to the number.'),
  fn(
    'LOG',
    'numeric',
    'LOG(number, [base])',
    ['number', 'number'],
    'number',
    'Logarithm (base 10 unless given); blank for numbers ≤ 0.',
    { min: 1 },
  ),
  fn(
    'MIN',
    'numeric',
    'MIN(number, …)',
    ['number'],
    'number',
    'Smallest of the non-blank numbers.',
    variadic,
  ),
  fn('MAX', 'numeric', 'MAX(number, …)', ['number'], 'number', 'Largest of the non-blank numbers.', variadic),
  fn('SUM', 'numeric', 'SUM(number, …)', ['number'], 'number', 'Sum; blank numbers count as 0.', variadic),
  fn('AVG', 'numeric', 'AVG(number, …)', ['number'], 'number', 'Average of the non-blank numbers.', variadic),
  fn(
    'VALUE',
    'numeric',
    'VALUE(text)',
    ['text'],
    'number',
    "The number written in the text (`'-12.5'`), or blank when it is not a plain number.",
  ),
  // Text
  fn(
    'CONCAT',
    'text',
    'CONCAT(text, …)',
    ['text'],
    'text',
    'Joins texts; blank parts are left out. Same as `&`.',
    variadic,
  ),
  fn('LEN', 'text', 'LEN(text)', ['text'], 'number', 'Number of characters.'),
  fn('LOWER', 'text', 'LOWER(text)', ['text'], 'text', 'Lower case (letters A–Z).'),
  fn('UPPER', 'text', 'UPPER(text)', ['text'], 'text', 'Upper case (letters a–z).'),
  fn('TRIM', 'text', 'TRIM(text)', ['text'], 'text', 'Removes leading and trailing spaces.'),
  fn('LEFT', 'text', 'LEFT(text, count)', ['text', 'number'], 'text', 'The first `count` characters.'),
  fn('RIGHT', 'text', 'RIGHT(text, count)', ['text', 'number'], 'text', 'The last `count` characters.'),
  fn(
    'MID',
    'text',
    'MID(text, start, count)',
    ['text', 'number', 'number'],
    'text',
    '`count` characters from position `start` (the first character is 1).',
  ),
  fn(
    'SUBSTITUTE',
    'text',
    'SUBSTITUTE(text, search, replacement)',
    ['text', 'text', 'text'],
    'text',
    'Replaces every occurrence of `search`.',
  ),
  fn(
    'SEARCH',
    'text',
    'SEARCH(text, search)',
    ['text', 'text'],
    'number',
    'Position of the first occurrence of `search` in `text` (case-sensitive), 0 when absent.',
  ),
  fn(
    'REPT',
    'text',
    'REPT(text, count)',
    ['text', 'number'],
    'text',
    'The text repeated `count` times (at most 10,000; more gives blank).',
  ),
  // Logical
  fn(
    'IF',
    'logical',
    'IF(condition, then, [else])',
    ['truth', 'any', 'any'],
    'custom',
    '`then` when the condition holds, else `else` (blank when left out).',
    { min: 2 },
  ),
  fn(
    'SWITCH',
    'logical',
    'SWITCH(value, pattern, result, …, [default])',
    ['any'],
    'custom',
    'The result of the first pattern equal to the value, else the default (blank when left out).',
    { min: 3, max: Number.POSITIVE_INFINITY },
  ),
  fn(
    'AND',
    'logical',
    'AND(condition, …)',
    ['truth'],
    'boolean',
    'True when every condition holds.',
    variadic,
  ),
  fn('OR', 'logical', 'OR(condition, …)', ['truth'], 'boolean', 'True when any condition holds.', variadic),
  fn('NOT', 'logical', 'NOT(condition)', ['truth'], 'boolean', 'True when the condition does not hold.'),
  fn('TRUE', 'logical', 'TRUE()', [], 'boolean', 'The value true (also written `TRUE`).'),
  fn('FALSE', 'logical', 'FALSE()', [], 'boolean', 'The value false (also written `FALSE`).'),
  fn('BLANK', 'logical', 'BLANK()', [], 'blank', 'An empty value.'),
  fn('ISBLANK', 'logical', 'ISBLANK(value)', ['any'], 'boolean', "True for an empty value (blank or '')."),
  fn('ISNOTBLANK', 'logical', 'ISNOTBLANK(value)', ['any'], 'boolean', 'True for a non-empty value.'),
  // Date
  fn('NOW', 'date', 'NOW()', [], 'datetime', 'The current date and time (UTC, whole seconds).'),
  fn('TODAY', 'date', 'TODAY()', [], 'date', 'The current date (UTC).'),
  fn(
    'DATE',
    'date',
    'DATE(year, month, day)',
    ['number', 'number', 'number'],
    'date',
    'A date from its parts; months and days beyond their range carry over (`DATE(2024, 13, 1)` is 2025-01-01).',
  ),
  fn(
    'DATEADD',
    'date',
    "DATEADD(date, count, 'unit')",
    ['date', 'number', 'text'],
    'custom',
    'Shifts a date by whole units: day, week, month, year (a date stays a date), hour, minute, second (gives a date-time). Month ends are kept: Jan 31 + 1 month is Feb 29 in a leap year.',
    { option: { index: 2, what: 'unit', values: dateAddUnits } },
  ),
  fn(
    'DATETIME_DIFF',
    'date',
    "DATETIME_DIFF(date1, date2, ['unit'])",
    ['date', 'date', 'text'],
    'number',
    '`date1 − date2` in whole units (toward zero): milliseconds, seconds (default), minutes, hours, days, weeks, months, quarters, years.',
    {
      min: 2,
      option: {
        index: 2,
        what: 'unit',
        values: diffUnits,
        exact: { M: 'month', m: 'minute', Q: 'quarter' },
        fallback: 'second',
      },
    },
  ),
  fn(
    'WEEKDAY',
    'date',
    "WEEKDAY(date, ['first day'])",
    ['date', 'text'],
    'number',
    'Day of the week from 0, counting from Monday unless another first day is named.',
    { min: 1, option: { index: 1, what: 'first day of the week', values: weekDays, fallback: 'monday' } },
  ),
  fn('DATESTR', 'date', 'DATESTR(date)', ['date'], 'text', "The date as text 'YYYY-MM-DD'."),
  fn('YEAR', 'date', 'YEAR(date)', ['date'], 'number', 'The year.'),
  fn('MONTH', 'date', 'MONTH(date)', ['date'], 'number', 'The month, 1–12.'),
  fn('DAY', 'date', 'DAY(date)', ['date'], 'number', 'The day of the month, 1–31.'),
  fn('HOUR', 'date', 'HOUR(date)', ['date'], 'number', 'The hour, 0–23 (UTC; 0 for a date).'),
  fn('MINUTE', 'date', 'MINUTE(date)', ['date'], 'number', 'The minute, 0–59.'),
  fn('SECOND', 'date', 'SECOND(date)', ['date'], 'number', 'The second, 0–59.'),
  // Operators, named for the compiler; not callable by name.
  fn('ADD', 'operator', 'a + b', ['number', 'number'], 'number', 'Addition.', { operator: '+' }),
  fn('SUBTRACT', 'operator', 'a - b', ['number', 'number'], 'number', 'Subtraction.', { operator: '-' }),
  fn('MULTIPLY', 'operator', 'a * b', ['number', 'number'], 'number', 'Multiplication.', { operator: '*' }),
  fn('DIVIDE', 'operator', 'a / b', ['number', 'number'], 'number', 'Division; blank when b is 0.', {
    operator: '/',
  }),
  fn('NEGATE', 'operator', '-a', ['number'], 'number', 'Negation.', { operator: '-' }),
  fn('EQ', 'operator', 'a = b', ['any', 'any'], 'custom', 'Equal (also `==`).', { operator: '=' }),
  fn('NEQ', 'operator', 'a != b', ['any', 'any'], 'custom', 'Not equal (also `<>`).', { operator: '!=' }),
  fn('LT', 'operator', 'a < b', ['any', 'any'], 'custom', 'Less than.', { operator: '<' }),
  fn('LTE', 'operator', 'a <= b', ['any', 'any'], 'custom', 'Less than or equal.', { operator: '<=' }),
  fn('GT', 'operator', 'a > b', ['any', 'any'], 'custom', 'Greater than.', { operator: '>' }),
  fn('GTE', 'operator', 'a >= b', ['any', 'any'], 'custom', 'Greater than or equal.', { operator: '>=' }),
];

/** The function catalogue by upper-case name (operators included under their internal names). */
export const formulaFunctions: ReadonlyMap<string, FormulaFunction> = new Map(list.map((f) => [f.name, f]));

/** Functions a formula may call by name, in catalogue order (for docs and clients). */
export const callableFormulaFunctions: readonly FormulaFunction[] = Object.freeze(
  list.filter((f) => f.operator === undefined),
);
