import { integerRule } from './meta.ts';

/** Largest `meta.precision` (decimal places shown) accepted for Decimal, Currency and Percent. */
export const MAX_PRECISION = 8;

/** `meta.precision`: decimal places shown, 0–MAX_PRECISION. Display only: stored values are not rounded. */
export const precisionRule = integerRule(0, MAX_PRECISION);
