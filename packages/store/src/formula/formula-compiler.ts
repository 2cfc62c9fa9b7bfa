import {
  type FormulaType,
  type FormulaValueType,
  MAX_REPT_COUNT,
  type StorageKind,
  type TypedFormula,
} from '@tessera/core';
import { type RawBuilder, sql } from 'kysely';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import type { FormulaDateKind, FormulaDatePart, FormulaDateUnit } from '../dialect/formula-dialect.ts';

type Sql = RawBuilder<unknown>;

/** What the compiler needs from its caller: the SQL of each referenced field. */
export interface FormulaCompileContext {
  readonly dialect: DialectAdapter;
  /**
   * The SQL value of a referenced field in its formula type (see FormulaFieldSource), and
   * whether it is a plain column (cheap to repeat) rather than a computed expression.
   */
  field(fieldId: string): { readonly sql: Sql; readonly simple: boolean };
  /** Prefix for the aliases of shared subexpressions; unique per formula field. */
  readonly aliasPrefix: string;
}

const storageOf: Readonly<Record<FormulaType, StorageKind>> = {
  number: 'real',
  text: 'text',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
};

/** Largest |count| DATEADD accepts per unit (about 10,000 years); beyond it the result is blank. */
const dateAddLimits: Readonly<Record<FormulaDateUnit, number>> = {
  day: 3_660_000,
  week: 522_000,
  month: 120_000,
  year: 10_000,
  hour: 87_840_000,
  minute: 5_270_400_000,
  second: 316_224_000_000,
};

const diffSeconds: Readonly<Record<string, number>> = {
  second: 1,
  minute: 60,
  hour: 3600,
  day: 86_400,
  week: 604_800,
};

const weekDayIndex: Readonly<Record<string, number>> = {
  sunday: 0,
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
};

/** Text positions and counts are clamped to this before becoming integers. */
const MAX_TEXT_POSITION = 100_000_000;

const datePartFunctions: Readonly<Record<string, FormulaDatePart>> = {
  YEAR: 'year',
  MONTH: 'month',
  DAY: 'day',
  HOUR: 'hour',
  MINUTE: 'minute',
  SECOND: 'second',
};

const arithmetic: Readonly<Record<string, string>> = { ADD: '+', SUBTRACT: '-', MULTIPLY: '*' };
const orderings: Readonly<Record<string, string>> = { LT: '<', LTE: '<=', GT: '>', GTE: '>=' };

/**
 * Type-checked formula tree → one SQL expression (Kysely RawBuilder). Literals are bound
 * parameters with an explicit type; everything that differs between SQLite and PostgreSQL
 * comes from `dialect.formula`. The expression never raises an error for any row: inputs a
 * function cannot take become NULL first (division by zero, SQRT of a negative, …).
 */
