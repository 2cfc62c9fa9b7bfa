import { callableFormulaFunctions, MAX_FORMULA_DEPTH } from '@tessera/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../../../../test/support/test-databases.ts';
import { MAX_FORMULA_CHAIN } from '../../src/formula/formula-field-spec.ts';
import { formulaTestTable, testField } from './formula-test-table.ts';

const columns = [
  testField('c_name', 'Name', 'SingleLineText'),
  testField('c_qty', 'Qty', 'Number'),
  testField('c_price', 'Price', 'Decimal'),
  testField('c_done', 'Done', 'Checkbox'),
  testField('c_due', 'Due', 'Date'),
  testField('c_at', 'At', 'DateTime'),
  testField('c_tm', 'Tm', 'Time'),
  testField('c_tags', 'Tags', 'MultiSelect'),
  testField('c_mail', 'Mail', 'Email'),
];

/** Rows 1–3 in column order: a full row, an empty row, and edge values. */
const rows = [
  ['Ann', 5, 12.5, true, '2024-01-31', '2024-03-15 08:30:45+00:00', '09:15:00', 'a,b', 'ann@x.io'],
  [null, null, null, null, null, null, null, null, null],
  ['  Bob Smith ', 0, -2.75, false, '2024-02-29', '2023-12-31 23:59:59+00:00', '23:00:00', '', ''],
] as const;

/** [formula, API values for rows 1, 2, 3] — one expectation for both databases. */
type Case = readonly [string, readonly unknown[]];
const all = (value: unknown): unknown[] => [value, value, value];

