import type { FieldInputContext } from '../field-type.ts';
import { describeValue, invalid, isBlank, nonCanonical } from './values.ts';

/**
 * Date and time parsing shared by Date, DateTime, Time, CreatedTime and LastModifiedTime.
 * Canonical forms: date 'YYYY-MM-DD'; datetime 'YYYY-MM-DD HH:mm:ss+00:00' (UTC, whole
 * seconds); time 'HH:mm:ss'. Years 0001–9999.
 */

/** ISO 8601 / RFC 3339 date, optionally followed by a time ('T' or space) and a zone. */
const DATE_TIME_TEXT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)?)?$/;
/** 24-hour time of day, seconds and fraction optional. */
const TIME_TEXT = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
/** 12-hour time of day ("2:30 PM", "2pm", "11:05:09 a.m."); typecast only. */
const TIME_12H_TEXT = /^(\d{1,2})(?::(\d{2})(?::(\d{2}))?)?\s*([AaPp])\.?\s*[Mm]\.?$/;

const MIN_YEAR = 1;
const MAX_YEAR = 9999;

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function checkCalendarDate(year: number, month: number, day: number, text: string): void {
  if (year < MIN_YEAR || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month))
    invalid(`${describeValue(text)} is not a valid calendar date`);
}

function checkTimeOfDay(hours: number, minutes: number, seconds: number, text: string): void {
  if (hours > 23 || minutes > 59 || seconds > 59)
    invalid(`${describeValue(text)} is not a valid time of day`);
}

/** Milliseconds since the epoch for UTC wall-clock parts (no two-digit-year surprise). */
function utcMillis(year: number, month: number, day: number, hours = 0, minutes = 0, seconds = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hours, minutes, seconds, 0);
  return date.getTime();
}

/** A parsed instant (whole seconds) and whether the text carried only a date. */
export interface ParsedInstant {
  readonly millis: number;
  readonly dateOnly: boolean;
}

/**
 * Reads ISO 8601 date or date-time text ('2024-01-31', '2024-01-31T13:45', '2024-01-31
 * 13:45:10.5+02:00', …). No zone means UTC; fractions of a second are dropped. Returns
 * undefined when the text has another shape; throws InvalidFieldValue for impossible parts.
 */
