import { describe, expect, it } from 'vitest';
import {
  defaultOptionColor,
  getFieldType,
  InvalidFieldValue,
  selectOptionPalette,
  validateSelectOptionTitle,
} from '../../src/fields/index.ts';
import { type AcceptRow, contextOf, expectAccepted, expectInvalid, fieldOf } from './field-test-helpers.ts';

describe('Checkbox', () => {
  const field = fieldOf('Checkbox');
  it.each<AcceptRow>([
    { input: true, canonical: true },
    { input: false, canonical: false },
    { input: 1, canonical: true },
    { input: 0, canonical: false },
    { input: 'true', canonical: true },
    { input: ' TRUE ', canonical: true },
    { input: 'False', canonical: false },
    { input: '1', canonical: true },
    { input: '0', canonical: false },
    { input: '', canonical: null },
    { input: null, canonical: null },
    ...['yes', 'Y', 'checked', 'ON'].map((input) => ({ input, canonical: true, typecast: true })),
    ...['no', 'n', 'Unchecked', 'off'].map((input) => ({ input, canonical: false, typecast: true })),
  ])('accepts $input (typecast: $typecast)', (row) => expectAccepted(field, row));

  it.each([
    ['yes', false],
    ['on', false],
    ['maybe', true],
    [2, true],
    [-1, false],
    [0.5, true],
    [[true], true],
    [{}, false],
  ])('rejects %j (typecast: %s)', (input, typecast) =>
    expectInvalid(field, input, 'Expected true or false, got', typecast),
  );

  it('names the value', () => expectInvalid(field, 'maybe', 'Expected true or false, got "maybe"'));

  it('always answers booleans, also for 0/1 from SQLite', () => {
    const type = getFieldType('Checkbox');
    expect(type.toApiValue(1, field, 'v2')).toBe(true);
    expect(type.toApiValue(0, field, 'v3')).toBe(false);
    expect(type.toApiValue(1n, field, 'v2')).toBe(true);
    expect(type.toApiValue(null, field, 'v2')).toBeNull();
    expect(() => type.toApiValue(2, field, 'v2')).toThrow(TypeError);
  });
});

describe('SingleSelect', () => {
  const field = fieldOf('SingleSelect', {}, ['Todo', 'In progress', 'Done', '42']);
  it.each<AcceptRow>([
    { input: 'Todo', canonical: 'Todo' },
    { input: '  In progress ', canonical: 'In progress' },
    { input: 42, canonical: '42' },
    { input: '', canonical: null },
    { input: null, canonical: null },
    { input: ['Done'], canonical: 'Done', typecast: true },
    { input: [], canonical: null, typecast: true },
  ])('accepts $input', (row) => expectAccepted(field, row));

  it.each([
    ['todo', "Invalid option 'todo' for field 'My SingleSelect'"],
    ['Blocked', "Invalid option 'Blocked' for field 'My SingleSelect'"],
    [['Todo'], 'Expected an option title, got an array'],
    [{ title: 'Todo' }, 'Expected an option title, got an object'],
    [true, 'Expected an option title, got true'],
  ])('rejects %j', (input, message) => expectInvalid(field, input, message));

  it('with typecast adds an unknown option once and accepts it', () => {
    const context = contextOf(true);
    expect(getFieldType('SingleSelect').parseInput(' Blocked ', field, context)).toBe('Blocked');
    expect(context.added).toStrictEqual(['Blocked']);
  });

  it('does not add options without typecast', () => {
    const context = contextOf(false);
    expect(() => getFieldType('SingleSelect').parseInput('Blocked', field, context)).toThrow(
      InvalidFieldValue,
    );
    expect(context.added).toStrictEqual([]);
  });

  it('with typecast still rejects titles that cannot be options', () => {
    expectInvalid(field, 'a,b', 'must not contain a comma', true);
    expectInvalid(field, ['a', 'b'], 'Expected one option, got a list of 2', true);
  });
});

describe('MultiSelect', () => {
  const field = fieldOf('MultiSelect', {}, ['Red', 'Green', 'Blue', '7']);
  it.each<AcceptRow>([
    { input: ['Red', 'Blue'], canonical: 'Red,Blue', v3: ['Red', 'Blue'] },
    { input: 'Blue,Red', canonical: 'Blue,Red', v3: ['Blue', 'Red'] },
    { input: ' Red , Green ,', canonical: 'Red,Green', v3: ['Red', 'Green'] },
    { input: ['Red', 'Red', 'Green', 'Red'], canonical: 'Red,Green', v3: ['Red', 'Green'] },
    { input: ['Red,Green', 'Blue'], canonical: 'Red,Green,Blue', v3: ['Red', 'Green', 'Blue'] },
    { input: ['Red', null, ''], canonical: 'Red', v3: ['Red'] },
    { input: [7], canonical: '7', v3: ['7'] },
    { input: 'Green', canonical: 'Green', v3: ['Green'] },
    { input: [], canonical: null },
    { input: '', canonical: null },
    { input: ' , ', canonical: null },
    { input: null, canonical: null },
  ])('accepts $input', (row) => expectAccepted(field, row));

  it.each([
    ['red', "Invalid option 'red' for field 'My MultiSelect'"],
    [['Red', 'Pink', 'Teal'], "Invalid options 'Pink', 'Teal' for field 'My MultiSelect'"],
    [{ a: 1 }, 'Expected a list of option titles or comma-separated text, got an object'],
    [7, 'Expected a list of option titles or comma-separated text, got 7'],
    [[['Red']], 'Expected an option title, got an array'],
    [[true], 'Expected an option title, got true'],
  ])('rejects %j', (input, message) => expectInvalid(field, input, message));

  it('with typecast adds each unknown option once', () => {
    const context = contextOf(true);
    const value = getFieldType('MultiSelect').parseInput(['Pink', 'Red', 'Pink', 'Teal'], field, context);
    expect(value).toBe('Pink,Red,Teal');
    expect(context.added).toStrictEqual(['Pink', 'Teal']);
  });
});

describe('select option helpers', () => {
  it.each(['Todo', 'In progress', '🚀 Launch', 'x'.repeat(255)])('accepts title %s', (title) =>
    expect(validateSelectOptionTitle(title)).toBe(title),
  );
  it.each([
    ['', 'Option title must not be empty'],
    ['   ', 'Option title must not be empty'],
    [' Todo', 'must not start or end with spaces'],
    ['a,b', 'Option title "a,b" must not contain a comma'],
    ['a\nb', 'must not contain a line break'],
    ['x'.repeat(256), 'Option title is longer than 255 characters'],
    [3, 'Option title must be text, got 3'],
  ])('rejects title %j', (title, message) => {
    expect(() => validateSelectOptionTitle(title)).toThrow(InvalidFieldValue);
    expect(() => validateSelectOptionTitle(title)).toThrow(message);
  });

  it('cycles the palette', () => {
    expect(defaultOptionColor(0)).toBe(selectOptionPalette[0]);
    expect(defaultOptionColor(selectOptionPalette.length + 1)).toBe(selectOptionPalette[1]);
    expect(defaultOptionColor(-1)).toBe(selectOptionPalette.at(-1));
    expect(defaultOptionColor(Number.NaN)).toBe(selectOptionPalette[0]);
    expect(new Set(selectOptionPalette).size).toBe(selectOptionPalette.length);
    for (const color of selectOptionPalette) expect(color).toMatch(/^#[0-9a-f]{6}$/);
  });
});
