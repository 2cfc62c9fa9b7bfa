import {
  defaultOptionColor,
  type FieldModel,
  type FieldType,
  findFieldByRef,
  getFieldType,
  InvalidFieldValue,
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
    if (type.serverManaged)
      throw new TesseraError(
        'ERR_READONLY_FIELD',
        `Field '${field.title}' is set by the server and cannot be written${where}`,
        {
          field: field.title,
        },
      );
    values.set(field.id, parseFieldValue(field, type, value, where, options));
  }
  return { values };
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
    if (error instanceof InvalidFieldValue)
      throw new TesseraError(
        'ERR_INVALID_VALUE_FOR_FIELD',
        `Invalid value for field '${field.title}'${where}: ${error.message}`,
        { field: field.title, value },
      );
    throw error;
  }
}
