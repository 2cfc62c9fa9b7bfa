import type { FilterCondition, FilterExpression, FilterNode, FilterTerm } from './filter-ast.ts';
import { filterExpressionsEqual } from './filter-nodes.ts';
import { parseLegacyFilter } from './legacy-filter-parser.ts';

/**
 * Syntax tree → canonical `where` string that parses back to an equal tree. The legacy form
 * is used when it reads back exactly; otherwise (a field or value with characters the legacy
 * scanner cannot delimit, surrounding whitespace, …) the `@` form with every field and value
 * quoted.
 */
export function printFilter(expression: FilterExpression): string {
  const legacy = printExpression(expression, printLegacyCondition);
  if (readsBack(legacy, expression, parseLegacyFilter)) return legacy;
  return `@${printExpression(expression, printQuotedCondition)}`;
}

/** The `@` form with every field and value quoted; always unambiguous. */
export function printQuotedFilter(expression: FilterExpression): string {
  return `@${printExpression(expression, printQuotedCondition)}`;
}

function readsBack(
  text: string,
  expression: FilterExpression,
  parse: (text: string) => FilterExpression,
): boolean {
  // Cheap rejections first: the legacy form cannot carry these at all.
  if (text.trimStart().startsWith('@')) return false;
  try {
    return filterExpressionsEqual(parse(text), expression);
  } catch {
    return false;
  }
}

type ConditionPrinter = (condition: FilterCondition) => string;

function printExpression(expression: FilterExpression, printCondition: ConditionPrinter): string {
  return expression.terms.map((term, index) => printTerm(term, index, printCondition)).join('');
}

function printTerm(term: FilterTerm, index: number, printCondition: ConditionPrinter): string {
  const joiner = index === 0 ? (term.joiner === 'not' ? '~not' : '') : `~${term.joiner}`;
  return `${joiner}${printNode(term.node, printCondition)}`;
}

function printNode(node: FilterNode, printCondition: ConditionPrinter): string {
  if (node.kind === 'group') return `(${printExpression(node.expression, printCondition)})`;
  return printCondition(node);
}

function printLegacyCondition(condition: FilterCondition): string {
  const value = condition.value === null ? '' : `,${condition.value}`;
  return `(${condition.field},${condition.op}${value})`;
}

function printQuotedCondition(condition: FilterCondition): string {
  const value = condition.value === null ? '' : `,${quote(condition.value)}`;
  return `(${quote(condition.field)},${condition.op}${value})`;
}

function quote(text: string): string {
  return `'${text.replace(/[\\']/g, (char) => `\\${char}`)}'`;
}
