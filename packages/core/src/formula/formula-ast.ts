/**
 * The formula language's syntax tree, as the parser produces it: immutable, and every node
 * knows where it was written (`start`/`end` are 0-based UTF-16 offsets into the formula text,
 * `end` exclusive). Error messages report `start + 1` as the 1-based position.
 */

export interface FormulaSpan {
  readonly start: number;
  readonly end: number;
}

export interface FormulaNumber extends FormulaSpan {
  readonly kind: 'number';
  readonly value: number;
}

export interface FormulaText extends FormulaSpan {
  readonly kind: 'text';
  readonly value: string;
}

export interface FormulaBoolean extends FormulaSpan {
  readonly kind: 'boolean';
  readonly value: boolean;
}

/** `{Field title}`, `{fieldId}` or a bare word naming a field. */
export interface FormulaFieldRef extends FormulaSpan {
  readonly kind: 'field';
  /** The name inside the braces (escapes removed), or the bare word. */
  readonly ref: string;
  readonly braced: boolean;
}

export interface FormulaCall extends FormulaSpan {
  readonly kind: 'call';
  /** Upper-cased function name. */
  readonly name: string;
  readonly args: readonly FormulaNode[];
}

export type FormulaUnaryOp = '-' | '+' | '!';

export interface FormulaUnary extends FormulaSpan {
  readonly kind: 'unary';
  readonly op: FormulaUnaryOp;
  readonly operand: FormulaNode;
}

export type FormulaBinaryOp =
  | '+'
  | '-'
  | '*'
  | '/'
  | '&'
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | '&&'
  | '||';

export interface FormulaBinary extends FormulaSpan {
  readonly kind: 'binary';
  readonly op: FormulaBinaryOp;
  /** Where the operator itself was written (errors about it point here). */
  readonly opStart: number;
  readonly left: FormulaNode;
  readonly right: FormulaNode;
}

export type FormulaNode =
  | FormulaNumber
  | FormulaText
  | FormulaBoolean
  | FormulaFieldRef
  | FormulaCall
  | FormulaUnary
  | FormulaBinary;

/** Freezes a freshly built node (children are frozen when they are built). */
export function formulaNode<T extends FormulaNode>(node: T): T {
  if (node.kind === 'call') Object.freeze(node.args);
  return Object.freeze(node);
}

/** Every node of a tree, parents before children, left to right. */
export function* walkFormula(node: FormulaNode): Generator<FormulaNode> {
  yield node;
  switch (node.kind) {
    case 'call':
      for (const arg of node.args) yield* walkFormula(arg);
      break;
    case 'unary':
      yield* walkFormula(node.operand);
      break;
    case 'binary':
      yield* walkFormula(node.left);
      yield* walkFormula(node.right);
      break;
    default:
      break;
  }
}