export function compileFormula(tree: TypedFormula, context: FormulaCompileContext): Sql {
  const { dialect } = context;
  const f = dialect.formula;
  let aliases = 0;

  const typeName = (type: FormulaType) => sql.raw(dialect.columnType(storageOf[type]));
  const real = (x: Sql): Sql => sql`cast(${x} as ${typeName('number')})`;
  const literal = (value: unknown, type: FormulaType): Sql =>
    sql`cast(${sql.val(value)} as ${typeName(type)})`;
  const typedNull = (type: FormulaType): Sql => sql`cast(null as ${typeName(type)})`;
  const number = (value: number): Sql => sql.lit(value);

  /**
   * Uses a value several times without computing it several times: a plain column or literal
   * is repeated, anything else is computed once in a subquery and read through an alias.
   */
  const shareSql = (value: Sql, simple: boolean, use: (v: Sql) => Sql): Sql => {
    if (simple) return use(value);
    const alias = `${context.aliasPrefix}_${aliases++}`;
    return sql`(select ${use(sql.ref(`${alias}.v`))} from (select ${value} as v ${f.sharedValueFence}) as ${sql.id(alias)})`;
  };
  const isSimple = (node: TypedFormula): boolean =>
    node.kind === 'number' ||
    node.kind === 'text' ||
    node.kind === 'boolean' ||
    node.kind === 'blank' ||
    (node.kind === 'field' && context.field(node.fieldId).simple);
  const share = (node: TypedFormula, use: (v: Sql) => Sql): Sql =>
    shareSql(compile(node), isSimple(node), use);

  /** A whole number within ±limit as an integer (the dialect's), for positions, counts and date parts. */
  const clampedInteger = (x: Sql, low: number, high: number): Sql =>
    f.toInteger(
      sql`(case when ${x} < ${number(low)} then ${number(low)} when ${x} > ${number(high)} then ${number(high)} else ${x} end)`,
    );

  /** Blank outside the years 0001–9999 that dates and date-times are kept in. */
  const inYearRange = (value: Sql, kind: FormulaDateKind): Sql => {
    const [low, high] =
      kind === 'date'
        ? ['0001-01-01', '9999-12-31']
        : ['0001-01-01 00:00:00+00:00', '9999-12-31 23:59:59+00:00'];
    return shareSql(
      value,
      false,
      (v) => sql`(case when ${v} between ${literal(low, kind)} and ${literal(high, kind)} then ${v} end)`,
    );
  };

  const toText = (x: Sql, from: FormulaValueType): Sql => {
    switch (from) {
      case 'number':
        return f.numberToText(x);
      case 'boolean':
        return sql`(case when ${x} then 'true' when not ${x} then 'false' end)`;
      case 'date':
        return f.dateToText(x);
      case 'datetime':
        return f.datetimeToText(x);
      default:
        return x;
    }
  };

  /** Two-valued truth of a value: non-zero numbers, non-empty text and any date are true; blank is false. */
  const truth = (x: Sql, from: FormulaValueType): Sql => {
    switch (from) {
      case 'number':
        return sql`coalesce(${x} <> 0, false)`;
      case 'text':
        return sql`coalesce(${x} <> '', false)`;
      case 'date':
      case 'datetime':
        return sql`(${x} is not null)`;
      case 'blank':
        return sql`false`;
      default:
        return sql`coalesce(${x}, false)`;
    }
  };

  const convert = (node: Extract<TypedFormula, { kind: 'convert' }>): Sql => {
    const { from, type } = node;
    if (from === 'blank') return typedNull(type);
    if (type === 'boolean') return truth(compile(node.arg), from);
    if (type === 'text') {
      if (from === 'number' || from === 'boolean') return share(node.arg, (v) => toText(v, from));
      return toText(compile(node.arg), from);
    }
    if (type === 'number' && from === 'boolean') return f.booleanToNumber(compile(node.arg));
    if (type === 'datetime' && from === 'date') return f.dateToDatetime(compile(node.arg));
    if (type === 'date' && from === 'datetime') return f.datetimeToDate(compile(node.arg));
    throw new TypeError(`No conversion from ${from} to ${type}`);
  };

  const isBlank = (node: TypedFormula, negated: boolean): Sql => {
    if (node.type === 'blank') return negated ? sql`false` : sql`true`;
    if (node.type !== 'text')
      return negated ? sql`(${compile(node)} is not null)` : sql`(${compile(node)} is null)`;
    return share(node, (v) =>
      negated ? sql`(${v} is not null and ${v} <> '')` : sql`(${v} is null or ${v} = '')`,
    );
  };

  const comparison = (fn: string, left: TypedFormula, right: TypedFormula): Sql => {
    const a = compile(left);
    const b = compile(right);
    const type = left.type;
    if (fn === 'EQ' || fn === 'NEQ') {
      const op = sql.raw(fn === 'EQ' ? '=' : '<>');
      if (type === 'text') return sql`(coalesce(${a}, '') ${op} coalesce(${b}, ''))`;
      if (type === 'boolean') return sql`(coalesce(${a}, false) ${op} coalesce(${b}, false))`;
      const equal = f.nullSafeEquals(a, b);
      return fn === 'EQ' ? equal : sql`(not ${equal})`;
    }
    const op = sql.raw(orderings[fn]!);
    if (type === 'text') return sql`(${f.binaryText(a)} ${op} ${f.binaryText(b)})`;
    return sql`(${a} ${op} ${b})`;
  };

  /** 10^places for ROUND and friends (places a whole number from −15 to 15). */
  const scale = (places: TypedFormula | undefined): Sql | undefined =>
    places === undefined
      ? undefined
      : share(places, (n) => sql`power(${literal(10, 'number')}, ${clampedInteger(n, -15, 15)})`);

  /**
   * Rounding in plain floating point, which both databases compute bit for bit alike: a
   * value within 1e-15 (relative) of the next boundary counts as on it, so the decimal a
   * number was written as decides (`ROUND(1.005, 2)` is 1.01 although 1.005 is stored as
   * 1.00499999999999989…). Whole numbers from 2^52 on are left as they are.
   */
  const nudge = (y: Sql): Sql =>
    sql`(case when abs(${y}) > 1e-290 and abs(${y}) < 1e15 then abs(${y}) * 1e-15 else 0 end)`;
  const roundings: Readonly<Record<string, (y: Sql) => Sql>> = {
    ROUND: (y) => sql`(sign(${y}) * floor(abs(${y}) + 0.5 + ${nudge(y)}))`,
    ROUNDUP: (y) => sql`(sign(${y}) * ceil(abs(${y}) - ${nudge(y)}))`,
    ROUNDDOWN: (y) => sql`(sign(${y}) * floor(abs(${y}) + ${nudge(y)}))`,
  };
  const whole = (y: Sql, round: (y: Sql) => Sql): Sql =>
    sql`(case when abs(${y}) >= 4503599627370496 then ${y} else ${round(y)} end)`;

  const rounding = (node: Extract<TypedFormula, { kind: 'call' }>): Sql => {
    const [value, places] = node.args;
    const round = roundings[node.fn]!;
    const p = scale(places);
    if (p === undefined) return share(value!, (v) => whole(v, round));
    return shareSql(p, isSimple(places!), (pv) =>
      shareSql(sql`(${compile(value!)} * ${pv})`, false, (y) => sql`(${whole(y, round)} / ${pv})`),
    );
  };

  const dateDiff = (node: Extract<TypedFormula, { kind: 'call' }>): Sql => {
    const [left, right] = node.args as [TypedFormula, TypedFormula];
    const unit = node.option ?? 'second';
    const kindOf = (n: TypedFormula): FormulaDateKind => (n.type === 'date' ? 'date' : 'datetime');
    const seconds = diffSeconds[unit];
    if (seconds !== undefined || unit === 'millisecond') {
      const delta = sql`(${f.epochSeconds(compile(left), kindOf(left))} - ${f.epochSeconds(compile(right), kindOf(right))})`;
      return unit === 'millisecond' ? sql`(${delta} * 1000)` : sql`trunc(${delta} / ${number(seconds!)})`;
    }
    return share(left, (a) =>
      share(right, (b) => {
        const part = (v: Sql, n: TypedFormula, p: FormulaDatePart) => f.datePart(v, p, kindOf(n));
        const monthIndex = (v: Sql, n: TypedFormula) =>
          sql`(${part(v, n, 'year')} * 12 + ${part(v, n, 'month')})`;
        const rest = (v: Sql, n: TypedFormula) =>
          sql`(${part(v, n, 'day')} * 86400 + ${part(v, n, 'hour')} * 3600 + ${part(v, n, 'minute')} * 60 + ${part(v, n, 'second')})`;
        const months = shareSql(sql`(${monthIndex(a, left)} - ${monthIndex(b, right)})`, false, (m) =>
          shareSql(
            sql`(${rest(a, left)} - ${rest(b, right)})`,
            false,
            (r) =>
              sql`(case when ${m} > 0 and ${r} < 0 then ${m} - 1 when ${m} < 0 and ${r} > 0 then ${m} + 1 else ${m} end)`,
          ),
        );
        if (unit === 'month') return real(months);
        return real(sql`(${months} / ${number(unit === 'quarter' ? 3 : 12)})`);
      }),
    );
  };

  const dateAdd = (node: Extract<TypedFormula, { kind: 'call' }>): Sql => {
    const [value, amount] = node.args as [TypedFormula, TypedFormula];
    const unit = node.option as FormulaDateUnit;
    const kind: FormulaDateKind = node.type === 'date' ? 'date' : 'datetime';
    const limit = dateAddLimits[unit];
    return share(amount, (n) =>
      inYearRange(
        sql`(case when abs(${n}) <= ${number(limit)} then ${f.dateAdd(compile(value), clampedInteger(n, -limit, limit), unit, kind)} end)`,
        kind,
      ),
    );
  };

  const makeDate = (args: readonly TypedFormula[]): Sql => {
    const [year, month, day] = args as [TypedFormula, TypedFormula, TypedFormula];
    return share(year, (y) =>
      share(month, (m) =>
        share(day, (d) =>
          inYearRange(
            sql`(case when ${y} >= 1 and ${y} < 10000 and abs(${m}) <= 120000 and abs(${d}) <= 3660000 then ${f.makeDate(
              clampedInteger(y, 1, 9999),
              clampedInteger(m, -120_000, 120_000),
              clampedInteger(d, -3_660_000, 3_660_000),
            )} end)`,
            'date',
          ),
        ),
      ),
    );
  };

  const callSql = (node: Extract<TypedFormula, { kind: 'call' }>): Sql => {
    const args = node.args;
    const arg = (index: number): Sql => compile(args[index]!);
    const all = (): Sql[] => args.map(compile);
    /** A text position or count argument as an integer from `low` up. */
    const textCount = (index: number, low: number, use: (count: Sql) => Sql) =>
      share(args[index]!, (n) => use(clampedInteger(n, low, MAX_TEXT_POSITION)));
    const kindOf = (index: number): FormulaDateKind => (args[index]!.type === 'date' ? 'date' : 'datetime');
    const op = arithmetic[node.fn];
    if (op !== undefined) return sql`(${arg(0)} ${sql.raw(op)} ${arg(1)})`;
    if (orderings[node.fn] !== undefined || node.fn === 'EQ' || node.fn === 'NEQ')
      return comparison(node.fn, args[0]!, args[1]!);
    const part = datePartFunctions[node.fn];
    if (part !== undefined) return real(f.datePart(arg(0), part, kindOf(0)));
    switch (node.fn) {
      case 'DIVIDE':
        return sql`(${arg(0)} / nullif(${arg(1)}, 0))`;
      case 'NEGATE':
        return sql`(- ${arg(0)})`;
      case 'ABS':
        return sql`abs(${arg(0)})`;
      case 'CEILING':
        return share(args[0]!, (v) => sql`ceil(${v} - ${nudge(v)})`);
      case 'FLOOR':
      case 'INT':
        return share(args[0]!, (v) => sql`floor(${v} + ${nudge(v)})`);
      case 'ROUND':
      case 'ROUNDUP':
      case 'ROUNDDOWN':
        return rounding(node);
      case 'MOD':
        return share(args[0]!, (a) =>
          share(args[1]!, (b) => sql`(${a} - ${b} * trunc(${a} / nullif(${b}, 0)))`),
        );
      case 'POWER':
        return share(args[0]!, (a) =>
          share(args[1]!, (b) => {
            // Real and within about 1e±304; the bound is a division, since a product could overflow.
            const fits = sql`((${a} = 0 and ${b} >= 0) or ((${a} > 0 or ${b} = trunc(${b})) and (abs(${a}) = 1 or abs(${b}) < 700 / nullif(abs(ln(nullif(abs(${a}), 0))), 0))))`;
            return sql`power(case when ${fits} then ${a} end, case when ${fits} then ${b} end)`;
          }),
        );
      case 'SQRT':
        return share(args[0]!, (x) => sql`sqrt(case when ${x} >= 0 then ${x} end)`);
      case 'EXP':
        return share(args[0]!, (x) => sql`exp(case when abs(${x}) < 700 then ${x} end)`);
      case 'LOG': {
        if (args.length === 1) return share(args[0]!, (x) => sql`log10(case when ${x} > 0 then ${x} end)`);
        const ln = (x: Sql) => sql`ln(case when ${x} > 0 then ${x} end)`;
        return sql`(${share(args[0]!, ln)} / nullif(${share(args[1]!, ln)}, 0))`;
      }
      case 'MIN':
        return f.least(all());
      case 'MAX':
        return f.greatest(all());
      case 'SUM':
        return sql`(${sql.join(
          all().map((x) => sql`coalesce(${x}, ${literal(0, 'number')})`),
          sql` + `,
        )})`;
      case 'AVG': {
        const total = sql.join(
          all().map((x) => sql`coalesce(${x}, ${literal(0, 'number')})`),
          sql` + `,
        );
        const count = sql.join(
          all().map((x) => sql`(case when ${x} is null then 0 else 1 end)`),
          sql` + `,
        );
        return sql`((${total}) / nullif(${count}, 0))`;
      }
      case 'VALUE':
        return shareSql(sql`trim(${arg(0)})`, false, (t) => f.parseNumber(t));
      case 'CONCAT':
        return sql`(${sql.join(
          all().map((x) => sql`coalesce(${x}, '')`),
          sql` || `,
        )})`;
      case 'LEN':
        return real(sql`length(${arg(0)})`);
      case 'LOWER':
        return f.lower(arg(0));
      case 'UPPER':
        return f.upper(arg(0));
      case 'TRIM':
        return sql`trim(${arg(0)})`;
      case 'LEFT':
        return textCount(1, 0, (n) => sql`substr(${arg(0)}, 1, ${n})`);
      case 'RIGHT':
        return textCount(1, 0, (n) => f.right(arg(0), n));
      case 'MID':
        return textCount(1, 1, (start) => textCount(2, 0, (n) => sql`substr(${arg(0)}, ${start}, ${n})`));
      case 'SUBSTITUTE':
        return sql`replace(${arg(0)}, ${arg(1)}, ${arg(2)})`;
      case 'SEARCH':
        return real(f.position(arg(0), arg(1)));
      case 'REPT':
        return share(args[1]!, (n) =>
          f.repeat(
            arg(0),
            f.toInteger(
              sql`(case when ${n} < 0 then 0 when ${n} <= ${number(MAX_REPT_COUNT)} then ${n} end)`,
            ),
          ),
        );
      case 'IF':
        return args.length === 3
          ? sql`(case when ${arg(0)} then ${arg(1)} else ${arg(2)} end)`
          : sql`(case when ${arg(0)} then ${arg(1)} end)`;
      case 'SWITCH': {
        const [value, ...rest] = all();
        const pairs: Sql[] = [];
        for (let i = 0; i + 1 < rest.length; i += 2) pairs.push(sql`when ${rest[i]} then ${rest[i + 1]}`);
        const fallback = rest.length % 2 === 1 ? sql` else ${rest.at(-1)}` : sql``;
        return sql`(case ${value} ${sql.join(pairs, sql` `)}${fallback} end)`;
      }
      case 'AND':
      case 'OR':
        return sql`(${sql.join(
          all().map((x) => sql`coalesce(${x}, false)`),
          sql.raw(` ${node.fn.toLowerCase()} `),
        )})`;
      case 'NOT':
        return sql`(not coalesce(${arg(0)}, false))`;
      case 'TRUE':
        return sql`true`;
      case 'FALSE':
        return sql`false`;
      case 'ISBLANK':
        return isBlank(args[0]!, false);
      case 'ISNOTBLANK':
        return isBlank(args[0]!, true);
      case 'NOW':
        return f.now();
      case 'TODAY':
        return f.today();
      case 'DATE':
        return makeDate(args);
      case 'DATEADD':
        return dateAdd(node);
      case 'DATETIME_DIFF':
        return real(dateDiff(node));
      case 'WEEKDAY': {
        const first = weekDayIndex[node.option ?? 'monday'] ?? 1;
        return real(sql`((${f.datePart(arg(0), 'dow', kindOf(0))} + ${number(7 - first)}) % 7)`);
      }
      case 'DATESTR':
        return f.dateToText(args[0]!.type === 'date' ? arg(0) : f.datetimeToDate(arg(0)));
      default:
        throw new TypeError(`Formula function ${node.fn} has no SQL`);
    }
  };

  const compile = (node: TypedFormula): Sql => {
    switch (node.kind) {
      case 'number':
        return literal(node.value, 'number');
      case 'text':
        return literal(node.value, 'text');
      case 'boolean':
        return node.value ? sql`true` : sql`false`;
      case 'blank':
        return sql`null`;
      case 'field':
        return context.field(node.fieldId).sql;
      case 'convert':
        return convert(node);
      case 'call':
        return callSql(node);
    }
  };

  const out = compile(tree);
  return tree.type === 'number' ? real(out) : out;
}
