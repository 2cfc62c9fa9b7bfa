import type { FormulaBinaryOp, FormulaCall, FormulaNode } from './formula-ast.ts';
import { formulaError } from './formula-error.ts';
import { type FormulaFunction, type FormulaParamKind, formulaFunctions } from './formula-functions.ts';
import { MAX_FORMULA_DEPTH } from './formula-limits.ts';
import type {
  CheckedFormula,
  FormulaFieldResolver,
  FormulaType,
  FormulaValueType,
  TypedFormula,
} from './formula-types.ts';

const binaryFunctions: Readonly<Record<FormulaBinaryOp, string>> = {
  '+': 'ADD',
  '-': 'SUBTRACT',
  '*': 'MULTIPLY',
  '/': 'DIVIDE',
  '&': 'CONCAT',
  '=': 'EQ',
  '!=': 'NEQ',
  '<': 'LT',
  '<=': 'LTE',
  '>': 'GT',
  '>=': 'GTE',
  '&&': 'AND',
  '||': 'OR',
};

const comparisons: ReadonlySet<string> = new Set(['EQ', 'NEQ', 'LT', 'LTE', 'GT', 'GTE']);
const calendarUnits: ReadonlySet<string> = new Set(['day', 'week', 'month', 'year']);

/** Wraps a typed node so it has type `to` (the compiler implements each conversion). */
function convert(node: TypedFormula, to: FormulaType): TypedFormula {
  return node.type === to ? node : Object.freeze({ kind: 'convert', type: to, from: node.type, arg: node });
}

function call(fn: string, type: FormulaValueType, args: TypedFormula[], option?: string): TypedFormula {
  return Object.freeze({
    kind: 'call',
    fn,
    type,
    args: Object.freeze(args),
    ...(option === undefined ? {} : { option }),
  });
}

/** Common type of results that may differ (IF branches, SWITCH results): mixed kinds become text. */
function unify(types: readonly FormulaValueType[]): FormulaValueType {
  const kinds = new Set(types.filter((t) => t !== 'blank'));
  if (kinds.size === 0) return 'blank';
  if (kinds.size === 1) return [...kinds][0]!;
  if ([...kinds].every((t) => t === 'number' || t === 'boolean')) return 'number';
  if ([...kinds].every((t) => t === 'date' || t === 'datetime')) return 'datetime';
  return 'text';
}

/** Type two or more values are compared as, or undefined when they cannot be compared. */
function comparable(types: readonly FormulaValueType[]): FormulaType | undefined {
  const kinds = [...new Set(types.filter((t) => t !== 'blank'))];
  if (kinds.length === 0) return 'text';
  if (kinds.length === 1) return kinds[0];
  if (kinds.every((t) => t === 'number' || t === 'boolean')) return 'number';
  if (kinds.every((t) => t === 'date' || t === 'datetime')) return 'datetime';
  return undefined;
}

/**
 * Type-checks a parsed formula against the table's fields: every name resolves, every
 * function exists and gets the right number and kinds of arguments. Returns the typed tree
 * (with implicit conversions made explicit), the result type and the referenced field ids.
 * Throws FormulaError with the 1-based position of the first problem.
 */
