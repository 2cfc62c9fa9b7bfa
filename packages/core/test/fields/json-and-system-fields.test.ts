import { describe, expect, it } from 'vitest';
import { getFieldType } from '../../src/fields/index.ts';
import { type AcceptRow, expectAccepted, expectInvalid, fieldOf } from './field-test-helpers.ts';

describe('JSON', () => {
  const field = fieldOf('JSON');
  it.each<AcceptRow>([
    { input: { a: 1, b: [true, null, 'x'] }, canonical: { a: 1, b: [true, null, 'x'] } },
    { input: [1, 2, 3], canonical: [1, 2, 3] },
    { input: 42, canonical: 42 },
    { input: false, canonical: false },
    { input: '{"a":1}', canonical: { a: 1 } },
    { input: ' [1, 2] ', canonical: [1, 2] },
    { input: '"quoted text"', canonical: 'quoted text' },
    { input: '12.5', canonical: 12.5 },
    { input: 'true', canonical: true },
    { input: 'null', canonical: null },
    { input: '', canonical: null },
    { input: null, canonical: null },
    { input: { skipped: undefined, kept: 1 }, canonical: { kept: 1 } },
    { input: { n: -0 }, canonical: { n: 0 } },
    { input: 'plain text', canonical: 'plain text', typecast: true },
    { input: '{"a":1}', canonical: { a: 1 }, typecast: true },
  ])('accepts $input', (row) => expectAccepted(field, row));

  it.each([
    ['plain text', 'Expected JSON; "plain text" is not valid JSON'],
    ['{a:1}', 'Expected JSON; "{a:1}" is not valid JSON'],
    ["{'a':1}", 'is not valid JSON'],
    [Number.NaN, 'Expected a JSON value, got NaN'],
    [{ a: Number.POSITIVE_INFINITY }, 'Expected a JSON value, got Infinity'],
    [new Date(0), 'Expected a JSON value, got an object that is not plain data'],
    [new Map(), 'not plain data'],
    [new Array(3), 'Expected a JSON value, got an array with holes'],
    [10n, 'Expected a JSON value, got 10n'],
    [() => 1, 'Expected a JSON value, got a function'],
  ])('rejects %s', (input, message) => expectInvalid(field, input, message));

  it('rejects cycles and excessive depth', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expectInvalid(field, cyclic, 'JSON value contains a cycle');
    let deep: unknown = 1;
    for (let i = 0; i < 150; i += 1) deep = [deep];
    expectInvalid(field, deep, 'nested more than 100 levels deep');
    expectInvalid(field, JSON.stringify(deep), 'nested more than 100 levels deep');
  });

  it('keeps shared (non-cyclic) references and "__proto__" keys as data', () => {
    const shared = { x: 1 };
    expect(
      getFieldType('JSON').parseInput({ a: shared, b: shared }, field, { typecast: false, addOption() {} }),
    ).toStrictEqual({
      a: { x: 1 },
      b: { x: 1 },
    });
    const parsed = getFieldType('JSON').parseInput('{"__proto__":{"polluted":true}}', field, {
      typecast: false,
      addOption() {},
    }) as Record<string, unknown>;
    expect(Object.keys(parsed)).toStrictEqual(['__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});

describe.each(['ID', 'CreatedTime', 'LastModifiedTime'] as const)('%s (server-managed)', (uidt) => {
  const field = fieldOf(uidt);
  it('is server-managed and refuses every client value', () => {
    expect(getFieldType(uidt).serverManaged).toBe(true);
    for (const value of [1, '2024-01-01 00:00:00+00:00', null, '']) {
      expectInvalid(field, value, `${uidt} values are set by the server and cannot be written`);
      expectInvalid(field, value, 'cannot be written', true);
    }
  });
});

describe('server-managed output', () => {
  it('ID renders integers', () => {
    const field = fieldOf('ID');
    expect(getFieldType('ID').toApiValue(7, field, 'v2')).toBe(7);
    expect(getFieldType('ID').toApiValue('7', field, 'v3')).toBe(7);
    expect(getFieldType('ID').toApiValue(7n, field, 'v3')).toBe(7);
  });
  it.each(['CreatedTime', 'LastModifiedTime'] as const)('%s renders like DateTime', (uidt) => {
    const field = fieldOf(uidt);
    for (const version of ['v2', 'v3'] as const) {
      expect(getFieldType(uidt).toApiValue('2024-01-31 13:45:10+00:00', field, version)).toBe(
        '2024-01-31 13:45:10+00:00',
      );
      expect(getFieldType(uidt).toApiValue(null, field, version)).toBeNull();
    }
    expect(getFieldType(uidt).storage).toBe('datetime');
  });
});