export function parseIsoInstant(text: string): ParsedInstant | undefined {
  const match = DATE_TIME_TEXT.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s, , sign, offsetHours, offsetMinutes] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  checkCalendarDate(year, month, day, text);
  if (h === undefined) return { millis: utcMillis(year, month, day), dateOnly: true };
  const hours = Number(h);
  const minutes = Number(mi);
  const seconds = Number(s ?? 0);
  checkTimeOfDay(hours, minutes, seconds, text);
  let offset = 0;
  if (sign !== undefined) {
    const oh = Number(offsetHours);
    const om = Number(offsetMinutes ?? 0);
    if (oh > 23 || om > 59) invalid(`${describeValue(text)} has an invalid UTC offset`);
    offset = (sign === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return { millis: utcMillis(year, month, day, hours, minutes, seconds) - offset * 60_000, dateOnly: false };
}

function inYearRange(millis: number): boolean {
  if (!Number.isFinite(millis)) return false;
  const year = new Date(millis).getUTCFullYear();
  return year >= MIN_YEAR && year <= MAX_YEAR;
}

/** 'YYYY-MM-DD HH:mm:ss+00:00' for an instant, or undefined outside years 0001–9999. */
export function formatUtcDateTime(millis: number): string | undefined {
  if (!inYearRange(millis)) return undefined;
  const date = new Date(Math.floor(millis / 1000) * 1000);
  return `${formatUtcDate(date.getTime())} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}+00:00`;
}

/** 'YYYY-MM-DD' (the UTC date) for an instant, or undefined outside years 0001–9999. */
export function formatUtcDate(millis: number): string | undefined {
  if (!inYearRange(millis)) return undefined;
  const date = new Date(millis);
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

function outOfRange(value: unknown): never {
  return invalid(`${describeValue(value)} is outside the supported years 0001 to 9999`);
}

/**
 * A client value → canonical UTC datetime text or null. ISO 8601 text (see parseIsoInstant;
 * a bare date is midnight UTC); with typecast also epoch milliseconds (number or digit string).
 */
export function parseDateTimeInput(value: unknown, context: FieldInputContext): string | null {
  if (isBlank(value)) return null;
  const millis = instantMillis(value, context);
  if (millis === undefined)
    return invalid(
      `Expected a date-time in ISO 8601 form (e.g. "2024-01-31T13:45:00Z" or "2024-01-31 13:45:00+00:00"), got ${describeValue(value)}`,
    );
  return formatUtcDateTime(millis) ?? outOfRange(value);
}

/** Epoch ms of an ISO string, or (typecast) of an epoch-ms number / digit string; undefined if neither. */
function instantMillis(value: unknown, context: FieldInputContext): number | undefined {
  if (typeof value === 'string') {
    const text = value.trim();
    const parsed = parseIsoInstant(text);
    if (parsed) return parsed.millis;
    if (context.typecast && /^-?\d{1,16}$/.test(text)) return Number(text);
    return undefined;
  }
  if (typeof value === 'number' && context.typecast && Number.isFinite(value)) return value;
  return undefined;
}

/**
 * A client value → canonical 'YYYY-MM-DD' or null. 'YYYY-MM-DD', or ISO date-time text (its
 * UTC date). With typecast also the field's numeric `date_format` ("31/01/2024" for
 * DD/MM/YYYY) and epoch milliseconds.
 */
export function parseDateInput(
  value: unknown,
  context: FieldInputContext,
  dateFormat: string,
): string | null {
  if (isBlank(value)) return null;
  if (typeof value === 'string' && context.typecast) {
    const text = value.trim();
    const parts = parseWithDateFormat(text, dateFormat);
    if (parts) {
      checkCalendarDate(parts.year, parts.month, parts.day, text);
      return `${pad(parts.year, 4)}-${pad(parts.month)}-${pad(parts.day)}`;
    }
  }
  const millis = instantMillis(value, context);
  if (millis === undefined)
    return invalid(`Expected a date as YYYY-MM-DD (or an ISO 8601 date-time), got ${describeValue(value)}`);
  return formatUtcDate(millis) ?? outOfRange(value);
}

/**
 * Reads text written in a NocoDB `date_format` made of YYYY, MM and DD with '-', '/', '.' or
 * space between them. Undefined when the format is another kind or the text does not match.
 */
export function parseWithDateFormat(
  text: string,
  format: string,
): { year: number; month: number; day: number } | undefined {
  const pieces = format.split(/(YYYY|MM|DD)/);
  const order: string[] = [];
  let pattern = '^';
  for (const piece of pieces) {
    if (piece === 'YYYY') pattern += '(\\d{4})';
    else if (piece === 'MM' || piece === 'DD') pattern += '(\\d{1,2})';
    else if (/^[-/. ]*$/.test(piece)) {
      pattern += piece.replace(/[.]/g, '\\.');
      continue;
    } else return undefined;
    order.push(piece);
  }
  if (order.length !== 3 || new Set(order).size !== 3) return undefined;
  const match = new RegExp(`${pattern}$`).exec(text);
  if (!match) return undefined;
  const part = (token: string): number => Number(match[order.indexOf(token) + 1]);
  return { year: part('YYYY'), month: part('MM'), day: part('DD') };
}

/**
 * A client value → canonical 'HH:mm:ss' or null. 'H:mm', 'HH:mm', 'HH:mm:ss' (fractions
 * dropped); with typecast also 12-hour text ("2:30 PM") and ISO date-times (their UTC time).
 */
export function parseTimeInput(value: unknown, context: FieldInputContext): string | null {
  if (isBlank(value)) return null;
  if (typeof value === 'string') {
    const text = value.trim();
    const parsed = parseTimeText(text, context.typecast);
    if (parsed !== undefined) return parsed;
    if (context.typecast) {
      const instant = parseIsoInstant(text);
      if (instant && !instant.dateOnly)
        return formatUtcDateTime(instant.millis)?.slice(11, 19) ?? outOfRange(value);
    }
  }
  return invalid(`Expected a time as HH:mm or HH:mm:ss, got ${describeValue(value)}`);
}

/** 24-hour (and with `twelveHour`, 12-hour) time text → 'HH:mm:ss'; undefined for other shapes. */
export function parseTimeText(text: string, twelveHour: boolean): string | undefined {
  const match = TIME_TEXT.exec(text);
  if (match) {
    const [, h, m, s] = match;
    const hours = Number(h);
    const minutes = Number(m);
    const seconds = Number(s ?? 0);
    checkTimeOfDay(hours, minutes, seconds, text);
    return `${pad(hours)}:${pad(minutes)}:${pad(seconds)}`;
  }
  const twelve = twelveHour ? TIME_12H_TEXT.exec(text) : null;
  if (!twelve) return undefined;
  const [, h, m, s, half] = twelve;
  const hours = Number(h);
  const minutes = Number(m ?? 0);
  const seconds = Number(s ?? 0);
  if (hours < 1 || hours > 12) invalid(`${describeValue(text)} is not a valid time of day`);
  checkTimeOfDay(hours, minutes, seconds, text);
  const pm = half === 'p' || half === 'P';
  return `${pad((hours % 12) + (pm ? 12 : 0))}:${pad(minutes)}:${pad(seconds)}`;
}

/** A stored datetime (canonical text, other ISO text, Date, epoch ms) → canonical text; undefined if unreadable. */
/** Already canonical UTC text, as the store hands it back: `2026-01-31 09:30:00+00:00`. */
const CANONICAL_DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01]) ([01]\d|2[0-3]):[0-5]\d:[0-5]\d\+00:00$/;

export function storedDateTime(canonical: unknown): string | undefined {
  // Fast path for the common case: every stored value is read on every list page.
  if (typeof canonical === 'string' && CANONICAL_DATE_TIME.test(canonical)) return canonical;
  if (typeof canonical === 'string') {
    try {
      const parsed = parseIsoInstant(canonical.trim());
      return parsed ? formatUtcDateTime(parsed.millis) : undefined;
    } catch {
      return undefined;
    }
  }
  if (canonical instanceof Date) return formatUtcDateTime(canonical.getTime());
  if (typeof canonical === 'number') return formatUtcDateTime(canonical);
  return undefined;
}

/** toApiValue of every datetime-stored type: canonical text in both API versions. */
export function dateTimeToApi(canonical: unknown, typeName: string): string | null {
  if (canonical === null || canonical === undefined) return null;
  const text = storedDateTime(canonical);
  if (text === undefined) throw nonCanonical(typeName, canonical);
  return text;
}
