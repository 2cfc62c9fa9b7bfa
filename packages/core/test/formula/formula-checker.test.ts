import { describe, expect, it } from 'vitest';
import type { FieldModel, FieldTypeName } from '../../src/index.ts';
import {
  callableFormulaFunctions,
  checkFormula,
  displayFormula,
  FormulaError,
  findDependencyCycle,
  formulaFieldInfo,
  formulaFieldResolver,
  formulaRawOf,
  formulaReferenceIds,
  parseFormula,
  storedFormula,
  type TypedFormula,
} from '../../src/index.ts';

function field(id: string, title: string, uidt: FieldTypeName, meta: Record<string, unknown> = {}) {
  return { id, title, uidt, meta, options: [] } as unknown as FieldModel;
}

const fields = [
  field('c_name', 'Name', 'SingleLineText'),
  field('c_qty', 'Qty', 'Number'),
  field('c_price', 'Unit Price', 'Decimal'),
  field('c_done', 'Done', 'Checkbox'),
  field('c_due', 'Due', 'Date'),
  field('c_at', 'At', 'DateTime'),
  field('c_tm', 'Tm', 'Time'),
  field('c_data', 'Data', 'JSON'),
  field('c_total', 'Total', 'Formula', { formula: '{c_qty} * 2', result_type: 'number' }),
  field('c_broken', 'Broken', 'Formula', {}),
  field('c_lookup', 'Titles', 'Lookup', { fk_relation_column_id: 'c_link', fk_lookup_column_id: 'x' }),
  field('c_links', 'Episodes', 'Links'),
  field('c_one', 'Series', 'LinkToAnotherRecord'),
  field('c_sum', 'Minutes', 'Rollup', { rollup_function: 'sum', fk_rollup_column_id: 'r_len' }),
  field('c_first', 'First air', 'Rollup', { rollup_function: 'min', fk_rollup_column_id: 'r_aired' }),
  field('c_id', 'Secret}\\', 'SingleLineText'),
];
const elsewhere = [field('r_len', 'Length', 'Number'), field('r_aired', 'Aired', 'Date')];
const byId = (id: string) => [...fields, ...elsewhere].find((f) => f.id === id);
const resolve = formulaFieldResolver(fields, byId);
const check = (text: string) => checkFormula(parseFormula(text), resolve);

/** The tree with types, conversions as `to(x)`, calls by catalogue name. */
function typed(node: TypedFormula): string {
  switch (node.kind) {
    case 'convert':
      return `${node.type}(${typed(node.arg)})`;
    case 'call':
      return `${node.fn}${node.option ? `[${node.option}]` : ''}(${node.args.map(typed).join(', ')})`;
    case 'field':
      return `{${node.fieldId}}`;
    case 'blank':
      return 'BLANK';
    default:
      return JSON.stringify(node.value);
  }
}

