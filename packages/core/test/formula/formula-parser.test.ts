import { describe, expect, it } from 'vitest';
import {
  type FormulaNode,
  MAX_FORMULA_DEPTH,
  MAX_FORMULA_LENGTH,
  parseFormula,
  tokenizeFormula,
  walkFormula,
} from '../../src/formula/index.ts';

/** A compact rendering of a tree: calls and operators in prefix form, positions left out. */
function render(node: FormulaNode): string {
  switch (node.kind) {
    case 'number':
      return String(node.value);
    case 'text':
      return JSON.stringify(node.value);
    case 'boolean':
      return node.value ? 'TRUE' : 'FALSE';
    case 'field':
      return `{${node.ref}}`;
    case 'call':
      return `${node.name}(${node.args.map(render).join(', ')})`;
    case 'unary':
      return `(${node.op}${render(node.operand)})`;
    case 'binary':
      return `(${render(node.left)} ${node.op} ${render(node.right)})`;
  }
}

const shapes: readonly [string, string][] = [
  ['1 + 2 * 3', '(1 + (2 * 3))'],
  ['(1 + 2) * 3', '((1 + 2) * 3)'],
  ['2 - 3 - 4', '((2 - 3) - 4)'],
  ['8 / 2 / 2', '((8 / 2) / 2)'],
  ['-2 * 3', '((-2) * 3)'],
  ['--1', '(-(-1))'],
  ['!{Done} && {A} || {B}', '(((!{Done}) && {A}) || {B})'],
  ['{A} || {B} && {C}', '({A} || ({B} && {C}))'],
  ['{A} = 1 && {B} <> 2', '(({A} = 1) && ({B} != 2))'],
  ['{A} == 1', '({A} = 1)'],
  ['"a" & "b" = "ab"', '(("a" & "b") = "ab")'],
  ['1 + 2 & "x"', '((1 + 2) & "x")'],
  ['{A} >= 1', '({A} >= 1)'],
  ['{A}<=1', '({A} <= 1)'],
  ['if({A}, 1)', 'IF({A}, 1)'],
  ['Concat()', 'CONCAT()'],
  ['NOW( )', 'NOW()'],
  [
    'IF({A} > 1, "big", IF({A} > 0, "small", "none"))',
    'IF(({A} > 1), "big", IF(({A} > 0), "small", "none"))',
  ],
  ['true', 'TRUE'],
  ['False', 'FALSE'],
  ['Qty * 2', '({Qty} * 2)'],
  ['{Unit Price} * 1.5e2', '({Unit Price} * 150)'],
  ['.5 + 3.', '(0.5 + 3)'],
  ['{ Spaced }', '{Spaced}'],
  ['{a\\}b}', '{a}b}'],
  ['{a\\\\b}', '{a\\b}'],
  ['{a\\b}', '{a\\b}'],
  ["'it\\'s'", '"it\'s"'],
  ['"tab\\there\\nline"', '"tab\\there\\nline"'],
  ['"\\q"', '"q"'],
  ['"x" &\n "y"', '("x" & "y")'],
  ['{Größe} + Straße', '({Größe} + {Straße})'],
];

describe('parseFormula', () => {
  it.each(shapes)('%s', (text, shape) => {
    expect(render(parseFormula(text))).toBe(shape);
  });

  it('records where every node was written', () => {
    const tree = parseFormula('IF({A} > 10, "x")');
    const spans = [...walkFormula(tree)].map((n) => [n.kind, n.start, n.end]);
    expect(spans).toStrictEqual([
      ['call', 0, 17],
      ['binary', 3, 11],
      ['field', 3, 6],
      ['number', 9, 11],
      ['text', 13, 16],
    ]);
    expect(tree.kind === 'call' && tree.args[0]?.kind === 'binary' && tree.args[0].opStart).toBe(7);
  });

  it('returns frozen trees', () => {
    const tree = parseFormula('CONCAT({A}, 1 + 2)');
    expect(Object.isFrozen(tree)).toBe(true);
    for (const node of walkFormula(tree)) expect(Object.isFrozen(node)).toBe(true);
    expect(tree.kind === 'call' && Object.isFrozen(tree.args)).toBe(true);
  });

  it('tokenizes operators by their longest spelling', () => {
    expect(tokenizeFormula('a<=b<>c&&d').map((t) => t.text)).toStrictEqual([
      'a',
      '<=',
      'b',
      '!=',
      'c',
      '&&',
      'd',
      '',
    ]);
  });

  it('accepts formulas up to its limits and refuses beyond them', () => {
    const deep = `${'('.repeat(MAX_FORMULA_DEPTH - 1)}1${')'.repeat(MAX_FORMULA_DEPTH - 1)}`;
    expect(render(parseFormula(deep))).toBe('1');
    expect(() =>
      parseFormula(`${'('.repeat(MAX_FORMULA_DEPTH + 1)}1${')'.repeat(MAX_FORMULA_DEPTH + 1)}`),
    ).toThrow(
      `Formula is nested more than ${MAX_FORMULA_DEPTH} levels deep at position ${MAX_FORMULA_DEPTH + 1}`,
    );
    expect(() => parseFormula(`"${'x'.repeat(MAX_FORMULA_LENGTH)}"`)).toThrow(
      `Formula is longer than ${MAX_FORMULA_LENGTH} characters`,
    );
    expect(() => parseFormula(Array.from({ length: 1500 }, () => '1').join(' + '))).toThrow(
      /^Formula has more than 2000 parts at position \d+$/,
    );
  });
});
