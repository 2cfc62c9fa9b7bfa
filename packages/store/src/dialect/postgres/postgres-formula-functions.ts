import { type RawBuilder, sql } from 'kysely';
import type { FormulaDatePart, FormulaDateUnit, FormulaDialect } from '../formula-dialect.ts';

type Sql = RawBuilder<unknown>;

const UPPER_ASCII = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const LOWER_ASCII = 'abcdefghijklmnopqrstuvwxyz';

/** `make_interval` argument per DATEADD unit; hours, minutes and seconds go in as (real) seconds. */
function interval(count: Sql, unit: FormulaDateUnit): Sql {
  switch (unit) {
    case 'hour':
      return sql`make_interval(secs => ${count}::float8 * 3600)`;
    case 'minute':
      return sql`make_interval(secs => ${count}::float8 * 60)`;
    case 'second':
      return sql`make_interval(secs => ${count}::float8)`;
    default:
      return sql`make_interval(${sql.raw(`${unit}s`)} => ${count})`;
  }
}

const partNames: Readonly<Record<FormulaDatePart, string>> = {
  year: 'year',
  month: 'month',
  day: 'day',
  hour: 'hour',
  minute: 'minute',
  second: 'second',
  dow: 'dow',
};

function numberToText(x: Sql): Sql {
  return sql`(case when ${x} is null then null
    when abs(${x}) >= 9.2e18 then ${x}::numeric::text
    when ${x} = trunc(${x}) or abs(${x}) >= 1e15 then trunc(case when abs(${x}) < 9.2e18 then ${x} end)::bigint::text
    when abs(${x}) < 1e-4 then rtrim(rtrim(round(${x}::numeric, 15)::text, '0'), '.')
    else ${x}::numeric::text end)`;
}

/**
 * PostgreSQL's formula functions. Functions that raise errors on some inputs (casts,
 * make_date, intervals) only ever see inputs made safe first: a guard turns a bad input into
 * NULL *before* the call, since the planner may evaluate a CASE branch on constants early.
 */
export const postgresFormulaFunctions: FormulaDialect = {
  numberToText,
  dateToText: (x) => sql`to_char(${x}, 'YYYY-MM-DD')`,
  datetimeToText: (x) => sql`(to_char(${x} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS') || '+00:00')`,
  dateToDatetime: (x) => sql`(${x}::timestamp at time zone 'UTC')`,
  datetimeToDate: (x) => sql`(${x} at time zone 'UTC')::date`,
  booleanToNumber: (x) => sql`(${x})::int::float8`,
  toInteger: (x) => sql`trunc(${x})::integer`,
  lower: (x) => sql`translate(${x}, ${sql.lit(UPPER_ASCII)}, ${sql.lit(LOWER_ASCII)})`,
  upper: (x) => sql`translate(${x}, ${sql.lit(LOWER_ASCII)}, ${sql.lit(UPPER_ASCII)})`,
  right: (text, count) => sql`right(${text}, ${count})`,
  position: (haystack, needle) => sql`strpos(${haystack}, ${needle})`,
  repeat: (text, count) => sql`repeat(${text}, ${count})`,
  least: (values) => sql`least(${sql.join(values)})`,
  greatest: (values) => sql`greatest(${sql.join(values)})`,
  nullSafeEquals: (left, right) => sql`(${left} is not distinct from ${right})`,
  binaryText: (x) => sql`(${x} collate "C")`,
  parseNumber: (text) =>
    sql`(case when length(${text}) <= 300 and ${text} ~ ${sql.lit('^[+-]?([0-9]+[.]?[0-9]*|[.][0-9]+)$')} then ${text} end)::float8`,
  now: () => sql`date_trunc('second', statement_timestamp())`,
  today: () => sql`(statement_timestamp() at time zone 'UTC')::date`,
  dateAdd: (value, count, unit, kind) =>
    kind === 'date'
      ? sql`(${value} + ${interval(count, unit)})::date`
      : sql`(${value} + ${interval(count, unit)})`,
  epochSeconds: (value) => sql`extract(epoch from ${value})::float8`,
  datePart: (value, part, kind) => {
    // extract() takes no time parts from a date; as a timestamp it is midnight.
    const instant = kind === 'date' ? sql`${value}::timestamp` : value;
    return part === 'second'
      ? sql`floor(extract(second from ${instant}))::integer`
      : sql`extract(${sql.raw(partNames[part])} from ${instant})::integer`;
  },
  makeDate: (year, month, day) =>
    sql`(make_date(${year}, 1, 1) + make_interval(months => ${month} - 1, days => ${day} - 1))::date`,
  sharedValueFence: sql`offset 0`,
  listToText: (list) => sql`(select string_agg(case json_typeof(element)
      when 'number' then ${numberToText(sql`(element #>> '{}')::float8`)}
      else element #>> '{}' end, ', ' order by position)
    from json_array_elements((${list})::json) with ordinality as list_items(element, position))`,
};
