// The field dialog's working copy of a field, and the NocoDB column request made from it
// (docs/api.md "Fields", docs/links.md, docs/formulas.md). Editing sends only what changed.
import type { Field, FieldType, SelectOption } from '../../api/types.ts';
import { isPlainType, linkTargetOf, type RelationType, takesDefault } from '../field-kinds.ts';

export interface OptionDraft {
  /** Local key for React lists (the option id when it has one). */
  readonly key: string;
  readonly id?: string;
  readonly title: string;
  readonly color: string;
}

export interface FieldDraft {
  readonly title: string;
  readonly uidt: FieldType;
  readonly description: string;
  readonly required: boolean;
  readonly defaultValue: unknown;
  readonly meta: Readonly<Record<string, unknown>>;
  readonly options: readonly OptionDraft[];
  readonly linkTableId: string;
  readonly relationType: RelationType;
  readonly relationFieldId: string;
  readonly targetFieldId: string;
  readonly rollupFunction: string;
  readonly formula: string;
}

/** Display meta each type takes, with the server's defaults (docs/field-types.md). */
export const defaultMetaByType: Partial<Record<FieldType, Record<string, unknown>>> = {
  Number: { isLocaleString: false },
  Decimal: { precision: 1, isLocaleString: false },
  Currency: { currency_locale: 'en-US', currency_code: 'USD', precision: 2 },
  Percent: { precision: 2, is_progress: false },
  Rating: { max: 5, color: '#fcb401' },
  Checkbox: { color: '#777' },
  Duration: { duration: 0 },
  Date: { date_format: 'YYYY-MM-DD' },
  DateTime: { date_format: 'YYYY-MM-DD', time_format: 'HH:mm', is12hrFormat: false },
  CreatedTime: { date_format: 'YYYY-MM-DD', time_format: 'HH:mm', is12hrFormat: false },
  LastModifiedTime: { date_format: 'YYYY-MM-DD', time_format: 'HH:mm', is12hrFormat: false },
  Time: { is12hrFormat: false },
  User: { is_multi: false },
};

let nextKey = 1;
export const newOptionKey = () => `new-${nextKey++}`;

function optionDrafts(options: readonly SelectOption[]): OptionDraft[] {
  return options.map((o) => ({
    key: o.id ?? newOptionKey(),
    id: o.id,
    title: o.title,
    color: o.color ?? '#e9e9e9',
  }));
}

const stringOf = (source: Record<string, unknown> | null | undefined, key: string) => {
  const value = source?.[key];
  return typeof value === 'string' ? value : '';
};

/** Metadata keys the dialog edits for `uidt`, from `meta` or the type's defaults. */
export function metaForType(
  uidt: FieldType,
  meta: Readonly<Record<string, unknown>> | null,
): Record<string, unknown> {
  const defaults = defaultMetaByType[uidt] ?? {};
  const picked: Record<string, unknown> = {};
  for (const key of Object.keys(defaults)) picked[key] = meta?.[key] ?? defaults[key];
  if (uidt === 'Rollup' && typeof meta?.where === 'string') picked.where = meta.where;
  return picked;
}

export function draftOf(field: Field | undefined, uidt: FieldType = 'SingleLineText'): FieldDraft {
  if (!field)
    return {
      title: '',
      uidt,
      description: '',
      required: false,
      defaultValue: null,
      meta: metaForType(uidt, null),
      options: [],
      linkTableId: '',
      relationType: 'mm',
      relationFieldId: '',
      targetFieldId: '',
      rollupFunction: 'sum',
      formula: '',
    };
  const link = linkTargetOf(field);
  const meta = field.meta ?? {};
  return {
    title: field.title,
    uidt: field.uidt,
    description: field.description ?? '',
    required: field.rqd,
    defaultValue: field.cdf ?? null,
    meta: metaForType(field.uidt, meta),
    options: optionDrafts(field.colOptions?.options ?? []),
    linkTableId: link?.tableId ?? '',
    relationType: link?.relationType ?? 'mm',
    relationFieldId:
      stringOf(field.colOptions, 'fk_relation_column_id') || stringOf(meta, 'fk_relation_column_id'),
    targetFieldId:
      stringOf(field.colOptions, 'fk_lookup_column_id') ||
      stringOf(field.colOptions, 'fk_rollup_column_id') ||
      stringOf(meta, 'fk_lookup_column_id') ||
      stringOf(meta, 'fk_rollup_column_id'),
    rollupFunction:
      stringOf(field.colOptions, 'rollup_function') || stringOf(meta, 'rollup_function') || 'sum',
    formula: stringOf(field.colOptions, 'formula_raw'),
  };
}

