import type { FieldTypeName, FilterKind, StorageKind } from './field-kinds.ts';

/** One choice of a SingleSelect or MultiSelect field. */
export interface SelectOption {
  readonly id: string;
  readonly title: string;
  readonly color: string;
  readonly order: number;
}

/** What a field type needs to know about one field to validate and format its values. */
export interface FieldDefinition {
  readonly title: string;
  readonly uidt: FieldTypeName;
  readonly meta: Readonly<Record<string, unknown>>;
  /** Select choices; empty for other types. */
  readonly options: readonly SelectOption[];
}

export interface FieldInputContext {
  /** NocoDB's `typecast=true`: convert loosely and add unknown select options. */
  readonly typecast: boolean;
  /** Called (only with typecast) for a select option that does not exist yet. */
  addOption(title: string): void;
}

/** Thrown by a field type for a value it cannot accept; the caller adds the field's name. */
export class InvalidFieldValue extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidFieldValue';
  }
}

/** Any value JSON can carry. Canonical stored values and API values are always JSON values. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** API dialect a value is rendered for: v2 (NocoDB v2 shapes) or v3 (`{id, fields}` shapes). */
export type ApiVersion = 'v2' | 'v3';

/**
 * One field type: how its values are stored, validated, rendered and filtered. One file per
 * type in `fields/types/`, registered in `field-registry.ts`.
 */
export interface FieldType {
  readonly name: FieldTypeName;
  readonly storage: StorageKind;
  readonly filterKind: FilterKind;
  /** Values are kept by the server (ID, CreatedTime, LastModifiedTime); clients cannot write them. */
  readonly serverManaged: boolean;
  /**
   * For types whose values' kind depends on the field's configuration (a Formula's result
   * type): the storage and filter kind of this field's values. Absent: `storage`/`filterKind`.
   * Read it through `fieldStorage` / `fieldFilterKind`.
   */
  valueKind?(field: FieldDefinition): { readonly storage: StorageKind; readonly filterKind: FilterKind };
  /**
   * Computed from other data (Links, Lookup, Rollup, Formula): no physical column; values are
   * SQL expressions evaluated when records are read.
   */
  readonly virtual?: boolean;
  /** `meta` a new field of this type gets, merged under what the client sent. */
  readonly defaultMeta: Readonly<Record<string, unknown>>;
  /** Checks and normalises `meta` sent by a client (merged over defaultMeta); throws InvalidFieldValue. */
  normaliseMeta(meta: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /**
   * A value sent by a client → the canonical stored value (see StorageKind) or null.
   * `undefined` is treated like null. Throws InvalidFieldValue (and nothing else, whatever the
   * input) with a message that names what is wrong; server-managed types always throw.
   */
  parseInput(value: unknown, field: FieldDefinition, context: FieldInputContext): JsonValue;
  /**
   * A canonical stored value → the JSON value an API response carries. Tolerates the usual
   * driver drift (numeric strings and bigints for numbers, 0/1 for booleans, Date objects and
   * ISO strings for datetimes); anything else is a bug and throws a plain Error.
   */
  toApiValue(canonical: unknown, field: FieldDefinition, version: ApiVersion): JsonValue;
}