const cases: readonly Case[] = [
  // Arithmetic: blank propagates, division by zero is blank, AND/OR/NOT are two-valued.
  ['{Qty} + 1', [6, null, 1]],
  ['{Qty} - {Price}', [-7.5, null, 2.75]],
  ['{Qty} * {Price}', [62.5, null, 0]],
  ['{Qty} / 2', [2.5, null, 0]],
  ['{Qty} / 0', all(null)],
  ['10 / {Qty}', [2, null, null]],
  ['-{Price}', [-12.5, null, 2.75]],
  ['+{Qty}', [5, null, 0]],
  ['1 + 2 * 3', all(7)],
  ['(1 + 2) * 3', all(9)],
  ['2 - 3 - 4', all(-5)],
  ['8 / 2 / 2', all(2)],
  ['{Done} + 1', [2, null, 1]],
  ['0.1 + 0.2', all(0.30000000000000004)],
  // Comparisons: = is blank-safe (blank = blank), text compares by code point.
  ['{Qty} > 3', [true, null, false]],
  ['{Qty} = 5', [true, false, false]],
  ['{Qty} != 5', [false, true, true]],
  ['{Qty} <> 5', [false, true, true]],
  ['{Qty} == 5', [true, false, false]],
  ['{Name} = "Ann"', [true, false, false]],
  ['{Name} = ""', [false, true, false]],
  ['{Name} < "B"', [true, null, true]],
  ['"a" < "B"', all(false)],
  ['{Price} <= 12.5', [true, null, true]],
  ['{Price} >= 0', [true, null, false]],
  ['{Done} = FALSE()', [false, true, true]],
  ['{Due} < {At}', [true, null, false]],
  ['{Due} = DATE(2024, 1, 31)', [true, false, false]],
  ['{Qty} = BLANK()', [false, true, false]],
  ['{Mail} = BLANK()', [false, true, true]],
  ['{Mail} != BLANK()', [true, false, false]],
  ['{Qty} >= 5 && {Done}', [true, false, false]],
  ['{Qty} > 100 || {Done}', [true, false, false]],
  ['!{Done}', [false, true, true]],
  // Text
  ['CONCAT({Name}, "-", {Qty})', ['Ann-5', '-', '  Bob Smith -0']],
  ['{Name} & " " & {Price}', ['Ann 12.5', ' ', '  Bob Smith  -2.75']],
  ['CONCAT({Done})', ['true', '', 'false']],
  [
    'CONCAT({Due}, " ", {At})',
    ['2024-01-31 2024-03-15 08:30:45+00:00', ' ', '2024-02-29 2023-12-31 23:59:59+00:00'],
  ],
  ['CONCAT({Tm})', ['09:15:00', '', '23:00:00']],
  ['CONCAT(1 / 3)', all('0.333333333333333')],
  ['CONCAT(2 / 3)', all('0.666666666666667')],
  ['CONCAT(100 / 7)', all('14.2857142857143')],
  ['CONCAT(0.1 + 0.2)', all('0.3')],
  ['CONCAT(3.0, "|", -0.5, "|", 1e-7, "|", 1.25e-5)', all('3|-0.5|0.0000001|0.0000125')],
  ['CONCAT(123456789.123456789, "|", 1e15 + 0.5, "|", -42)', all('123456789.123457|1000000000000000|-42')],
  ['CONCAT(ROUND({Price} * 3, 1))', ['37.5', '', '-8.3']],
  // Exact ties at the 16th digit round to even, as C's printf does.
  [
    'CONCAT(123456789012345.5, "|", 12345678901234.25, "|", -12345678901234.75, "|", 100000000000000.5)',
    all('123456789012346|12345678901234.2|-12345678901234.8|100000000000000'),
  ],
  ['LEN({Name})', [3, null, 12]],
  ['LEN(12.5)', all(4)],
  ['LOWER({Name})', ['ann', null, '  bob smith ']],
  ['UPPER("äbC")', all('äBC')],
  ['TRIM({Name})', ['Ann', null, 'Bob Smith']],
  ['LEFT({Name}, 2)', ['An', null, '  ']],
  ['LEFT("abc", -1) & "|" & LEFT("abc", 10) & "|" & LEFT("abc", 1.9)', all('|abc|a')],
  ['RIGHT({Name}, 2)', ['nn', null, 'h ']],
  ['RIGHT("abc", 0) & "|" & RIGHT("abc", 5) & "|" & RIGHT("abc", 1)', all('|abc|c')],
  [
    'MID("abcdef", 2, 3) & "|" & MID("abcdef", 0, 2) & "|" & MID("abcdef", 5, 10) & "|" & MID("abc", 2, -1)',
    all('bcd|ab|ef|'),
  ],
  ['SUBSTITUTE({Tags}, ",", " | ")', ['a | b', null, '']],
  ['SEARCH({Mail}, "@")', [4, null, 0]],
  ['SEARCH("abc", "z")', all(0)],
  ['REPT("ab", 3) & "|" & REPT("x", 0) & "|" & REPT("x", -2)', all('ababab||')],
  ['REPT("x", 10001)', all(null)],
  ['REPT({Name}, 2)', ['AnnAnn', null, '  Bob Smith   Bob Smith ']],
  ['"It\'s" & " \\"q\\""', all('It\'s "q"')],
  ['"x\'); drop table t; --"', all("x'); drop table t; --")],
  // Numeric
  ['ABS({Price})', [12.5, null, 2.75]],
  ['CEILING({Price})', [13, null, -2]],
  ['FLOOR({Price})', [12, null, -3]],
  ['INT(-2.5)', all(-3)],
  ['ROUND(2.5)', all(3)],
  ['ROUND(-2.5)', all(-3)],
  ['ROUND(1.005, 2)', all(1.01)],
  ['ROUND(2.675, 2)', all(2.68)],
  ['ROUND(0.285, 2)', all(0.29)],
  ['ROUND(1234.5678, -2)', all(1200)],
  ['ROUND({Price}, 1)', [12.5, null, -2.8]],
  ['ROUND(2.5, 100)', all(2.5)],
  ['ROUNDUP(1.1 * 100)', all(110)],
  ['ROUNDDOWN(0.29, 2)', all(0.29)],
  ['CEILING(1.1 * 100) + FLOOR(0.29 * 100)', all(139)],
  ['ROUND(4503599627370497)', all(4503599627370497)],
  ['ROUNDUP(2.341, 2)', all(2.35)],
  ['ROUNDUP(-2.341, 2)', all(-2.35)],
  ['ROUNDDOWN(2.349, 2)', all(2.34)],
  ['ROUNDDOWN(-2.349, 2)', all(-2.34)],
  ['MOD(10, 3)', all(1)],
  ['MOD(-7, 3)', all(-1)],
  ['MOD(5.5, 2)', all(1.5)],
  ['MOD(5, 0)', all(null)],
  ['MOD({Qty}, 2)', [1, null, 0]],
  ['POWER(2, 10)', all(1024)],
  ['POWER(-2, 3)', all(-8)],
  ['POWER(-8, 1 / 3)', all(null)],
  ['POWER(0, -1)', all(null)],
  ['POWER(0, 0)', all(1)],
  ['POWER(10, 400)', all(null)],
  ['POWER(1, 1e300)', all(1)],
  ['SQRT(16)', all(4)],
  ['SQRT(-1)', all(null)],
  ['SQRT({Price})', [Math.sqrt(12.5), null, null]],
  ['EXP(0)', all(1)],
  ['EXP(1000)', all(null)],
  ['LOG(1000)', all(3)],
  ['LOG(100, 10)', all(2)],
  ['LOG(0)', all(null)],
  ['LOG(-1, 10)', all(null)],
  ['LOG(8, 1)', all(null)],
  ['MIN(3, {Qty}, 7)', [3, 3, 0]],
  ['MAX({Qty}, {Price})', [12.5, null, 0]],
  ['MIN(BLANK(), 2)', all(2)],
  ['MAX(4)', all(4)],
  ['SUM({Qty}, {Price}, 1)', [18.5, 1, -1.75]],
  ['AVG({Qty}, {Price})', [8.75, null, -1.375]],
  ['VALUE("12.5") + VALUE(" -3 ") + VALUE(".5") + VALUE("+2.")', all(12)],
  ['VALUE("1e3")', all(null)],
  ['VALUE("abc")', all(null)],
  ['VALUE("1.2.3")', all(null)],
  ['VALUE("")', all(null)],
  ['VALUE({Tags})', all(null)],
  ['VALUE(CONCAT({Qty}, "5"))', [55, 5, 5]],
  // Logical
  ['IF({Qty} > 3, "big", "small")', ['big', 'small', 'small']],
  ['IF({Done}, 1)', [1, null, null]],
  ['IF({Name}, "has", "none")', ['has', 'none', 'has']],
  ['IF({Qty}, "yes", "no")', ['yes', 'no', 'no']],
  ['IF({Due}, "dated", "undated")', ['dated', 'undated', 'dated']],
  ['IF({Qty} > 3, {Qty}, "n/a")', ['5', 'n/a', 'n/a']],
  ['IF({Done}, {Due}, {At})', ['2024-01-31 00:00:00+00:00', null, '2023-12-31 23:59:59+00:00']],
  ['IF({Done}, BLANK(), 2)', [null, 2, 2]],
  ['SWITCH({Qty}, 5, "five", 0, "zero", "other")', ['five', 'other', 'zero']],
  ['SWITCH({Name}, "Ann", 1)', [1, null, null]],
  ['SWITCH({Done}, TRUE, "on", FALSE, "off")', ['on', null, 'off']],
  ['AND({Done}, {Qty})', [true, false, false]],
  ['OR({Done}, {Price} < 0)', [true, false, true]],
  ['NOT({Qty})', [false, true, true]],
  ['TRUE()', all(true)],
  ['FALSE', all(false)],
  ['BLANK()', all(null)],
  ['ISBLANK({Name})', [false, true, false]],
  ['ISBLANK({Mail})', [false, true, true]],
  ['ISNOTBLANK({Qty})', [true, false, true]],
  ['ISBLANK({Due})', [false, true, false]],
  ['ISBLANK(BLANK())', all(true)],
  // Dates (UTC); month ends are kept.
  ['DATEADD({Due}, 1, "month")', ['2024-02-29', null, '2024-03-29']],
  ['DATEADD({Due}, -1, "months")', ['2023-12-31', null, '2024-01-29']],
  ['DATEADD({Due}, 1, "year")', ['2025-01-31', null, '2025-02-28']],
  ['DATEADD({Due}, 2, "week")', ['2024-02-14', null, '2024-03-14']],
  ['DATEADD({Due}, 10, "Day")', ['2024-02-10', null, '2024-03-10']],
  ['DATEADD({Due}, 1.9, "day")', ['2024-02-01', null, '2024-03-01']],
  ['DATEADD({Due}, 36, "hour")', ['2024-02-01 12:00:00+00:00', null, '2024-03-01 12:00:00+00:00']],
  ['DATEADD({At}, 90, "minutes")', ['2024-03-15 10:00:45+00:00', null, '2024-01-01 01:29:59+00:00']],
  ['DATEADD({At}, -45, "second")', ['2024-03-15 08:30:00+00:00', null, '2023-12-31 23:59:14+00:00']],
  ['DATEADD({At}, 1, "month")', ['2024-04-15 08:30:45+00:00', null, '2024-01-31 23:59:59+00:00']],
  ['DATEADD({Due}, 100000, "year")', all(null)],
  ['DATEADD(DATE(9999, 12, 31), 1, "day")', all(null)],
  ['DATEADD(DATE(1, 1, 1), -1, "day")', all(null)],
  ['DATETIME_DIFF({At}, {Due})', [3832245, null, -5097601]],
  ['DATETIME_DIFF({At}, {Due}, "days")', [44, null, -59]],
  ['DATETIME_DIFF({At}, {Due}, "h")', [1064, null, -1416]],
  ['DATETIME_DIFF({At}, {Due}, "minutes")', [63870, null, -84960]],
  ['DATETIME_DIFF({At}, {Due}, "ms")', [3832245000, null, -5097601000]],
  ['DATETIME_DIFF({At}, {Due}, "weeks")', [6, null, -8]],
  ['DATETIME_DIFF({At}, {Due}, "M")', [1, null, -1]],
  ['DATETIME_DIFF(DATE(2025, 3, 1), {Due}, "years")', [1, null, 1]],
  ['DATETIME_DIFF(DATE(2025, 3, 1), {Due}, "quarters")', [4, null, 4]],
  ['DATETIME_DIFF({Due}, {Due}, "w")', [0, null, 0]],
  ['WEEKDAY({Due})', [2, null, 3]],
  ['WEEKDAY({Due}, "Sunday")', [3, null, 4]],
  ['WEEKDAY({At})', [4, null, 6]],
  ['DATESTR({At})', ['2024-03-15', null, '2023-12-31']],
  ['DATESTR({Due})', ['2024-01-31', null, '2024-02-29']],
  ['YEAR({At})', [2024, null, 2023]],
  ['MONTH({At})', [3, null, 12]],
  ['DAY({Due})', [31, null, 29]],
  ['HOUR({At})', [8, null, 23]],
  ['MINUTE({At})', [30, null, 59]],
  ['SECOND({At})', [45, null, 59]],
  ['HOUR({Due})', [0, null, 0]],
  ['DATE(2024, 13, 1)', all('2025-01-01')],
  ['DATE(2024, 2, 30)', all('2024-03-01')],
  ['DATE(2024, 3, 0)', all('2024-02-29')],
  ['DATE(2024.9, 1, 1)', all('2024-01-01')],
  ['DATE(0, 1, 1)', all(null)],
  ['DATE({Qty}, 1, 1)', ['0005-01-01', null, null]],
];

