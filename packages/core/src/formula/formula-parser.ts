import { type FormulaBinaryOp, type FormulaNode, type FormulaUnaryOp, formulaNode } from './formula-ast.ts';
import { formulaError } from './formula-error.ts';
import { type FormulaToken, tokenizeFormula } from './formula-lexer.ts';
import { MAX_FORMULA_DEPTH, MAX_FORMULA_LENGTH, MAX_FORMULA_NODES } from './formula-limits.ts';

/** Binary operators by precedence level, loosest first; all associate to the left. */
const levels: readonly (readonly FormulaBinaryOp[])[] = [
  ['||'],
  ['&&'],
  ['=', '!=', '<', '<=', '>', '>='],
  ['&'],
  ['+', '-'],
  ['*', '/'],
];

const unaryOps: ReadonlySet<string> = new Set(['-', '+', '!']);

function describeToken(token: FormulaToken): string {
  switch (token.kind) {
    case 'end':
      return 'end of formula';
    case 'number':
      return `number ${token.text}`;
    case 'text':
      return `text ${token.text}`;
    case 'field':
      return `field reference ${token.text}`;
    case 'word':
      return `name '${token.text}'`;
    default:
      return `'${token.text}'`;
  }
}

/**
 * Formula text → frozen syntax tree. Grammar (loosest first):
 *
 *     expr    := or
 *     or      := and ('||' and)*
 *     and     := compare ('&&' compare)*
 *     compare := concat (('=' | '==' | '!=' | '<>' | '<' | '<=' | '>' | '>=') concat)*
 *     concat  := sum ('&' sum)*
 *     sum     := product (('+' | '-') product)*
 *     product := unary (('*' | '/') unary)*
 *     unary   := ('-' | '+' | '!') unary | primary
 *     primary := number | string | '{' field '}' | NAME '(' [expr (',' expr)*] ')'
 *              | TRUE | FALSE | NAME | '(' expr ')'
 *
 * A bare NAME is a field reference; function names and TRUE/FALSE are case-insensitive.
 * Throws FormulaError (422) with the 1-based position of the problem.
 */
export function parseFormula(text: string): FormulaNode {
  if (typeof text !== 'string') formulaError('Formula must be text');
  if (text.length > MAX_FORMULA_LENGTH)
    formulaError(`Formula is longer than ${MAX_FORMULA_LENGTH} characters`);
  if (text.includes('\u0000')) formulaError('Formula contains a NUL character', text.indexOf('\u0000'));
  const tokens = tokenizeFormula(text);
  if (tokens.length === 1) formulaError('Formula is empty');
  let index = 0;
  let depth = 0;
  let nodes = 0;

  const peek = (): FormulaToken => tokens[index]!;
  const next = (): FormulaToken => tokens[index++]!;
  const unexpected = (token: FormulaToken): never =>
    formulaError(`Unexpected ${describeToken(token)}`, token.start);
  const count = <T extends FormulaNode>(node: T): T => {
    nodes++;
    if (nodes > MAX_FORMULA_NODES)
      formulaError(`Formula has more than ${MAX_FORMULA_NODES} parts`, node.start);
    return formulaNode(node);
  };
  const enter = (token: FormulaToken): void => {
    depth++;
    if (depth > MAX_FORMULA_DEPTH)
      formulaError(`Formula is nested more than ${MAX_FORMULA_DEPTH} levels deep`, token.start);
  };

  const closeParen = (open: FormulaToken, expected: string): FormulaToken => {
    const token = peek();
    if (token.kind === ')') return next();
    if (token.kind === 'end') return formulaError(`Missing ')' to close '('`, open.start);
    return formulaError(`Expected ${expected} but found ${describeToken(token)}`, token.start);
  };

  const parseBinary = (level: number): FormulaNode => {
    if (level === levels.length) return parseUnary();
    let left = parseBinary(level + 1);
    for (;;) {
      const token = peek();
      if (token.kind !== 'op' || !levels[level]!.includes(token.text as FormulaBinaryOp)) return left;
      next();
      if (peek().kind === 'end') formulaError(`Expected a value after '${token.text}'`, token.start);
      const right = parseBinary(level + 1);
      left = count({
        kind: 'binary',
        op: token.text as FormulaBinaryOp,
        opStart: token.start,
        left,
        right,
        start: left.start,
        end: right.end,
      });
    }
  };

  const parseUnary = (): FormulaNode => {
    const token = peek();
    if (token.kind === 'op' && unaryOps.has(token.text)) {
      next();
      enter(token);
      if (peek().kind === 'end') formulaError(`Expected a value after '${token.text}'`, token.start);
      const operand = parseUnary();
      depth--;
      return count({
        kind: 'unary',
        op: token.text as FormulaUnaryOp,
        operand,
        start: token.start,
        end: operand.end,
      });
    }
    return parsePrimary();
  };

  const parseCall = (name: FormulaToken): FormulaNode => {
    const open = next();
    enter(open);
    const args: FormulaNode[] = [];
    if (peek().kind !== ')') {
      for (;;) {
        const token = peek();
        if (token.kind === ',' || token.kind === ')') unexpected(token);
        if (token.kind === 'end') formulaError(`Missing ')' to close '('`, open.start);
        args.push(parseBinary(0));
        if (peek().kind !== ',') break;
        next();
      }
    }
    const close = closeParen(open, "',' or ')'");
    depth--;
    return count({
      kind: 'call',
      name: name.text.toUpperCase(),
      args,
      start: name.start,
      end: close.end,
    });
  };

  const parsePrimary = (): FormulaNode => {
    const token = peek();
    switch (token.kind) {
      case 'number':
        next();
        return count({ kind: 'number', value: token.value as number, start: token.start, end: token.end });
      case 'text':
        next();
        return count({ kind: 'text', value: token.value as string, start: token.start, end: token.end });
      case 'field':
        next();
        return count({
          kind: 'field',
          ref: token.value as string,
          braced: true,
          start: token.start,
          end: token.end,
        });
      case 'word': {
        next();
        if (peek().kind === '(') return parseCall(token);
        const upper = token.text.toUpperCase();
        if (upper === 'TRUE' || upper === 'FALSE')
          return count({ kind: 'boolean', value: upper === 'TRUE', start: token.start, end: token.end });
        return count({ kind: 'field', ref: token.text, braced: false, start: token.start, end: token.end });
      }
      case '(': {
        next();
        enter(token);
        if (peek().kind === ')') formulaError('Empty parentheses', token.start);
        if (peek().kind === 'end') formulaError(`Missing ')' to close '('`, token.start);
        const inner = parseBinary(0);
        closeParen(token, "')'");
        depth--;
        return inner;
      }
      default:
        return unexpected(token);
    }
  };

  const root = parseBinary(0);
  const rest = peek();
  if (rest.kind !== 'end') {
    if (rest.kind === ')') formulaError(`Unexpected ')' without a matching '('`, rest.start);
    unexpected(rest);
  }
  return root;
}
