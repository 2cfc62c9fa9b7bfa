import {
  defaultOptionColor,
  type FieldModel,
  type FieldTypeName,
  getFieldType,
  InvalidFieldValue,
  isFieldTypeName,
  newId,
  type SelectOption,
  TesseraError,
  validateSelectOptionTitle,
} from '@tessera/core';

/** A field as a client describes it when creating or changing one (already read from JSON). */
export interface FieldSpec {
  readonly title: string;
  readonly uidt: string;
  readonly columnName?: string;
  readonly required?: boolean;
  readonly unique?: boolean;
  readonly primaryValue?: boolean;
  /** Default as a client value; validated like a record value. */
  readonly defaultValue?: unknown;
  readonly description?: string | null;
  readonly meta?: Record<string, unknown>;
  /** Select choices; entries may carry an `id` to keep an existing option. */
  readonly options?: readonly { id?: string; title: string; color?: string; order?: number }[];
}

export const MAX_TITLE_LENGTH = 255;
const selectTypes: ReadonlySet<FieldTypeName> = new Set(['SingleSelect', 'MultiSelect']);
/** Types computed over links, which need the other tables: refused where `linked` is not set (new tables). */
const linkedTypes: ReadonlySet<FieldTypeName> = new Set(['Links', 'LinkToAnotherRecord', 'Lookup', 'Rollup']);

export function schemaError(message: string, details?: Record<string, unknown>): TesseraError {
  return new TesseraError('ERR_SCHEMA_INVALID', message, details);
}

export function checkTitle(title: unknown, what: string): string {
  if (typeof title !== 'string' || !title.trim()) throw schemaError(`${what} title is required`);
  const trimmed = title.trim();
  if (trimmed.length > MAX_TITLE_LENGTH)
    throw schemaError(`${what} title is longer than ${MAX_TITLE_LENGTH} characters`);
  return trimmed;
}

export function checkFieldType(uidt: string): FieldTypeName {
  if (!isFieldTypeName(uidt)) throw schemaError(`Field type '${uidt}' is not supported`);
  return uidt;
}

function normaliseOptions(spec: FieldSpec, previous: readonly SelectOption[]): SelectOption[] {
  const seen = new Set<string>();
  return (spec.options ?? []).map((option, index) => {
    const title = typeof option?.title === 'string' ? option.title.trim() : '';
    try {
      validateSelectOptionTitle(title);
    } catch (error) {
      throw schemaError(`Field '${spec.title}': ${(error as Error).message}`);
    }
    if (seen.has(title)) throw schemaError(`Field '${spec.title}': option '${title}' is listed twice`);
    seen.add(title);
    const kept = previous.find((p) => (option.id ? p.id === option.id : p.title === title));
    return {
      id: kept?.id ?? newId('s'),
      title,
      color:
        typeof option.color === 'string' && option.color
          ? option.color
          : (kept?.color ?? defaultOptionColor(index)),
      order: typeof option.order === 'number' ? option.order : index + 1,
    };
  });
}

/**
 * Checks a field spec and returns the model parts it decides (everything but ids, table,
 * column name and order). `previous` is the field being changed, if any.
 */
export function resolveFieldSpec(
  spec: FieldSpec,
  previous?: FieldModel,
  resolution: { readonly linked?: boolean } = {},
): Pick<
  FieldModel,
  | 'title'
  | 'uidt'
  | 'required'
  | 'unique'
  | 'primaryValue'
  | 'defaultValue'
  | 'description'
  | 'meta'
  | 'options'
> {
  const title = checkTitle(spec.title, 'Field');
  const uidt = checkFieldType(spec.uidt);
  if (linkedTypes.has(uidt) && !resolution.linked)
    throw schemaError(
      `Field '${title}': ${uidt} fields are added to an existing table (POST /api/v2/meta/tables/{tableId}/columns)`,
    );
  const type = getFieldType(uidt);
  let meta: Record<string, unknown>;
  try {
    meta = type.normaliseMeta({ ...(previous?.uidt === uidt ? previous.meta : {}), ...(spec.meta ?? {}) });
  } catch (error) {
    if (error instanceof InvalidFieldValue) throw schemaError(`Field '${title}': ${error.message}`);
    throw error;
  }
  const options = selectTypes.has(uidt)
    ? spec.options
      ? normaliseOptions({ ...spec, title }, previous?.options ?? [])
      : [...(previous?.options ?? [])]
    : [];
  const model = {
    title,
    uidt,
    required: spec.required ?? previous?.required ?? false,
    unique: spec.unique ?? previous?.unique ?? false,
    primaryValue: spec.primaryValue ?? previous?.primaryValue ?? false,
    description: spec.description === undefined ? (previous?.description ?? null) : spec.description,
    meta,
    options,
    defaultValue: null as unknown,
  };
  const rawDefault = spec.defaultValue;
  if (rawDefault !== undefined && rawDefault !== null && rawDefault !== '') {
    if (type.serverManaged) throw schemaError(`Field '${title}' is kept by the server and takes no default`);
    // A default is never resolved against the users table, so it could not stay a user id.
    if (uidt === 'User') throw schemaError(`Field '${title}' is a User field and takes no default`);
    try {
      model.defaultValue = type.parseInput(rawDefault, model, { typecast: false, addOption: () => {} });
    } catch (error) {
      if (error instanceof InvalidFieldValue)
        throw schemaError(`Field '${title}': invalid default value: ${error.message}`);
      throw error;
    }
  } else if (rawDefault === undefined && previous && previous.uidt === uidt) {
    model.defaultValue = previous.defaultValue;
  }
  return model;
}
