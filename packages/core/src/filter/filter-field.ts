import type { FieldTypeName, FilterKind, StorageKind } from '../fields/field-kinds.ts';

/** What the filter language needs to know of one field it may filter on. */
export interface FilterField {
  readonly id: string;
  readonly title: string;
  /** Column of the record table holding the field's values. */
  readonly columnName: string;
  readonly uidt: FieldTypeName;
  readonly filterKind: FilterKind;
  readonly storage: StorageKind;
}

/**
 * Looks a field up by title or field id, as written in the filter. It is also the allow-list:
 * `undefined` (unknown or not filterable) makes the filter fail with "Column alias 'X' not found."
 */
export type FilterFieldResolver = (ref: string) => FilterField | undefined;
