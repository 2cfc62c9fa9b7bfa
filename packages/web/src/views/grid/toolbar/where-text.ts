// Builds `where` filter text (docs/filters.md) from conditions the toolbar makes itself:
// search terms and the conditions that select one group of a grouped grid. The legacy form
// has no quoting, so any field or value it could not delimit switches the whole text to the
// `@` form, where every field and value is quoted.

export interface WhereCondition {
  /** Field title. */
  readonly field: string;
  readonly op: string;
  /** The operand; absent for operators without one (`blank`). */
  readonly value?: string | undefined;
}

/** Characters that can end or open a term in the legacy form. */
const legacyUnsafeValue = /[()~]/;
const legacyUnsafeField = /[(),~]/;

function legacySafe(condition: WhereCondition): boolean {
  return (
    condition.field !== '' &&
    !legacyUnsafeField.test(condition.field) &&
    (condition.value === undefined || !legacyUnsafeValue.test(condition.value))
  );
}

function quoted(text: string): string {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function legacyTerm({ field, op, value }: WhereCondition): string {
  return value === undefined ? `(${field},${op})` : `(${field},${op},${value})`;
}

function quotedTerm({ field, op, value }: WhereCondition): string {
  return value === undefined ? `(${quoted(field)},${op})` : `(${quoted(field)},${op},${quoted(value)})`;
}

/** All conditions ANDed, as one `where` text; undefined when there are none. */
export function whereText(conditions: readonly WhereCondition[]): string | undefined {
  if (conditions.length === 0) return undefined;
  if (conditions.every(legacySafe)) return conditions.map(legacyTerm).join('~and');
  return `@${conditions.map(quotedTerm).join(' ~and ')}`;
}
