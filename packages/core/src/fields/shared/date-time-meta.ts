import { booleanRule, type MetaRule, nonEmptyStringRule, oneOfRule } from './meta.ts';

/** Display formats NocoDB offers for the time part of a date-time. */
export const timeFormats = ['HH:mm', 'HH:mm:ss', 'HH:mm:ss.SSS'] as const;

/** Checks shared by every datetime-stored type's display meta. */
export const dateTimeMetaRules: Readonly<Record<string, MetaRule>> = {
  date_format: nonEmptyStringRule,
  time_format: oneOfRule(timeFormats),
  is12hrFormat: booleanRule,
};