describe.each(testDialects)('formula functions on %s', (dialect) => {
  let table: Awaited<ReturnType<typeof formulaTestTable>>;

  beforeAll(async () => {
    table = await formulaTestTable(dialect, columns, rows);
    table.addFormula('Double', '{Qty} * 2');
    table.addFormula('Label', 'IF({Double} > 4, "many", "few")');
  });
  afterAll(async () => table?.close());

  it.each(cases)('%s', async (formula, expected) => {
    expect(await table.values(formula)).toStrictEqual(expected);
  });

  it('covers every function of the catalogue', () => {
    const used = new Set(
      cases.flatMap(([formula]) => [...formula.matchAll(/([A-Z_]+)\(/g)].map((m) => m[1])),
    );
    const missing = callableFormulaFunctions
      .map((f) => f.name)
      .filter((name) => !used.has(name) && name !== 'NOW' && name !== 'TODAY');
    expect(missing).toStrictEqual([]);
  });

  it('reads formulas that refer to formulas', async () => {
    expect(await table.values('{Double} + 1')).toStrictEqual([11, null, 1]);
    expect(await table.values('CONCAT({Label}, ":", {Double})')).toStrictEqual(['many:10', 'few:', 'few:0']);
  });

  it('runs formulas as deep and as chained as the limits allow', async () => {
    const depth = MAX_FORMULA_DEPTH - 2;
    const nested = `${'ABS('.repeat(depth)}{Qty}${')'.repeat(depth)}`;
    expect(await table.values(nested)).toStrictEqual([5, null, 0]);
    let previous = 'Qty';
    for (let level = 0; level <= MAX_FORMULA_CHAIN; level++) {
      const title = `Chain${level}`;
      table.addFormula(
        title,
        `ROUND(VALUE(CONCAT({${previous}})) * 1.5, 2) + DATETIME_DIFF(DATEADD({Due}, MOD(LEN({Name}), 3), "month"), {Due}, "months")`,
      );
      previous = title;
    }
    const values = await table.values(
      `CONCAT({${previous}}, "|", IF({${previous}} > 1, ROUNDUP({${previous}}, 1), 0))`,
    );
    expect(values[1]).toBe('|0');
    expect(values[0]).toMatch(/^\d+(\.\d+)?\|\d+(\.\d)?$/);
  });

  it('gives the current date and time in UTC', async () => {
    const before = Date.now();
    const [now] = await table.values('NOW()', [1]);
    const [today] = await table.values('TODAY()', [1]);
    expect(now).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00:00$/);
    const millis = Date.parse((now as string).replace(' ', 'T'));
    expect(Math.abs(millis - before)).toBeLessThan(5000);
    expect(today).toBe(new Date(millis).toISOString().slice(0, 10));
  });

  it('keeps literals out of the SQL text', () => {
    const field = table.addFormula('Inject', '"\'); drop table t; --" & {Name}');
    const compiled = table.context.fieldSql(field).compile(table.db);
    expect(compiled.sql).not.toContain('drop table');
    expect(compiled.parameters).toContain("'); drop table t; --");
  });
});
