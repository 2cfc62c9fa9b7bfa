import { currencyCodeRule, localeRule } from '../shared/meta.ts';
import { createNumberField } from '../shared/number-field.ts';
import { precisionRule } from '../shared/number-meta.ts';

/** Currency: a real amount; locale, ISO 4217 code and decimals shown live in meta. */
export const currencyField = createNumberField({
  name: 'Currency',
  storage: 'real',
  defaultMeta: { currency_locale: 'en-US', currency_code: 'USD', precision: 2 },
  metaRules: { currency_locale: localeRule, currency_code: currencyCodeRule, precision: precisionRule },
});