const results: readonly [string, string, string][] = [
  ['{Qty} * {Unit Price}', 'number', 'MULTIPLY({c_qty}, {c_price})'],
  ['{Done} + 1', 'number', 'ADD(number({c_done}), 1)'],
  ['LEN({Qty})', 'number', 'LEN(text({c_qty}))'],
  ['CONCAT({Name}, {Due}, {Done})', 'text', 'CONCAT({c_name}, text({c_due}), text({c_done}))'],
  ['{Name} & 1', 'text', 'CONCAT({c_name}, text(1))'],
  ['IF({Name}, 1, 2)', 'number', 'IF(boolean({c_name}), 1, 2)'],
  ['IF({Done}, 1, "x")', 'text', 'IF({c_done}, text(1), "x")'],
  ['IF({Done}, {Due}, {At})', 'datetime', 'IF({c_done}, datetime({c_due}), {c_at})'],
  ['IF({Done}, 1, TRUE)', 'number', 'IF({c_done}, 1, number(true))'],
  ['IF({Done}, BLANK(), 3)', 'number', 'IF({c_done}, number(BLANK), 3)'],
  ['IF({Done}, 1)', 'number', 'IF({c_done}, 1)'],
  ['BLANK()', 'text', 'text(BLANK)'],
  ['{Due} < {At}', 'boolean', 'LT(datetime({c_due}), {c_at})'],
  ['{Qty} = TRUE', 'boolean', 'EQ({c_qty}, number(true))'],
  ['{Qty} = BLANK()', 'boolean', 'ISBLANK({c_qty})'],
  ['BLANK() != {Name}', 'boolean', 'ISNOTBLANK({c_name})'],
  ['SWITCH({Qty}, 1, "one", 2, "two", "many")', 'text', 'SWITCH({c_qty}, 1, "one", 2, "two", "many")'],
  ['SWITCH({Due}, {At}, 1)', 'number', 'SWITCH(datetime({c_due}), {c_at}, 1)'],
  ['DATEADD({Due}, 1, "Months")', 'date', 'DATEADD[month]({c_due}, 1)'],
  ['DATEADD({Due}, 1, "hour")', 'datetime', 'DATEADD[hour](datetime({c_due}), 1)'],
  ['DATEADD({At}, 1, "day")', 'datetime', 'DATEADD[day]({c_at}, 1)'],
  ['DATETIME_DIFF({At}, {Due})', 'number', 'DATETIME_DIFF[second]({c_at}, {c_due})'],
  ['DATETIME_DIFF({At}, {Due}, "M")', 'number', 'DATETIME_DIFF[month]({c_at}, {c_due})'],
  ['DATETIME_DIFF({At}, {Due}, "m")', 'number', 'DATETIME_DIFF[minute]({c_at}, {c_due})'],
  ['WEEKDAY({Due})', 'number', 'WEEKDAY[monday]({c_due})'],
  ['WEEKDAY({Due}, "SUNDAY")', 'number', 'WEEKDAY[sunday]({c_due})'],
  ['NOT({Qty}) || !{Name}', 'boolean', 'OR(NOT(boolean({c_qty})), NOT(boolean({c_name})))'],
  ['-{Done}', 'number', 'NEGATE(number({c_done}))'],
  ['+{Qty}', 'number', '{c_qty}'],
  ['{Total} + 1', 'number', 'ADD({c_total}, 1)'],
  ['{Tm}', 'text', '{c_tm}'],
  ['{Titles}', 'text', '{c_lookup}'],
  ['{Episodes} + {Minutes}', 'number', 'ADD({c_links}, {c_sum})'],
  ['{First air}', 'date', '{c_first}'],
  ['{Secret\\}\\\\}', 'text', '{c_id}'],
  ['{c_qty}', 'number', '{c_qty}'],
  ['ISBLANK(BLANK())', 'boolean', 'ISBLANK(BLANK)'],
];

