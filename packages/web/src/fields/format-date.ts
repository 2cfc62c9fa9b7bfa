// Dates, date-times, times and durations between the API's formats (docs/field-types.md),
// what people read (the field's display meta) and what native inputs take.

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const pad = (n: number, width = 2) => String(Math.abs(Math.trunc(n))).padStart(width, '0');

interface Parts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

const tokenPattern = /YYYY|YY|MMMM|MMM|MM|M|DD|D|HH|H|hh|h|mm|ss|SSS|A|a/g;

/** Renders parts with moment-style tokens (YYYY, MM, DD, MMM, HH, hh, mm, ss, A …). */
function render(format: string, p: Parts): string {
  const hour12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return format.replace(tokenPattern, (token) => {
    switch (token) {
      case 'YYYY':
        return pad(p.year, 4);
      case 'YY':
        return pad(p.year % 100);
      case 'MMMM':
        return months[p.month - 1] ?? '';
      case 'MMM':
        return (months[p.month - 1] ?? '').slice(0, 3);
      case 'MM':
        return pad(p.month);
      case 'M':
        return String(p.month);
      case 'DD':
        return pad(p.day);
      case 'D':
        return String(p.day);
      case 'HH':
        return pad(p.hour);
      case 'H':
        return String(p.hour);
      case 'hh':
        return pad(hour12);
      case 'h':
        return String(hour12);
      case 'mm':
        return pad(p.minute);
      case 'ss':
        return pad(p.second);
      case 'SSS':
        return pad(p.millisecond, 3);
      case 'A':
        return p.hour < 12 ? 'AM' : 'PM';
      default:
        return p.hour < 12 ? 'am' : 'pm';
    }
  });
}

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})/;

/** `YYYY-MM-DD` in the field's `date_format`; other text is shown as it is. */
export function formatDate(value: string, format = 'YYYY-MM-DD'): string {
  const m = DATE_TEXT.exec(value);
  if (!m) return value;
  return render(format, {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    hour: 0,
    minute: 0,
    second: 0,
    millisecond: 0,
  });
}

/** The API's date-time text (`YYYY-MM-DD HH:mm:ss+00:00`, or any ISO form) as a Date. */
export function parseApiDateTime(value: string): Date | undefined {
  const iso = value
    .trim()
    .replace(' ', 'T')
    .replace(/([+-]\d{2})$/, '$1:00');
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function localParts(date: Date): Parts {
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
    second: date.getSeconds(),
    millisecond: date.getMilliseconds(),
  };
}

export interface DateTimeDisplay {
  readonly dateFormat?: string;
  readonly timeFormat?: string;
  readonly twelveHour?: boolean;
}

function timePattern(timeFormat: string, twelveHour: boolean): string {
  return twelveHour ? `${timeFormat.replace('HH', 'h')} A` : timeFormat;
}

/** A date-time in the viewer's time zone, in the field's date and time formats. */
export function formatDateTime(value: string, display: DateTimeDisplay = {}): string {
  const date = parseApiDateTime(value);
  if (!date) return value;
  const pattern = `${display.dateFormat ?? 'YYYY-MM-DD'} ${timePattern(display.timeFormat ?? 'HH:mm', display.twelveHour ?? false)}`;
  return render(pattern, localParts(date));
}

/** `HH:mm:ss` shown as `HH:mm` (or `h:mm AM`), with seconds when they are not zero. */
export function formatTime(value: string, twelveHour = false): string {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!m) return value;
  const second = Number(m[3] ?? 0);
  const parts = {
    year: 0,
    month: 1,
    day: 1,
    hour: Number(m[1]),
    minute: Number(m[2]),
    second,
    millisecond: 0,
  };
  return render(timePattern(second ? 'HH:mm:ss' : 'HH:mm', twelveHour), parts);
}

/** The API's date-time → the value of `<input type="datetime-local">` in local time. */
export function toDateTimeLocal(value: unknown): string {
  if (typeof value !== 'string' || !value) return '';
  const date = parseApiDateTime(value);
  if (!date) return '';
  const p = localParts(date);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
}

/** A `datetime-local` value (local time) → the API's UTC text `YYYY-MM-DD HH:mm:ss+00:00`. */
export function fromDateTimeLocal(local: string): string | null {
  if (!local) return null;
  const date = new Date(local.length === 16 ? `${local}:00` : local);
  if (Number.isNaN(date.getTime())) return null;
  const iso = date.toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}+00:00`;
}

/** `meta.duration` display formats by index (the server's order). */
export const durationFormats = ['h:mm', 'h:mm:ss', 'h:mm:ss.s', 'h:mm:ss.ss', 'h:mm:ss.sss'] as const;

/** Seconds → `h:mm`, `h:mm:ss` or with fractions, per the field's `meta.duration`. */
export function formatDuration(seconds: number, formatIndex = 0): string {
  if (!Number.isFinite(seconds)) return '';
  const sign = seconds < 0 ? '-' : '';
  const decimals = Math.max(0, Math.min(3, formatIndex - 1));
  const scale = 10 ** decimals;
  let total = Math.abs(seconds);
  // h:mm rounds to the minute; the others to their fraction of a second.
  total = formatIndex === 0 ? Math.round(total / 60) * 60 : Math.round(total * scale) / scale;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  if (formatIndex === 0) return `${sign}${hours}:${pad(minutes)}`;
  const rest = total - hours * 3600 - minutes * 60;
  const whole = Math.floor(rest + 1e-9);
  const fraction = decimals ? `.${String(Math.round((rest - whole) * scale)).padStart(decimals, '0')}` : '';
  return `${sign}${hours}:${pad(minutes)}:${pad(whole)}${fraction}`;
}

const DURATION_TEXT = /^([+-])?(\d+)(?::([0-5]?\d))?(?::([0-5]?\d)(?:\.(\d+))?)?$/;

/**
 * Duration text → seconds: `h:mm`, `h:mm:ss[.fff]`, or a bare number of seconds. Undefined
 * when it is none of these; null for blank text.
 */
export function parseDuration(text: string): number | null | undefined {
  const trimmed = text.trim();
  if (!trimmed) return null;
  if (/^[+-]?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const m = DURATION_TEXT.exec(trimmed);
  if (!m || m[3] === undefined) return undefined;
  const whole = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
  const total = m[5] === undefined ? whole : Number(`${whole}.${m[5]}`);
  return m[1] === '-' ? -total : total;
}
