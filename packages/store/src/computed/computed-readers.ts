import {
  type ApiVersion,
  type FieldModel,
  fieldStorage,
  getFieldType,
  isLinkField,
  type TableModel,
} from '@tessera/core';
import type { DialectAdapter } from '../dialect/dialect-adapter.ts';
import { type ComputedSchema, isComputedField } from './computed-schema.ts';
import { displayPath, rollupParts } from './field-sql.ts';
import { hopOf, lookupPath } from './link-paths.ts';
import { linkedRecordFields, type ReadShape } from './read-shape.ts';

/** A value as read from the database → its API value. */
export type ValueReader = (raw: unknown) => unknown;

/** A stored field's reader: the dialect's decoding, then the field type's API rendering. */
export function storedReader(field: FieldModel, dialect: DialectAdapter, version: ApiVersion): ValueReader {
  const type = getFieldType(field.uidt);
  const storage = fieldStorage(field);
  return (raw) => {
    const canonical = dialect.decodeValue(storage, raw);
    return canonical === null ? null : type.toApiValue(canonical, field, version);
  };
}

/** JSON as drivers hand it over: text on SQLite, parsed on PostgreSQL. */
function parsedJson(raw: unknown): unknown {
  return typeof raw === 'string' ? JSON.parse(raw) : raw;
}

function toNumber(raw: unknown): number | null {
  if (raw === null || raw === undefined) return null;
  const value = typeof raw === 'number' ? raw : Number(raw);
  return Number.isFinite(value) ? value || 0 : null;
}

/** Max nesting of readers (computed fields of computed fields); deeper is a damaged schema. */
const MAX_DEPTH = 16;

/**
 * Reads computed values as computed-selection.ts selects them: link counts and rollups as
 * numbers, lookups as arrays of the looked-up field's API values, linked records as
 * `{Id, <display>…}` (v2) or `{id, fields}` (v3) built from `[id, value…]` arrays.
 */
export class ComputedReaders {
  readonly #schema: ComputedSchema;
  readonly #dialect: DialectAdapter;

  constructor(schema: ComputedSchema, dialect: DialectAdapter) {
    this.#schema = schema;
    this.#dialect = dialect;
  }

  /** A field as a list selects it: link fields as linked records (v2 Links: their count). */
  selected(table: TableModel, field: FieldModel, shape: ReadShape): ValueReader {
    if (!isLinkField(field)) return this.value(table, field, shape.version);
    const hop = hopOf(this.#schema, table, field.id);
    if (!hop) return () => null;
    if (hop.meta.many && shape.version === 'v2') return (raw) => toNumber(raw) ?? 0;
    const fields = linkedRecordFields(hop.to, field.id, shape.nested);
    const readers = fields.map((f) => this.value(hop.to, f, shape.version));
    const pkTitle = hop.to.fields.find((f) => f.pk)?.title ?? 'Id';
    const record = (item: unknown) => {
      const values = Array.isArray(item) ? item : [];
      const id = toNumber(values[0]);
      const shown: Record<string, unknown> = {};
      fields.forEach((f, index) => {
        shown[f.title] = (readers[index] as ValueReader)(values[index + 1] ?? null);
      });
      return shape.version === 'v3' ? { id, fields: shown } : { [pkTitle]: id, ...shown };
    };
    if (hop.meta.many)
      return (raw) => {
        const items = parsedJson(raw);
        return Array.isArray(items) ? items.map(record) : [];
      };
    return (raw) => (raw === null || raw === undefined ? null : record(parsedJson(raw)));
  }

  /** A field's value as fieldSql() computes it (link fields: count, or the linked display value). */
  value(table: TableModel, field: FieldModel, version: ApiVersion, depth = 0): ValueReader {
    if (!isComputedField(field) || depth > MAX_DEPTH) return storedReader(field, this.#dialect, version);
    if (isLinkField(field)) {
      const hop = hopOf(this.#schema, table, field.id);
      const path = hop && !hop.meta.many ? displayPath(this.#schema, hop) : undefined;
      return path ? this.value(path.targetTable, path.target, version, depth + 1) : toNumber;
    }
    if (field.uidt === 'Lookup') {
      const path = lookupPath(this.#schema, table, field);
      if (!path) return () => [];
      const element = this.value(path.targetTable, path.target, version, depth + 1);
      return (raw) => {
        const values = raw === null || raw === undefined ? [] : parsedJson(raw);
        return Array.isArray(values) ? values.map(element) : [];
      };
    }
    if (field.uidt === 'Rollup') {
      const parts = rollupParts(this.#schema, table, field);
      if (parts && (parts.meta.fn === 'min' || parts.meta.fn === 'max'))
        return this.value(parts.hop.to, parts.target, version, depth + 1);
      return toNumber;
    }
    return storedReader(field, this.#dialect, version);
  }
}