/** Invalid formulas and the exact message each gets (positions are 1-based). */
const invalid: readonly [string, string][] = [
  ['', 'Formula is empty'],
  ['   ', 'Formula is empty'],
  ['CONCATT("a")', "Unknown function 'CONCATT' at position 1"],
  ['1 + ADD(1, 2)', "Unknown function 'ADD' at position 5"],
  ['{Foo} + 1', "Field 'Foo' not found at position 1"],
  ['{Qty} + Nope', "Field 'Nope' not found at position 9"],
  ['IF(1)', 'IF expects 2 or 3 arguments, got 1 at position 1'],
  ['IF(1, 2, 3, 4)', 'IF expects 2 or 3 arguments, got 4 at position 1'],
  ['LEN()', 'LEN expects 1 argument, got 0 at position 1'],
  ['NOW(1)', 'NOW expects no arguments, got 1 at position 1'],
  ['MID("abc")', 'MID expects 3 arguments, got 1 at position 1'],
  ['CONCAT()', 'CONCAT expects at least 1 argument, got 0 at position 1'],
  ['SWITCH(1, 2)', 'SWITCH expects at least 3 arguments, got 2 at position 1'],
  ['DATETIME_DIFF({Due})', 'DATETIME_DIFF expects 2 or 3 arguments, got 1 at position 1'],
  ['(1 + 2', "Missing ')' to close '(' at position 1"],
  ['ROUND(1, 2', "Missing ')' to close '(' at position 6"],
  ['1 + 2)', "Unexpected ')' without a matching '(' at position 6"],
  ['()', 'Empty parentheses at position 1'],
  ['(1 2)', "Expected ')' but found number 2 at position 4"],
  ['IF(1 2)', "Expected ',' or ')' but found number 2 at position 6"],
  ['"abc', 'Unterminated string starting at position 1'],
  ["1 & 'abc", 'Unterminated string starting at position 5'],
  ['{Name', 'Unterminated field reference starting at position 1'],
  ['{ }', 'Empty field reference {} at position 1'],
  ['Name}', "Unexpected '}' without a matching '{' at position 5"],
  ['1 $ 2', "Unexpected character '$' at position 3"],
  ['1 2', 'Unexpected number 2 at position 3'],
  ['"a" "b"', 'Unexpected text "b" at position 5'],
  ['1 +', "Expected a value after '+' at position 3"],
  ['-', "Expected a value after '-' at position 1"],
  ['SUM(1,)', "Unexpected ')' at position 7"],
  ['IF(,1)', "Unexpected ',' at position 4"],
  ['* 2', "Unexpected '*' at position 1"],
  ['1..2', "Invalid number '1..2' at position 1"],
  ['12abc', "Invalid number '12abc' at position 1"],
  ['1e999', "Number '1e999' is too large at position 1"],
  ['DATEADD("2024-01-01", 1, "day")', 'DATEADD expects a date as argument 1, got text at position 9'],
  ['DATEADD({Due}, {Name}, "day")', 'DATEADD expects a number as argument 2, got text at position 16'],
  [
    'DATEADD({Due}, 1, "fortnight")',
    "DATEADD unit must be one of 'day', 'week', 'month', 'year', 'hour', 'minute', 'second', got 'fortnight' at position 19",
  ],
  ['DATEADD({Due}, 1, {Name})', "DATEADD unit must be written as text, such as 'day' at position 19"],
  [
    'WEEKDAY({Due}, "funday")',
    "WEEKDAY first day of the week must be one of 'sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', got 'funday' at position 16",
  ],
  [
    'DATETIME_DIFF({Due}, {Name}, "days")',
    'DATETIME_DIFF expects a date as argument 2, got text at position 22',
  ],
  ['DATESTR({Qty})', 'DATESTR expects a date, got number at position 9'],
  ['YEAR("2024")', 'YEAR expects a date, got text at position 6'],
  ['{Name} * 2', "Operator '*' expects a number, got text at position 1"],
  ['2 / {Due}', "Operator '/' expects a number, got date at position 5"],
  ['{Due} + 1', "Operator '+' expects a number, got date (use DATEADD to shift dates) at position 1"],
  ['"a" + "b"', "Operator '+' expects a number, got text (use & or CONCAT to join text) at position 1"],
  ['-"a"', "Operator '-' expects a number, got text at position 2"],
  ['ROUND("1.5", 2)', 'ROUND expects a number as argument 1, got text at position 7'],
  ['SQRT({At})', 'SQRT expects a number, got datetime at position 6'],
  ['MAX(1, {Name})', 'MAX expects a number as argument 2, got text at position 8'],
  ['{Qty} = "3"', "Cannot compare number with text using '=' at position 7"],
  ['{Due} > 3', "Cannot compare date with number using '>' at position 7"],
  ['{Done} < "x"', "Cannot compare boolean with text using '<' at position 8"],
  ['SWITCH({Qty}, "a", 1)', 'SWITCH cannot compare number with text at position 15'],
  [
    '{Data}',
    "Field 'Data' cannot be used in a formula: JSON fields cannot be used in formulas at position 1",
  ],
  [
    '1 + {Series}',
    "Field 'Series' cannot be used in a formula: a link to one record cannot be used directly; add a Lookup of the field you need at position 5",
  ],
  ['{Broken}', "Field 'Broken' cannot be used in a formula: its own formula is not valid at position 1"],
  ['"nul\u0000"', 'Formula contains a NUL character at position 5'],
];

