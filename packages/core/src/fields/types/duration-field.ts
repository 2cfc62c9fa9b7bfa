import { integerRule } from '../shared/meta.ts';
import { createNumberField } from '../shared/number-field.ts';

/**
 * `meta.duration` display formats, by index (NocoDB's order). Values are always stored in
 * seconds; the format only changes how they are shown.
 */
export const durationFormats = ['h:mm', 'h:mm:ss', 'h:mm:ss.s', 'h:mm:ss.ss', 'h:mm:ss.sss'] as const;

/** "h:mm" or "h:mm:ss[.fff]", optionally signed; hours unbounded, minutes and seconds 00–59. */
const DURATION_TEXT = /^([+-])?(\d+):([0-5]\d)(?::([0-5]\d)(?:\.(\d+))?)?$/;

/** Duration text → seconds, or undefined when the text is not in h:mm[:ss[.fff]] form. */
export function parseDurationText(text: string): number | undefined {
  const match = DURATION_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign, hours, minutes, seconds, fraction] = match;
  const whole = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds ?? 0);
  const total = fraction === undefined ? whole : Number(`${whole}.${fraction}`);
  return sign === '-' ? -total : total;
}

/** Duration: a real number of seconds; accepts seconds or "h:mm" / "h:mm:ss" text. */
export const durationField = createNumberField({
  name: 'Duration',
  storage: 'real',
  expected: 'a duration in seconds or as h:mm or h:mm:ss',
  parseText: parseDurationText,
  defaultMeta: { duration: 0 },
  metaRules: { duration: integerRule(0, durationFormats.length - 1) },
});