export function checkFormula(ast: FormulaNode, resolve: FormulaFieldResolver): CheckedFormula {
  const fieldIds: string[] = [];

  const coerce = (
    node: TypedFormula,
    kind: FormulaParamKind,
    at: number,
    who: string,
    where = '',
    hint = '',
  ): TypedFormula => {
    switch (kind) {
      case 'any':
        return node;
      case 'text':
        return convert(node, 'text');
      case 'truth':
        return convert(node, 'boolean');
      case 'number':
        if (node.type === 'number' || node.type === 'boolean' || node.type === 'blank')
          return convert(node, 'number');
        return formulaError(`${who} expects a number${where}, got ${node.type}${hint}`, at);
      case 'date':
        if (node.type === 'date' || node.type === 'datetime') return node;
        if (node.type === 'blank') return convert(node, 'date');
        return formulaError(`${who} expects a date${where}, got ${node.type}`, at);
    }
  };

  const checkCall = (spec: FormulaFunction, node: FormulaCall, depth: number): TypedFormula => {
    const count = node.args.length;
    if (count < spec.minArgs || count > spec.maxArgs)
      formulaError(`${spec.name} expects ${arityText(spec)}, got ${count}`, node.start);
    const option = spec.option;
    let chosen: string | undefined;
    if (option) {
      const arg = node.args[option.index];
      if (arg === undefined) chosen = option.fallback;
      else {
        if (arg.kind !== 'text')
          formulaError(
            `${spec.name} ${option.what} must be written as text, such as '${firstChoice(spec)}'`,
            arg.start,
          );
        chosen = option.exact?.[arg.value] ?? option.values[arg.value.toLowerCase()];
        if (chosen === undefined)
          formulaError(
            `${spec.name} ${option.what} must be one of ${choicesText(spec)}, got '${arg.value}'`,
            arg.start,
          );
      }
    }
    const args: TypedFormula[] = [];
    node.args.forEach((argNode, index) => {
      if (index === option?.index) return;
      const kind = spec.params[Math.min(index, spec.params.length - 1)]!;
      const typed = check(argNode, depth + 1);
      args.push(
        coerce(typed, kind, argNode.start, spec.name, spec.maxArgs === 1 ? '' : ` as argument ${index + 1}`),
      );
    });
    if (spec.result !== 'custom') return call(spec.name, spec.result, args, chosen);
    switch (spec.name) {
      case 'IF': {
        const type = unify(args.slice(1).map((a) => a.type));
        const [condition, ...branches] = args;
        return call('IF', type, [
          condition!,
          ...branches.map((b) => (type === 'blank' ? b : convert(b, type))),
        ]);
      }
      case 'SWITCH':
        return checkSwitch(args, node);
      case 'DATEADD': {
        const [date, amount] = args;
        if (chosen !== undefined && calendarUnits.has(chosen) && date!.type !== 'datetime')
          return call('DATEADD', 'date', [convert(date!, 'date'), amount!], chosen);
        return call('DATEADD', 'datetime', [convert(date!, 'datetime'), amount!], chosen);
      }
      default:
        return formulaError(`${spec.name} is not implemented`, node.start);
    }
  };

  const checkSwitch = (args: TypedFormula[], node: FormulaCall): TypedFormula => {
    const [value, ...rest] = args;
    const hasDefault = rest.length % 2 === 1;
    const pairs = Math.floor(rest.length / 2);
    const patterns = Array.from({ length: pairs }, (_, i) => rest[i * 2]!);
    const results = [
      ...Array.from({ length: pairs }, (_, i) => rest[i * 2 + 1]!),
      ...(hasDefault ? [rest.at(-1)!] : []),
    ];
    patterns.forEach((pattern, i) => {
      if (comparable([value!.type, pattern.type]) === undefined)
        formulaError(
          `SWITCH cannot compare ${value!.type} with ${pattern.type}`,
          node.args[1 + i * 2]!.start,
        );
    });
    const keyType = comparable([value!.type, ...patterns.map((p) => p.type)]);
    if (keyType === undefined) return formulaError('SWITCH patterns have different types', node.start);
    const type = unify(results.map((r) => r.type));
    const out: TypedFormula[] = [convert(value!, keyType)];
    const fit = (r: TypedFormula) => (type === 'blank' ? r : convert(r, type));
    for (const [i, pattern] of patterns.entries()) out.push(convert(pattern, keyType), fit(results[i]!));
    if (hasDefault) out.push(fit(results.at(-1)!));
    return call('SWITCH', type, out);
  };

  const checkComparison = (
    fn: string,
    left: TypedFormula,
    right: TypedFormula,
    at: number,
    symbol: string,
  ) => {
    if ((fn === 'EQ' || fn === 'NEQ') && (left.type === 'blank' || right.type === 'blank')) {
      const other = left.type === 'blank' ? right : left;
      return call(fn === 'EQ' ? 'ISBLANK' : 'ISNOTBLANK', 'boolean', [other]);
    }
    const type = comparable([left.type, right.type]);
    if (type === undefined)
      return formulaError(`Cannot compare ${left.type} with ${right.type} using '${symbol}'`, at);
    return call(fn, 'boolean', [convert(left, type), convert(right, type)]);
  };

  const check = (node: FormulaNode, depth: number): TypedFormula => {
    if (depth > MAX_FORMULA_DEPTH)
      formulaError(`Formula is nested more than ${MAX_FORMULA_DEPTH} levels deep`, node.start);
    switch (node.kind) {
      case 'number':
        return Object.freeze({ kind: 'number', type: 'number', value: node.value });
      case 'text':
        return Object.freeze({ kind: 'text', type: 'text', value: node.value });
      case 'boolean':
        return Object.freeze({ kind: 'boolean', type: 'boolean', value: node.value });
      case 'field': {
        const field = resolve(node.ref);
        if (!field) return formulaError(`Field '${node.ref}' not found`, node.start);
        if (typeof field.type !== 'string')
          return formulaError(
            field.type.message ??
              `Field '${field.title}' cannot be used in a formula: ${field.type.unsupported}`,
            node.start,
          );
        if (!fieldIds.includes(field.id)) fieldIds.push(field.id);
        return Object.freeze({ kind: 'field', type: field.type, fieldId: field.id, source: field.source });
      }
      case 'call': {
        const spec = formulaFunctions.get(node.name);
        if (!spec || spec.operator !== undefined)
          return formulaError(`Unknown function '${node.name}'`, node.start);
        if (node.name === 'BLANK' && node.args.length === 0)
          return Object.freeze({ kind: 'blank', type: 'blank' });
        return checkCall(spec, node, depth);
      }
      case 'unary': {
        const operand = check(node.operand, depth + 1);
        if (node.op === '!') return call('NOT', 'boolean', [convert(operand, 'boolean')]);
        const number = coerce(operand, 'number', node.operand.start, `Operator '${node.op}'`);
        return node.op === '-' ? call('NEGATE', 'number', [number]) : number;
      }
      case 'binary': {
        const fn = binaryFunctions[node.op];
        const left = check(node.left, depth + 1);
        const right = check(node.right, depth + 1);
        if (comparisons.has(fn)) return checkComparison(fn, left, right, node.opStart, node.op);
        const spec = formulaFunctions.get(fn)!;
        const kind = spec.params[0]!;
        const who = `Operator '${node.op}'`;
        const hint = (t: TypedFormula) =>
          (node.op === '+' || node.op === '-') && (t.type === 'date' || t.type === 'datetime')
            ? ' (use DATEADD to shift dates)'
            : node.op === '+' && t.type === 'text'
              ? ' (use & or CONCAT to join text)'
              : '';
        return call(fn, spec.result as FormulaValueType, [
          coerce(left, kind, node.left.start, who, '', hint(left)),
          coerce(right, kind, node.right.start, who, '', hint(right)),
        ]);
      }
    }
  };

  const tree = check(ast, 1);
  const type: FormulaType = tree.type === 'blank' ? 'text' : tree.type;
  return Object.freeze({ tree: convert(tree, type), type, fieldIds: Object.freeze(fieldIds) });
}

function arityText(spec: FormulaFunction): string {
  const noun = (n: number) => (n === 1 ? 'argument' : 'arguments');
  if (spec.maxArgs === Number.POSITIVE_INFINITY) return `at least ${spec.minArgs} ${noun(spec.minArgs)}`;
  if (spec.minArgs === spec.maxArgs)
    return spec.minArgs === 0 ? 'no arguments' : `${spec.minArgs} ${noun(spec.minArgs)}`;
  if (spec.maxArgs === spec.minArgs + 1) return `${spec.minArgs} or ${spec.maxArgs} arguments`;
  return `${spec.minArgs} to ${spec.maxArgs} arguments`;
}

function choices(spec: FormulaFunction): string[] {
  return [...new Set(Object.values(spec.option?.values ?? {}))];
}

function firstChoice(spec: FormulaFunction): string {
  return choices(spec)[0] ?? '';
}

function choicesText(spec: FormulaFunction): string {
  return choices(spec)
    .map((c) => `'${c}'`)
    .join(', ');
}