describe('checkFormula', () => {
  it.each(results)('%s → %s', (text, type, tree) => {
    const checked = check(text);
    expect(checked.type).toBe(type);
    expect(typed(checked.tree)).toBe(tree);
  });

  it.each(invalid)('refuses %j', (text, message) => {
    let error: unknown;
    try {
      check(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FormulaError);
    expect((error as FormulaError).message).toBe(message);
    expect((error as FormulaError).status).toBe(422);
    expect((error as FormulaError).code).toBe('ERR_SCHEMA_INVALID');
    const position = /at position (\d+)$/.exec(message)?.[1];
    expect((error as FormulaError).details).toStrictEqual(
      position ? { position: Number(position) } : undefined,
    );
  });

  it('has at least 50 refusals with exact messages', () => {
    expect(invalid.length).toBeGreaterThanOrEqual(50);
  });

  it('lists the fields a formula names, once each, in order', () => {
    expect(check('{Qty} * {Unit Price} + {Qty} + LEN({Name})').fieldIds).toStrictEqual([
      'c_qty',
      'c_price',
      'c_name',
    ]);
  });

  it('documents every callable function with a syntax and a description', () => {
    const names = callableFormulaFunctions.map((f) => f.name);
    expect(new Set(names).size).toBe(names.length);
    for (const fn of callableFormulaFunctions) {
      expect(fn.syntax.startsWith(`${fn.name}(`)).toBe(true);
      expect(fn.description.length).toBeGreaterThan(5);
      expect(fn.minArgs).toBeLessThanOrEqual(fn.maxArgs);
    }
  });
});

describe('formula references', () => {
  it('stores field ids and shows current titles, keeping the rest as written', () => {
    const { stored, checked } = storedFormula('IF( {Qty}>2 ,Name & "{x}", {Secret\\}\\\\} )', resolve);
    expect(stored).toBe('IF( {c_qty}>2 ,{c_name} & "{x}", {c_id} )');
    expect(checked.type).toBe('text');
    const titles = (id: string) => ({ c_qty: 'Quantity', c_name: 'Name', c_id: 'a}b' })[id];
    expect(displayFormula(stored, titles)).toBe('IF( {Quantity}>2 ,{Name} & "{x}", {a\\}b} )');
    expect(displayFormula(stored, () => undefined)).toBe(stored);
    expect(displayFormula('1 +', () => 'x')).toBe('1 +');
    expect(formulaReferenceIds(stored)).toStrictEqual(['c_qty', 'c_name', 'c_id']);
    expect(formulaReferenceIds('(')).toStrictEqual([]);
    expect(formulaRawOf({ meta: { formula: '{c_qty} + 1' } }, [{ id: 'c_qty', title: 'Qty' }])).toBe(
      '{Qty} + 1',
    );
  });

  it('finds dependency cycles through the changed field only', () => {
    const graph: Record<string, string[]> = { a: ['b', 'x'], b: ['c'], c: ['a'], x: ['y'], y: ['x'] };
    const deps = (id: string) => graph[id] ?? [];
    expect(findDependencyCycle('a', deps)).toStrictEqual(['a', 'b', 'c', 'a']);
    expect(findDependencyCycle('x', deps)).toStrictEqual(['x', 'y', 'x']);
    expect(findDependencyCycle('q', () => ['q'])).toStrictEqual(['q', 'q']);
    expect(findDependencyCycle('b', (id) => (id === 'b' ? ['x'] : deps(id)))).toBeUndefined();
  });

  it('gives every field type a formula type or a reason', () => {
    expect(
      formulaFieldInfo(field('1', 'A', 'Rollup', { rollup_function: 'max', fk_rollup_column_id: 'r_aired' })),
    ).toMatchObject({
      type: 'number',
      source: 'number',
    });
    expect(formulaFieldInfo(byId('c_first')!, byId)).toMatchObject({
      id: 'c_first',
      title: 'First air',
      type: 'date',
    });
    expect(formulaFieldInfo(field('2', 'B', 'Attachment')).type).toStrictEqual({
      unsupported: 'Attachment fields cannot be used in formulas',
    });
    expect(formulaFieldInfo(field('3', 'C', 'AutoNumber'))).toMatchObject({
      type: 'number',
      source: 'number',
    });
  });
});
