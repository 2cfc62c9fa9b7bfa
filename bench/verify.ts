import type { Check } from './results.ts';

/** Facts about the table read straight from the database, to hold the API answers against. */
export interface Expectation {
  readonly total: number;
  /** Every listed row must satisfy this; returns a complaint, or undefined. */
  readonly rowProblem?: (rows: readonly Record<string, unknown>[]) => string | undefined;
}

/** Checks one list answer: 200, `pageInfo.totalRows` exact (when counted), page size, rows. */
export function checkListAnswer(
  server: Check['server'],
  name: string,
  status: number,
  body: unknown,
  expected: Expectation,
  countRequired: boolean,
): Check {
  const fail = (detail: string): Check => ({ server, name, ok: false, detail });
  if (status !== 200) return fail(`status ${status}: ${JSON.stringify(body).slice(0, 400)}`);
  if (typeof body !== 'object' || body === null) return fail('answer is not an object');
  const { list, pageInfo } = body as { list?: unknown; pageInfo?: { totalRows?: unknown } };
  if (!Array.isArray(list)) return fail('answer has no `list` array');
  const rows = list as Record<string, unknown>[];
  const wantLength = Math.min(25, expected.total);
  if (rows.length !== wantLength) return fail(`list has ${rows.length} rows, expected ${wantLength}`);
  if (countRequired) {
    const totalRows = pageInfo?.totalRows;
    if (totalRows !== expected.total) {
      return fail(`pageInfo.totalRows = ${JSON.stringify(totalRows)}, direct COUNT(*) = ${expected.total}`);
    }
  }
  const problem = expected.rowProblem?.(rows);
  if (problem) return fail(problem);
  return {
    server,
    name,
    ok: true,
    detail: countRequired ? `totalRows ${expected.total} matches COUNT(*)` : `${rows.length} rows`,
  };
}

export function allEqual(key: string, value: unknown) {
  return (rows: readonly Record<string, unknown>[]): string | undefined => {
    const bad = rows.find((row) => row[key] !== value);
    return bad
      ? `row with ${key} = ${JSON.stringify(bad[key])}, expected ${JSON.stringify(value)}`
      : undefined;
  };
}

export function descendingFrom(key: string, max: number) {
  return (rows: readonly Record<string, unknown>[]): string | undefined => {
    const values = rows.map((row) => Number(row[key]));
    if (values[0] !== max) return `first ${key} is ${values[0]}, direct MAX = ${max}`;
    for (let i = 1; i < values.length; i++) {
      if ((values[i] ?? 0) > (values[i - 1] ?? 0)) return `${key} not descending at row ${i}`;
    }
    return undefined;
  };
}

export function startsAtPk(key: string, firstPk: number) {
  return (rows: readonly Record<string, unknown>[]): string | undefined => {
    const first = Number(rows[0]?.[key]);
    return first === firstPk ? undefined : `first row ${key} = ${first}, expected the smallest PK ${firstPk}`;
  };
}
