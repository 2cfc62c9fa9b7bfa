import { createTextField } from '../shared/text-field.ts';
import { describeValue, invalid } from '../shared/values.ts';

const PHONE_TEXT = /^\+?[\d\s().-]+$/;
export const MIN_PHONE_DIGITS = 5;
export const MAX_PHONE_DIGITS = 20;

/** PhoneNumber: digits with an optional leading '+', spaces, dashes, dots and parentheses; 5–20 digits. */
export const phoneNumberField = createTextField({
  name: 'PhoneNumber',
  validate(text) {
    const digits = text.replace(/\D/g, '').length;
    if (!PHONE_TEXT.test(text) || digits < MIN_PHONE_DIGITS || digits > MAX_PHONE_DIGITS)
      invalid(
        `Expected a phone number (${MIN_PHONE_DIGITS} to ${MAX_PHONE_DIGITS} digits, optionally a leading '+', spaces, dashes, dots and parentheses), got ${describeValue(text)}`,
      );
    return text;
  },
});
