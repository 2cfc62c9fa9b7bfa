/** Conversions between driver values and canonical values shared by both dialects. */

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** A JS Date → canonical UTC datetime text `YYYY-MM-DD HH:mm:ss+00:00`. */
export function canonicalDateTime(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad2(date.getUTCMonth() + 1)}-${pad2(date.getUTCDate())} ` +
    `${pad2(date.getUTCHours())}:${pad2(date.getUTCMinutes())}:${pad2(date.getUTCSeconds())}+00:00`
  );
}

/** Normalises a database datetime text in UTC (`2024-01-31 10:00:00.123+00`) to canonical form. */
export function canonicalDateTimeFromText(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(text);
  if (match && /(?:\+00(?::?00)?|Z)$/.test(text)) return `${match[1]} ${match[2]}+00:00`;
  return canonicalDateTime(new Date(text));
}

export function parseJsonText(raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
