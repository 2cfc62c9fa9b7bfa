import type { FieldType } from '../field-type.ts';
import { createMetaNormaliser, deepFreeze } from '../shared/meta.ts';
import { resolveSelectTitles, selectItemText } from '../shared/select-options.ts';
import { describeValue, invalid, isBlank, nonCanonical } from '../shared/values.ts';

const defaultMeta = deepFreeze({});

/**
 * SingleSelect: the title of one of the field's options (trimmed, exact case). Unknown
 * titles are an error, or with typecast become new options. Typecast also reads a
 * one-element list (a MultiSelect value) and booleans.
 */
export const singleSelectField: FieldType = {
  name: 'SingleSelect',
  storage: 'text',
  filterKind: 'select',
  serverManaged: false,
  defaultMeta,
  normaliseMeta: createMetaNormaliser(defaultMeta),
  parseInput(value, field, context) {
    let item = value;
    if (Array.isArray(value) && context.typecast) {
      if (value.length > 1) invalid(`Expected one option, got a list of ${value.length}`);
      item = value[0];
    }
    if (isBlank(item)) return null;
    if (Array.isArray(item) || (typeof item === 'object' && item !== null))
      invalid(`Expected an option title, got ${describeValue(item)}`);
    const title = selectItemText(item, context.typecast);
    resolveSelectTitles([title], field, context);
    return title;
  },
  toApiValue(canonical) {
    if (canonical === null || canonical === undefined || canonical === '') return null;
    if (typeof canonical === 'string') return canonical;
    throw nonCanonical('SingleSelect', canonical);
  },
};
