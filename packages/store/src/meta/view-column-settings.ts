import type { ViewFieldModel } from '@tessera/core';

/**
 * What a view keeps per field beyond visibility, order and width, in the column's `meta`
 * JSON: the label and help text a form shows, whether the form requires the field, and free
 * `meta` for clients. Any view may hold them; forms use them.
 */
export interface ViewColumnSettings {
  readonly label: string | null;
  readonly description: string | null;
  readonly required: boolean;
  readonly meta: Readonly<Record<string, unknown>>;
}

export const MAX_COLUMN_LABEL = 255;
export const MAX_COLUMN_DESCRIPTION = 1000;

const textOrNull = (value: unknown) => (typeof value === 'string' ? value : null);

function objectOrEmpty(value: unknown): Readonly<Record<string, unknown>> {
  return value && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** A column's settings; a field without a column row (or with an empty `meta`) has the defaults. */
export function viewColumnSettings(column: Pick<ViewFieldModel, 'meta'> | undefined): ViewColumnSettings {
  const stored = column?.meta ?? {};
  return {
    label: textOrNull(stored.label),
    description: textOrNull(stored.description),
    required: stored.required === true,
    meta: objectOrEmpty(stored.meta),
  };
}
