import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formulaTestTable, testField } from './formula-test-table.ts';

const columns = [
  testField('c_x', 'X', 'Decimal'),
  testField('c_n', 'N', 'Number'),
  testField('c_d', 'D', 'Date'),
  testField('c_t', 'T', 'DateTime'),
  testField('c_s', 'S', 'SingleLineText'),
];

const pad = (n: number) => String(n).padStart(2, '0');
const day = (offset: number) => new Date(Date.UTC(2000, 0, 1) + offset * 86_400_000);

/** The same random rows for both databases (fixed seed): numbers of every scale, dates, text. */
const rows = fc
  .sample(
    fc.tuple(
      fc.oneof(
        fc.integer({ min: -1_000_000, max: 1_000_000 }),
        fc.integer({ min: -10_000_000, max: 10_000_000 }).map((n) => n / 1000),
        // PostgreSQL refuses float results that underflow to 0 (from numbers below ~1e-300).
        fc
          .double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true })
          .filter((v) => v === 0 || Math.abs(v) > 1e-200),
        fc.double({ min: 1e-9, max: 1e-3, noNaN: true }),
        // Up to 1e15 with a short binary fraction: exact 16-digit decimals, where rounding ties.
        fc
          .tuple(
            fc.integer({ min: 0, max: 2 ** 29 }),
            fc.integer({ min: 0, max: 2 ** 20 }),
            fc.integer({ min: 0, max: 63 }),
          )
          .map(
            ([high, low, sixtyFourths]) => (high * 2 ** 20 + low + sixtyFourths / 64) * (low % 2 ? -1 : 1),
          ),
        fc.constantFrom(0.5, -0.5, 1.005, 2.675, 0.1 + 0.2, 1e15 - 0.5, 123456789.12345679),
      ),
      fc.integer({ min: -40, max: 40 }),
      fc.integer({ min: -20_000, max: 20_000 }),
      fc.integer({ min: 0, max: 86_399 }),
      fc.string({ maxLength: 12 }),
    ),
    { numRuns: 250, seed: Number(process.env.FORMULA_SEED ?? 20_240_229) },
  )
  .map(([x, n, offset, seconds, s]) => {
    const d = day(offset);
    const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
    const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
    return [x, n, date, `${date} ${time}+00:00`, s.replaceAll('\u0000', '')] as const;
  });

const formulas = [
  'CONCAT({X})',
  'CONCAT({X} / 3)',
  'CONCAT({X} * {N})',
  'ROUND({X})',
  'ROUND({X}, 2)',
  'ROUND({X}, -2)',
  'ROUNDUP({X}, 1)',
  'ROUNDDOWN({X}, 3)',
  'CEILING({X})',
  'FLOOR({X} / 7)',
  'MOD({X}, 7)',
  'MOD({N}, 3)',
  'SQRT({X})',
  'LOG({X})',
  'POWER({X}, {N})',
  'EXP({N})',
  'VALUE(CONCAT({X}))',
  'MIN({X}, {N}) + MAX({X}, {N})',
  'AVG({X}, {N}, BLANK())',
  '{X} > {N}',
  'DATEADD({D}, {N}, "month")',
  'DATEADD({D}, {N}, "year")',
  'DATEADD({D}, {N} * 1000, "day")',
  'DATEADD({T}, {N} * 1000, "minute")',
  'DATEADD({D}, {N}, "hour")',
  'DATETIME_DIFF({T}, DATE(2000, 1, 31), "months")',
  'DATETIME_DIFF({D}, {T}, "hours")',
  'DATETIME_DIFF({T}, DATE(2000, 1, 1), "quarter")',
  'WEEKDAY({T}, "friday")',
  'DATESTR({T}) & " " & HOUR({T}) & ":" & MINUTE({T}) & ":" & SECOND({T})',
  'DATE(2000, {N}, {N} * 7)',
  'LEFT({S}, {N}) & "|" & RIGHT({S}, {N}) & "|" & MID({S}, {N}, 3)',
  'LEN({S}) & UPPER({S}) & LOWER({S})',
  'SEARCH({S}, "a") & SUBSTITUTE({S}, "a", "-")',
  'REPT({S}, {N})',
  '{S} < "m"',
  'TRIM({S})',
];

describe('formula values are identical on SQLite and PostgreSQL', () => {
  let sqlite: Awaited<ReturnType<typeof formulaTestTable>>;
  let postgres: Awaited<ReturnType<typeof formulaTestTable>>;

  beforeAll(async () => {
    [sqlite, postgres] = await Promise.all([
      formulaTestTable('sqlite', columns, rows),
      formulaTestTable('postgres', columns, rows),
    ]);
  });
  afterAll(async () => {
    await sqlite?.close();
    await postgres?.close();
  });

  it.each(formulas)('%s', async (formula) => {
    const [a, b] = await Promise.all([sqlite.values(formula), postgres.values(formula)]);
    expect(a).toHaveLength(rows.length);
    expect(a.filter((v) => v !== null).length).toBeGreaterThan(0);
    const differ = rows.flatMap((row, i) => (Object.is(a[i], b[i]) ? [] : [[row, a[i], b[i]]]));
    expect(differ).toStrictEqual([]);
  });

  it('prints numbers with 15 significant digits, as JavaScript does but for exact ties (to even)', async () => {
    const printed = await sqlite.values('CONCAT({X})');
    let checked = 0;
    rows.forEach(([x], index) => {
      if (Math.abs(x) < 1e-4 || Math.abs(x) >= 1e15) return;
      const sixteen = x.toPrecision(16);
      const decimals = sixteen.split('.')[1]?.length ?? 0;
      const tie = sixteen.endsWith('5') && Number.isInteger(x * 2 ** decimals) && decimals > 0;
      const expected = Number.isInteger(x) ? String(x) : String(Number(x.toPrecision(15)));
      if (!tie) {
        checked++;
        expect(printed[index], String(x)).toBe(expected);
      }
    });
    expect(checked).toBeGreaterThan(rows.length / 2);
  });
});
