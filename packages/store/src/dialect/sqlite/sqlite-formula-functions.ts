import { type RawBuilder, sql } from 'kysely';
import type { FormulaDatePart, FormulaDateUnit, FormulaDialect } from '../formula-dialect.ts';

type Sql = RawBuilder<unknown>;

const partFormats: Readonly<Record<FormulaDatePart, string>> = {
  year: '%Y',
  month: '%m',
  day: '%d',
  hour: '%H',
  minute: '%M',
  second: '%S',
  dow: '%w',
};

/** Date modifiers per unit; month and year shifts end with 'floor' so Jan 31 + 1 month stays in February. */
function modifiers(count: Sql, unit: FormulaDateUnit): Sql {
  switch (unit) {
    case 'week':
      return sql`(${count} * 7) || ' days'`;
    case 'month':
    case 'year':
      return sql`${count} || ${sql.lit(` ${unit}s`)}, 'floor'`;
    default:
      return sql`${count} || ${sql.lit(` ${unit}s`)}`;
  }
}

/** Plain decimal (after an optional sign): digits and at most one '.', with at least one digit. */
function plainDecimal(text: Sql): Sql {
  const unsigned = sql`(case when substr(${text}, 1, 1) in ('+', '-') then substr(${text}, 2) else ${text} end)`;
  return sql`(length(${text}) <= 300 and ${unsigned} not glob '*[^0-9.]*' and ${unsigned} not glob '*.*.*' and ${unsigned} glob '*[0-9]*')`;
}

/**
 * SQLite's formula functions. Dates and date-times are canonical text, which the date
 * functions read (the '+00:00' suffix included); the math functions (ceil, trunc, …) are
 * built into the bundled SQLite.
 */
export const sqliteFormulaFunctions: FormulaDialect = {
  // Branches mirror PostgreSQL's float8 → numeric text (15 significant digits, plain notation).
  numberToText: (x) => sql`(case when ${x} is null then null
    when abs(${x}) >= 9.2e18 then printf('%.15g', ${x})
    when ${x} = trunc(${x}) or abs(${x}) >= 1e15 then cast(cast(trunc(${x}) as integer) as text)
    when abs(${x}) >= 999999999999999.5 then (case when ${x} < 0 then '-1000000000000000' else '1000000000000000' end)
    when abs(${x}) < 5e-16 then '0'
    when abs(${x}) < 1e-4 then rtrim(rtrim(printf('%.15f', ${x}), '0'), '.')
    else ${fifteenDigits(x)} end)`,
  dateToText: (x) => x,
  datetimeToText: (x) => x,
  dateToDatetime: (x) => sql`(${x} || ' 00:00:00+00:00')`,
  datetimeToDate: (x) => sql`date(${x})`,
  booleanToNumber: (x) => sql`cast(${x} as real)`,
  toInteger: (x) => sql`cast(${x} as integer)`,
  lower: (x) => sql`lower(${x})`,
  upper: (x) => sql`upper(${x})`,
  right: (text, count) =>
    sql`(case when ${count} > 0 then substr(${text}, -${count}) else substr(${text}, 1, 0) end)`,
  position: (haystack, needle) => sql`instr(${haystack}, ${needle})`,
  repeat: (text, count) =>
    sql`(case when ${count} is null then null else replace(hex(zeroblob(${count})), '00', ${text}) end)`,
  least: (values) => extreme('min', values),
  greatest: (values) => extreme('max', values),
  nullSafeEquals: (left, right) => sql`(${left} is ${right})`,
  binaryText: (x) => x,
  parseNumber: (text) => sql`(case when ${plainDecimal(text)} then cast(${text} as real) end)`,
  now: () => sql`(strftime('%Y-%m-%d %H:%M:%S', 'now') || '+00:00')`,
  today: () => sql`date('now')`,
  dateAdd: (value, count, unit, kind) =>
    kind === 'date'
      ? sql`date(${value}, ${modifiers(count, unit)})`
      : sql`(datetime(${value}, ${modifiers(count, unit)}) || '+00:00')`,
  epochSeconds: (value) => sql`cast(unixepoch(${value}) as real)`,
  datePart: (value, part) => sql`cast(strftime(${sql.lit(partFormats[part])}, ${value}) as integer)`,
  makeDate: (year, month, day) =>
    sql`date(printf('%04d-01-01', ${year}), (${month} - 1) || ' months', (${day} - 1) || ' days')`,
  // SQLite evaluates the subquery once per row as written.
  sharedValueFence: sql``,
  listToText: (list) => sql`(select group_concat(case
      when type in ('integer', 'real') then ${sqliteNumberText(sql.ref('value'))}
      when type = 'true' then 'true' when type = 'false' then 'false'
      else value end, ', ' order by key) from json_each(${list}))`,
};

/**
 * A number (1e-4 ≤ |x| < 1e15) to 15 significant digits, as C's printf rounds: to nearest,
 * and an exact tie (x is exactly a 16-digit decimal ending in 5) to the even digit, where
 * SQLite's own printf would round away from zero. Ties are rare: only numbers whose binary
 * fraction is exactly that 16-digit decimal (123456789012345.5, 12345678901234.25, …).
 */
function fifteenDigits(x: Sql): Sql {
  const s16 = sql`printf('%.16g', ${x})`;
  const fraction = sql`(length(${s16}) - instr(${s16}, '.'))`;
  const tie = sql`(${s16} like '%5' and instr(${s16}, '.') > 0
    and length(ltrim(replace(replace(${s16}, '-', ''), '.', ''), '0')) = 16
    and ${x} * power(2, ${fraction}) = trunc(${x} * power(2, ${fraction})))`;
  const cut = sql`substr(${s16}, 1, length(${s16}) - 1)`;
  const lastKept = sql`(case when ${cut} like '%.' then substr(${cut}, -2, 1) else substr(${cut}, -1, 1) end)`;
  const down = sql`(case when ${cut} like '%.' then substr(${cut}, 1, length(${cut}) - 1) else rtrim(rtrim(${cut}, '0'), '.') end)`;
  return sql`(case when ${tie} and ${lastKept} in ('0', '2', '4', '6', '8') then ${down} else printf('%.15g', ${x}) end)`;
}

function sqliteNumberText(value: Sql): Sql {
  return sqliteFormulaFunctions.numberToText(value);
}

/** SQLite's many-argument min/max is NULL when any argument is; each slot falls back to another value. */
function extreme(name: 'min' | 'max', values: readonly Sql[]): Sql {
  if (values.length === 1) return values[0]!;
  const slots = values.map(
    (value, index) => sql`coalesce(${sql.join([value, ...values.filter((_, i) => i !== index)])})`,
  );
  return sql`${sql.raw(name)}(${sql.join(slots)})`;
}