/** The draft after picking another type: type options and default start afresh. */
export function withType(draft: FieldDraft, uidt: FieldType, original: Field | undefined): FieldDraft {
  const sameAsOriginal = original?.uidt === uidt;
  return {
    ...draft,
    uidt,
    meta: metaForType(uidt, sameAsOriginal ? original.meta : draft.meta),
    defaultValue: sameAsOriginal ? (original.cdf ?? null) : null,
    relationType:
      uidt === 'Links' && (draft.relationType === 'bt' || draft.relationType === 'oo')
        ? 'mm'
        : uidt === 'LinkToAnotherRecord' && (draft.relationType === 'hm' || draft.relationType === 'mm')
          ? 'bt'
          : draft.relationType,
  };
}

/** The link field type a relation makes on this table. */
export function linkTypeOf(relation: RelationType): FieldType {
  return relation === 'hm' || relation === 'mm' ? 'Links' : 'LinkToAnotherRecord';
}

/** What is missing before the draft can be saved, or undefined. */
export function draftProblem(draft: FieldDraft): string | undefined {
  if (!draft.title.trim()) return 'Give the field a title.';
  switch (draft.uidt) {
    case 'Links':
    case 'LinkToAnotherRecord':
      return draft.linkTableId ? undefined : 'Choose the table to link to.';
    case 'Lookup':
      return draft.relationFieldId && draft.targetFieldId
        ? undefined
        : 'Choose a link field and a field to look up.';
    case 'Rollup':
      return draft.relationFieldId && draft.targetFieldId
        ? undefined
        : 'Choose a link field and a field to roll up.';
    case 'Formula':
      return draft.formula.trim() ? undefined : 'Write a formula.';
    case 'SingleSelect':
    case 'MultiSelect':
      return draft.options.some((o) => !o.title.trim()) ? 'Every option needs a name.' : undefined;
    default:
      return undefined;
  }
}

const isBlank = (value: unknown) => value === null || value === undefined || value === '';

/** The column request for the whole draft (adding a field). */
export function createBody(draft: FieldDraft, tableId: string): Record<string, unknown> {
  const body: Record<string, unknown> = {
    title: draft.title.trim(),
    uidt: draft.uidt,
    description: draft.description.trim() || null,
  };
  if (isPlainType(draft.uidt)) body.rqd = draft.required;
  if (takesDefault(draft.uidt) && !isBlank(draft.defaultValue)) body.cdf = draft.defaultValue;
  if (Object.keys(draft.meta).length > 0) body.meta = { ...draft.meta };
  switch (draft.uidt) {
    case 'SingleSelect':
    case 'MultiSelect':
      body.colOptions = {
        options: draft.options.map((o, index) => ({
          ...(o.id ? { id: o.id } : {}),
          title: o.title.trim(),
          color: o.color,
          order: index + 1,
        })),
      };
      break;
    case 'Links':
    case 'LinkToAnotherRecord':
      body.parentId = tableId;
      body.childId = draft.linkTableId;
      body.type = draft.relationType;
      break;
    case 'Lookup':
      body.fk_relation_column_id = draft.relationFieldId;
      body.fk_lookup_column_id = draft.targetFieldId;
      break;
    case 'Rollup':
      body.fk_relation_column_id = draft.relationFieldId;
      body.fk_rollup_column_id = draft.targetFieldId;
      body.rollup_function = draft.rollupFunction;
      break;
    case 'Formula':
      body.formula_raw = draft.formula;
      break;
    default:
  }
  return body;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The column request for changes to `original`: only keys that changed. Links and lookups
 * keep their wiring (only title and description change); a rollup may change its function.
 */
export function updateBody(draft: FieldDraft, original: Field, tableId: string): Record<string, unknown> {
  const full = createBody(draft, tableId);
  const before = draftOf(original);
  const body: Record<string, unknown> = {};
  if (full.title !== original.title) body.title = full.title;
  if ((full.description ?? null) !== (original.description || null)) body.description = full.description;
  const typeChanged = draft.uidt !== original.uidt;
  if (typeChanged) body.uidt = draft.uidt;
  if (isPlainType(draft.uidt) && draft.required !== original.rqd) body.rqd = draft.required;
  if (takesDefault(draft.uidt) && (typeChanged || !same(draft.defaultValue, before.defaultValue)))
    body.cdf = isBlank(draft.defaultValue) ? null : draft.defaultValue;
  if (full.meta && (typeChanged || !same(draft.meta, before.meta))) body.meta = full.meta;
  if (full.colOptions && (typeChanged || !same(draft.options, before.options)))
    body.colOptions = full.colOptions;
  if (draft.uidt === 'Formula' && draft.formula !== before.formula) body.formula_raw = draft.formula;
  if (draft.uidt === 'Rollup' && draft.rollupFunction !== before.rollupFunction)
    body.rollup_function = draft.rollupFunction;
  return body;
}
