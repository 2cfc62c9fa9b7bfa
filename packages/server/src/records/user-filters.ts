import {
  type FilterExpression,
  type FilterNode,
  filterExpression,
  filterGroup,
  filterTerm,
  findFieldByRef,
  isUserEmailRef,
  type TableModel,
  type ViewModel,
} from '@tessera/core';
import type { UserDirectory, UserSummary } from '@tessera/store';

const USER_TYPES = new Set(['User', 'CreatedBy', 'LastModifiedBy']);
/** Operators whose value lists users exactly (text like patterns are left alone). */
const EXACT_OPERATORS = new Set(['eq', 'neq', 'in', 'anyof', 'allof', 'nanyof', 'nallof', 'gb_eq']);
const EMAIL_LIKE = /[^\s,()~'"`]+@[^\s,()~'"`]+/g;

function rewriteNode(
  node: FilterNode,
  table: TableModel,
  userOf: (ref: string) => UserSummary | undefined,
): FilterNode {
  if (node.kind === 'group') return filterGroup(rewrite(node.expression, table, userOf));
  const field = findFieldByRef(table, node.field);
  if (
    !field ||
    !USER_TYPES.has(field.uidt) ||
    node.value === null ||
    !EXACT_OPERATORS.has(node.op.toLowerCase())
  )
    return node;
  const value = node.value
    .split(',')
    .map((part) => {
      const ref = part.trim();
      return isUserEmailRef(ref) ? (userOf(ref)?.id ?? ref) : ref;
    })
    .join(',');
  return value === node.value ? node : Object.freeze({ ...node, value });
}

function rewrite(
  expression: FilterExpression,
  table: TableModel,
  userOf: (ref: string) => UserSummary | undefined,
) {
  return filterExpression(
    expression.terms.map((term) => filterTerm(term.joiner, rewriteNode(term.node, table, userOf))),
  );
}

/**
 * Lets filters on User, CreatedBy and LastModifiedBy fields name users by e-mail as well as
 * by id (`where=(CreatedBy,eq,ann@example.com)`): the e-mails found in the `where` text and the
 * view's filters are looked up first (one query), then each condition's e-mails become ids.
 * An unknown e-mail stays as written and so matches nothing. Resolves to undefined when the
 * table has no such field or no e-mail is written.
 */
export async function userFilterRewrite(
  users: UserDirectory,
  table: TableModel,
  where: unknown,
  view: ViewModel | undefined,
): Promise<((expression: FilterExpression) => FilterExpression) | undefined> {
  if (!table.fields.some((f) => USER_TYPES.has(f.uidt))) return undefined;
  const texts = [...(Array.isArray(where) ? where.map(String) : typeof where === 'string' ? [where] : [])];
  for (const filter of view?.filters ?? []) if (typeof filter.value === 'string') texts.push(filter.value);
  const emails = new Set(texts.flatMap((text) => text.match(EMAIL_LIKE) ?? []).map((e) => e.toLowerCase()));
  if (emails.size === 0) return undefined;
  const userOf = await users.lookup(emails);
  return (expression) => rewrite(expression, table, userOf);
}
