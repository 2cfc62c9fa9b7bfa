// "3 minutes ago" for history entries and comments, with the full date for a tooltip.
const units: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const relative = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Parses the server's timestamps: ISO 8601, or `YYYY-MM-DD HH:mm:ss[+00:00]` in UTC. */
export function parseTimestamp(text: string): Date | undefined {
  const iso = /^\d{4}-\d{2}-\d{2} /.test(text) ? text.replace(' ', 'T') : text;
  const withZone = /[zZ]|[+-]\d{2}:?\d{2}$/.test(iso) ? iso : `${iso}Z`;
  const date = new Date(withZone);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

export function relativeTime(text: string, now = Date.now()): string {
  const date = parseTimestamp(text);
  if (!date) return text;
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return 'just now';
  for (const [unit, size] of units)
    if (Math.abs(seconds) >= size || unit === 'minute')
      return relative.format(Math.round(seconds / size), unit);
  return relative.format(seconds, 'second');
}

export function absoluteTime(text: string): string {
  const date = parseTimestamp(text);
  return date ? absolute.format(date) : text;
}
