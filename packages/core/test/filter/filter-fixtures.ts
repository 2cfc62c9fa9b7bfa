import type { FieldTypeName, FilterKind, StorageKind } from '../../src/fields/field-kinds.ts';
import type { FilterField, FilterFieldResolver } from '../../src/filter/index.ts';

function field(
  title: string,
  uidt: FieldTypeName,
  filterKind: FilterKind,
  storage: StorageKind,
): FilterField {
  return {
    id: `fld_${title.toLowerCase()}`,
    title,
    columnName: `c_${title.toLowerCase()}`,
    uidt,
    filterKind,
    storage,
  };
}

/** One field per filter kind (two for number and datetime storage variants). */
export const testFields: readonly FilterField[] = [
  field('Name', 'SingleLineText', 'text', 'text'),
  field('Qty', 'Number', 'number', 'integer'),
  field('Price', 'Decimal', 'number', 'real'),
  field('Done', 'Checkbox', 'boolean', 'boolean'),
  field('Due', 'Date', 'date', 'date'),
  field('At', 'DateTime', 'datetime', 'datetime'),
  field('Created', 'CreatedTime', 'datetime', 'datetime'),
  field('Tm', 'Time', 'time', 'time'),
  field('Status', 'SingleSelect', 'select', 'text'),
  field('Tags', 'MultiSelect', 'multiselect', 'text'),
  field('Data', 'JSON', 'json', 'json'),
];

/** Looks fields up by title or id. */
export const resolveTestField: FilterFieldResolver = (ref) =>
  testFields.find((candidate) => candidate.title === ref || candidate.id === ref);

/** Friday 2024-03-15, noon UTC. */
export const testNow = new Date('2024-03-15T12:00:00Z');
