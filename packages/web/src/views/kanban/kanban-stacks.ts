// A kanban board's stacks: "Uncategorized" first, then one per option of the grouping
// SingleSelect field in option order, each with the `where` filter that lists its cards.
import type { Field, RecordRow } from '../../api/types.ts';
import { optionColor } from '../../fields/select-colors.ts';

export const uncategorizedKey = 'uncategorized';

export interface StackDef {
  /** The option's id (its title when it has none), or `uncategorized`; names the stack in view meta. */
  readonly key: string;
  readonly title: string;
  readonly color: string | null;
  /** The select value cards in this stack have; null for uncategorized. */
  readonly value: string | null;
}

export function stacksOf(field: Field): StackDef[] {
  const options = [...(field.colOptions?.options ?? [])].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  return [
    { key: uncategorizedKey, title: 'Uncategorized', color: null, value: null },
    ...options.map((option) => ({
      key: option.id ?? option.title,
      title: option.title,
      color: optionColor(field, option.title),
      value: option.title,
    })),
  ];
}

/** A quoted term of the `@` filter form (docs/filters.md): backslash escapes quote and backslash. */
export function quoteFilterTerm(text: string): string {
  return `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;
}

/** The filter listing one stack's cards. */
export function stackWhere(field: Field, stack: StackDef): string {
  const name = quoteFilterTerm(field.id);
  return stack.value === null ? `@(${name},blank)` : `@(${name},eq,${quoteFilterTerm(stack.value)})`;
}

/** The stack a record belongs in by its value of the grouping field. */
export function stackKeyOf(stacks: readonly StackDef[], field: Field, record: RecordRow): string {
  const value = record[field.title];
  if (value === null || value === undefined || value === '') return uncategorizedKey;
  return stacks.find((s) => s.value === value)?.key ?? uncategorizedKey;
}
