import {
  defaultOptionColor,
  type FieldModel,
  type FieldType,
  findFieldByRef,
  getFieldType,
  InvalidFieldValue,
  isLinkField,
  newId,
  type SelectOption,
  type TableModel,
  TesseraError,
} from '@tessera/core';

export function primaryKeyField(table: TableModel): FieldModel {
  const pk = table.fields.find((f) => f.pk);
  if (!pk) throw new TesseraError('ERR_INTERNAL', `Table '${table.title}' has no primary key`);
  return pk;
}

/** Reads a record id from a client value (`5` or `"5"`); undefined when it is not one. */
export function parseRecordId(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value > 0) return value;
  if (typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value)) {
    const id = Number(value);
    return id > 0 ? id : undefined;
  }
  return undefined;
}

/** The primary-key value of an update/delete item: key `Id`, `id`, the PK's title, column or id. */
export function recordIdOf(table: TableModel, item: Record<string, unknown>): unknown {
  const pk = primaryKeyField(table);
  for (const key of [pk.title, pk.columnName, pk.id, 'Id', 'id']) if (key in item) return item[key];
  return undefined;
}

export function isPrimaryKeyKey(table: TableModel, key: string): boolean {
  const pk = primaryKeyField(table);
  return key === pk.title || key === pk.columnName || key === pk.id || key === 'Id' || key === 'id';
}

/** Select options a write with typecast wants added, per field id. */
export type AddedOptions = Map<string, SelectOption[]>;

export interface ParsedRecord {
  /** field id → canonical value, for the fields the client sent. */
  readonly values: Map<string, unknown>;
  /** Link field id → the ids of the records it is to link (replacing its links), as sent. */
  readonly links: Map<string, readonly number[]>;
}

/**
 * Checks one record body against the table: every key must name a writable field and every
 * value must fit its type. `index` is the record's position in the request, for messages.
 */
export function parseRecordBody(
  table: TableModel,
  body: unknown,
  index: number,
  options: { typecast: boolean; allowPrimaryKey: boolean; addedOptions: AddedOptions },
): ParsedRecord {
  const where = index >= 0 ? ` (record ${index + 1} of the request)` : '';
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new TesseraError('ERR_INVALID_REQUEST_BODY', `Each record must be a JSON object${where}`);
  const values = new Map<string, unknown>();
  const links = new Map<string, readonly number[]>();
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    if (options.allowPrimaryKey && isPrimaryKeyKey(table, key)) continue;
    const field = findFieldByRef(table, key);
    if (!field)
      throw new TesseraError(
        'ERR_UNKNOWN_FIELD',
        `Field '${key}' not found in table '${table.title}'${where}`,
        {
          field: key,
        },
      );
    const type = getFieldType(field.uidt);
    if (isLinkField(field)) {
      links.set(field.id, parseLinkValue(field, type, value, where));
      continue;
    }
    if (type.serverManaged)
      throw new TesseraError(
        'ERR_READONLY_FIELD',
        type.virtual
          ? `Field '${field.title}' is computed and cannot be written${where}`
          : `Field '${field.title}' is set by the server and cannot be written${where}`,
        {
          field: field.title,
        },
      );
    values.set(field.id, parseFieldValue(field, type, value, where, options));
  }
  return { values, links };
}

/** A field type's refusal of a value → 422 naming the field; other errors pass through. */
function fieldValueError(error: unknown, field: FieldModel, value: unknown, where: string): unknown {
  if (!(error instanceof InvalidFieldValue)) return error;
  return new TesseraError(
    'ERR_INVALID_VALUE_FOR_FIELD',
    `Invalid value for field '${field.title}'${where}: ${error.message}`,
    { field: field.title, value },
  );
}

/** A link field's value: the linked record ids (a record id, `{Id}`, or a list of them). */
function parseLinkValue(field: FieldModel, type: FieldType, value: unknown, where: string): number[] {
  try {
    return (type.parseInput(value, field, { typecast: false, addOption() {} }) as number[] | null) ?? [];
  } catch (error) {
    throw fieldValueError(error, field, value, where);
  }
}

function parseFieldValue(
  field: FieldModel,
  type: FieldType,
  value: unknown,
  where: string,
  options: { typecast: boolean; addedOptions: AddedOptions },
): unknown {
  const added = options.addedOptions.get(field.id) ?? [];
  const known = added.length ? { ...field, options: [...field.options, ...added] } : field;
  try {
    const canonical = type.parseInput(value, known, {
      typecast: options.typecast,
      addOption(title) {
        if (known.options.some((o) => o.title === title) || added.some((o) => o.title === title)) return;
        const order = field.options.length + added.length + 1;
        added.push({ id: newId('s'), title, color: defaultOptionColor(order - 1), order });
        options.addedOptions.set(field.id, added);
      },
    });
    if (field.required && (canonical === null || canonical === ''))
      throw new TesseraError('ERR_REQUIRED_FIELD_MISSING', `Field '${field.title}' is required${where}`, {
        field: field.title,
      });
    return canonical;
  } catch (error) {
    throw fieldValueError(error, field, value, where);
  }
}
