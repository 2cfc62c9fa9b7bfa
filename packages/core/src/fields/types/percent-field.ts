import { booleanRule } from '../shared/meta.ts';
import { createNumberField } from '../shared/number-field.ts';
import { precisionRule } from '../shared/number-meta.ts';

/** Percent: a real number of percent (50 means 50%); with typecast "50%" is read as 50. */
export const percentField = createNumberField({
  name: 'Percent',
  storage: 'real',
  allowPercentSign: true,
  defaultMeta: { precision: 2, is_progress: false },
  metaRules: { precision: precisionRule, is_progress: booleanRule },
});
