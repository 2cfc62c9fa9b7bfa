import { TesseraError } from '@tessera/core';
import type { FieldSpec } from '@tessera/store';
import { computedFieldMeta } from './computed-field-body.ts';

export type JsonObject = Record<string, unknown>;

function invalid(message: string): TesseraError {
  return new TesseraError('ERR_INVALID_REQUEST_BODY', message);
}

/** The body as a JSON object, or a 400 saying what was expected. */
export function objectBody(body: unknown): JsonObject {
  if (body === undefined || body === null) return {};
  if (typeof body !== 'object' || Array.isArray(body))
    throw invalid('The request body must be a JSON object');
  return body as JsonObject;
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalid(`'${key}' must be a string`);
  return value;
}

export function optionalNullableString(body: JsonObject, key: string): string | null | undefined {
  const value = body[key];
  if (value === null) return null;
  if (typeof value === 'number') return String(value);
  return optionalString(body, key);
}

export function optionalBoolean(body: JsonObject, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  throw invalid(`'${key}' must be true or false`);
}

export function optionalNumber(body: JsonObject, key: string): number | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value)))
    return Number(value);
  throw invalid(`'${key}' must be a number`);
}

/** `meta` may arrive as an object or (from NocoDB's UI) as a JSON string. */
export function optionalMeta(body: JsonObject, key = 'meta'): Record<string, unknown> | undefined {
  let value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      throw invalid(`'${key}' must be a JSON object`);
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw invalid(`'${key}' must be a JSON object`);
  return value as Record<string, unknown>;
}

/** Select options from `colOptions.options`, or NocoDB's `dtxp` list `'a','b'`. */
function selectOptions(body: JsonObject): FieldSpec['options'] {
  const colOptions = body.colOptions;
  if (colOptions && typeof colOptions === 'object' && !Array.isArray(colOptions)) {
    const options = (colOptions as JsonObject).options;
    if (options === undefined) return undefined;
    if (!Array.isArray(options)) throw invalid("'colOptions.options' must be an array");
    return options.map((option, index) => {
      if (typeof option === 'string') return { title: option };
      if (!option || typeof option !== 'object')
        throw invalid(`'colOptions.options[${index}]' must be an object`);
      const o = option as JsonObject;
      return {
        id: typeof o.id === 'string' ? o.id : undefined,
        title: typeof o.title === 'string' ? o.title : String(o.title ?? ''),
        color: typeof o.color === 'string' ? o.color : undefined,
        order: typeof o.order === 'number' ? o.order : undefined,
      };
    });
  }
  const dtxp = body.dtxp;
  if (typeof dtxp === 'string' && dtxp.trim()) {
    return dtxp
      .split(/,(?=(?:[^']*'[^']*')*[^']*$)/)
      .map((part) => part.trim().replace(/^'|'$/g, '').replaceAll("''", "'"))
      .filter(Boolean)
      .map((title) => ({ title }));
  }
  return undefined;
}

/** A Formula's text: NocoDB's `formula_raw` (also `formula`), at the top or in `colOptions`. */
function formulaText(body: JsonObject): string | undefined {
  const colOptions = body.colOptions;
  const nested =
    colOptions && typeof colOptions === 'object' && !Array.isArray(colOptions)
      ? (colOptions as JsonObject)
      : {};
  return (
    optionalString(body, 'formula_raw') ??
    optionalString(body, 'formula') ??
    optionalString(nested, 'formula_raw') ??
    optionalString(nested, 'formula')
  );
}

/** A NocoDB column request (`ColumnReq`) → a field spec. `partial` for updates. */
export function fieldSpecFromBody(raw: unknown, partial: boolean): Partial<FieldSpec> {
  const body = objectBody(raw);
  const title = optionalString(body, 'title') ?? optionalString(body, 'column_name');
  const uidt = optionalString(body, 'uidt');
  if (!partial && !title) throw invalid("'title' is required");
  if (!partial && !uidt) throw invalid("'uidt' is required");
  const spec: { -readonly [K in keyof FieldSpec]?: FieldSpec[K] } = {};
  if (title !== undefined) spec.title = title;
  if (uidt !== undefined) spec.uidt = uidt;
  const columnName = optionalString(body, 'column_name');
  if (columnName !== undefined && body.title !== undefined) spec.columnName = columnName;
  const required = optionalBoolean(body, 'rqd');
  if (required !== undefined) spec.required = required;
  const unique = optionalBoolean(body, 'unique');
  if (unique !== undefined) spec.unique = unique;
  const primaryValue = optionalBoolean(body, 'pv');
  if (primaryValue !== undefined) spec.primaryValue = primaryValue;
  if (body.cdf !== undefined) spec.defaultValue = body.cdf;
  const description = optionalNullableString(body, 'description');
  if (description !== undefined) spec.description = description;
  const meta = optionalMeta(body);
  const computed = computedFieldMeta(body);
  if (meta !== undefined || computed !== undefined) spec.meta = { ...meta, ...computed };
  const formula = formulaText(body);
  if (formula !== undefined) spec.meta = { ...spec.meta, formula_raw: formula };
  const options = selectOptions(body);
  if (options !== undefined) spec.options = options;
  return spec;
}
