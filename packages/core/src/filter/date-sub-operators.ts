import { filterError } from './filter-error.ts';

/**
 * Date sub-operators: the value of a condition on a Date / DateTime / CreatedTime /
 * LastModifiedTime field is `subop[,operand]` (`today`, `daysAgo,7`, `exactDate,2024-01-31`).
 * Relative days are computed from the caller's `now` in UTC and resolved to concrete days.
 * Sub-operator names match case-insensitively. A bare `YYYY-MM-DD` without sub-operator is
 * taken as `exactDate` (NocoDB rejects it).
 */

/** Sub-operators naming one day; usable with every operator except isWithin. */
export const dateSubOperators = [
  'today',
  'tomorrow',
  'yesterday',
  'oneWeekAgo',
  'oneWeekFromNow',
  'oneMonthAgo',
  'oneMonthFromNow',
  'daysAgo',
  'daysFromNow',
  'exactDate',
] as const;

/** Sub-operators naming a span of days; usable with isWithin only. */
export const withinSubOperators = [
  'pastWeek',
  'pastMonth',
  'pastYear',
  'nextWeek',
  'nextMonth',
  'nextYear',
  'pastNumberOfDays',
  'nextNumberOfDays',
] as const;

export type DateSubOperator = (typeof dateSubOperators)[number];
export type WithinSubOperator = (typeof withinSubOperators)[number];

/** Largest day count `daysAgo` & co. accept (about 270 years). */
export const MAX_FILTER_DAY_COUNT = 100_000;

/** A resolved date operand: NULL (sub-op `null`), one day, or an inclusive span of days (`YYYY-MM-DD`). */
export type ResolvedDate =
  | { readonly kind: 'null' }
  | { readonly kind: 'day'; readonly day: string }
  | { readonly kind: 'span'; readonly first: string; readonly last: string };

const byLowerName = new Map<string, DateSubOperator | WithinSubOperator | 'null'>(
  [...dateSubOperators, ...withinSubOperators, 'null' as const].map((name) => [name.toLowerCase(), name]),
);

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** `YYYY-MM-DD` that names a real calendar day, or null. */
export function parseCalendarDate(text: string): string | null {
  const match = datePattern.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  date.setUTCFullYear(year);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day)
    return null;
  return text;
}

/** The UTC day of an instant, `YYYY-MM-DD`. */
export function utcDay(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid date');
  return now.toISOString().slice(0, 10);
}

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

function fromDate(date: Date): string {
  const year = date.getUTCFullYear();
  if (!(year >= 1 && year <= 9999)) throw filterError('The date is out of range (years 0001 to 9999).');
  return date.toISOString().slice(0, 10);
}

export function addDays(day: string, days: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + days);
  return fromDate(date);
}

/** Calendar months later (negative: earlier); the day is clamped to the month's last day (Mar 31 − 1 month = Feb 28/29). */
export function addMonths(day: string, months: number): string {
  const date = toDate(day);
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay));
  return fromDate(target);
}

export interface DateOperandContext {
  /** Current instant; its UTC day is "today". */
  readonly now: Date;
  /** The operator is isWithin (only span sub-operators), or another one (only day sub-operators). */
  readonly within: boolean;
  /** Field title and operator for messages. */
  readonly fieldTitle: string;
  readonly op: string;
}

/** Resolves `subop[,operand]` to NULL, a day or a span of days; throws ERR_INVALID_FILTER. */
export function resolveDateOperand(value: string, context: DateOperandContext): ResolvedDate {
  const comma = value.indexOf(',');
  const subText = (comma < 0 ? value : value.slice(0, comma)).trim();
  const operand = comma < 0 ? null : value.slice(comma + 1).trim();
  const where = `(field '${context.fieldTitle}', operator '${context.op}')`;
  const bare = operand === null ? parseCalendarDate(subText) : null;
  if (bare !== null && !context.within) return { kind: 'day', day: bare };
  const name = bare !== null ? 'exactDate' : byLowerName.get(subText.toLowerCase());
  if (name === undefined) {
    throw filterError(
      subText === ''
        ? `Missing date sub-operator ${where}.`
        : `'${subText}' is not a date sub-operator ${where}; use e.g. today, daysAgo,7 or exactDate,2024-01-31.`,
    );
  }
  if (name === 'null') {
    if (operand !== null && operand !== '') throw filterError(`Sub-operator 'null' takes no value ${where}.`);
    return { kind: 'null' };
  }
  const isWithinName = (withinSubOperators as readonly string[]).includes(name);
  if (isWithinName !== context.within) {
    throw filterError(
      context.within
        ? `Sub-operator '${name}' cannot be used with isWithin ${where}; use pastWeek, pastMonth, pastYear, nextWeek, nextMonth, nextYear, pastNumberOfDays or nextNumberOfDays.`
        : `Sub-operator '${name}' can only be used with isWithin ${where}.`,
    );
  }
  const today = utcDay(context.now);
  const needsCount =
    name === 'daysAgo' ||
    name === 'daysFromNow' ||
    name === 'pastNumberOfDays' ||
    name === 'nextNumberOfDays';
  const count = (): number => {
    if (operand === null || !/^\d+$/.test(operand) || Number(operand) > MAX_FILTER_DAY_COUNT) {
      throw filterError(
        `Sub-operator '${name}' needs a whole number of days between 0 and ${MAX_FILTER_DAY_COUNT} ${where}; got ${operand === null ? 'nothing' : `'${operand}'`}.`,
      );
    }
    return Number(operand);
  };
  if (!needsCount && name !== 'exactDate' && operand !== null && operand !== '') {
    throw filterError(`Sub-operator '${name}' takes no value ${where}; got '${operand}'.`);
  }
  const day = (text: string): ResolvedDate => ({ kind: 'day', day: text });
  const span = (first: string, last: string): ResolvedDate => ({ kind: 'span', first, last });
  switch (name) {
    case 'today':
      return day(today);
    case 'tomorrow':
      return day(addDays(today, 1));
    case 'yesterday':
      return day(addDays(today, -1));
    case 'oneWeekAgo':
      return day(addDays(today, -7));
    case 'oneWeekFromNow':
      return day(addDays(today, 7));
    case 'oneMonthAgo':
      return day(addMonths(today, -1));
    case 'oneMonthFromNow':
      return day(addMonths(today, 1));
    case 'daysAgo':
      return day(addDays(today, -count()));
    case 'daysFromNow':
      return day(addDays(today, count()));
    case 'exactDate': {
      const exact = operand === null ? null : parseCalendarDate(operand);
      if (exact === null) {
        throw filterError(
          `Sub-operator 'exactDate' needs a date YYYY-MM-DD ${where}; got ${operand === null ? 'nothing' : `'${operand}'`}.`,
        );
      }
      return day(exact);
    }
    case 'pastWeek':
      return span(addDays(today, -7), today);
    case 'pastMonth':
      return span(addMonths(today, -1), today);
    case 'pastYear':
      return span(addMonths(today, -12), today);
    case 'nextWeek':
      return span(today, addDays(today, 7));
    case 'nextMonth':
      return span(today, addMonths(today, 1));
    case 'nextYear':
      return span(today, addMonths(today, 12));
    case 'pastNumberOfDays':
      return span(addDays(today, -count()), today);
    case 'nextNumberOfDays':
      return span(today, addDays(today, count()));
  }
}
