import { describe, expect, it } from 'vitest';
import { getFieldType } from '../../src/fields/index.ts';
import { type AcceptRow, expectAccepted, expectInvalid, fieldOf } from './field-test-helpers.ts';

describe('Number', () => {
  const field = fieldOf('Number');
  const accepted: AcceptRow[] = [
    { input: 12, canonical: 12 },
    { input: -7, canonical: -7 },
    { input: 0, canonical: 0 },
    { input: -0, canonical: 0 },
    { input: '12', canonical: 12 },
    { input: ' 12 ', canonical: 12 },
    { input: '+5', canonical: 5 },
    { input: '12.0', canonical: 12 },
    { input: '1e3', canonical: 1000 },
    { input: Number.MAX_SAFE_INTEGER, canonical: Number.MAX_SAFE_INTEGER },
    { input: '', canonical: null },
    { input: '  ', canonical: null },
    { input: null, canonical: null },
    { input: 12.5, canonical: 13, typecast: true },
    { input: '-2.4', canonical: -2, typecast: true },
    { input: '-0.4', canonical: 0, typecast: true },
    { input: '1,234', canonical: 1234, typecast: true },
    { input: '$12', canonical: 12, typecast: true },
    { input: '-$1,000', canonical: -1000, typecast: true },
    { input: '12 €', canonical: 12, typecast: true },
    { input: true, canonical: 1, typecast: true },
    { input: false, canonical: 0, typecast: true },
  ];
  it.each(accepted)('accepts $input (typecast: $typecast)', (row) => expectAccepted(field, row));

  it.each([
    [12.5, false, 'Expected a whole number, got 12.5'],
    ['12.5', false, 'Expected a whole number, got "12.5"'],
    ['abc', false, 'Expected a number, got "abc"'],
    ['abc', true, 'Expected a number, got "abc"'],
    ['1,234', false, 'Expected a number, got "1,234"'],
    ['$12', false, 'Expected a number, got "$12"'],
    ['12,5', true, 'Expected a number, got "12,5"'],
    ['1,23', true, 'Expected a number, got "1,23"'],
    ['0x10', true, 'Expected a number, got "0x10"'],
    ['Infinity', true, 'Expected a number'],
    ['1e400', false, 'Expected a finite number, got "1e400"'],
    [Number.NaN, false, 'Expected a finite number, got NaN'],
    [Number.POSITIVE_INFINITY, true, 'Expected a finite number, got Infinity'],
    [true, false, 'Expected a number, got true'],
    [{}, true, 'Expected a number, got an object'],
    [[1], true, 'Expected a number, got an array'],
    [
      2 ** 53,
      false,
      'Expected a whole number from -9007199254740991 to 9007199254740991, got 9007199254740992',
    ],
    ['12%', true, 'Expected a number, got "12%"'],
  ])('rejects %s (typecast: %s)', (input, typecast, message) =>
    expectInvalid(field, input, message, typecast),
  );

  it('tolerates driver drift on output', () => {
    const type = getFieldType('Number');
    expect(type.toApiValue('42', field, 'v2')).toBe(42);
    expect(type.toApiValue(42n, field, 'v2')).toBe(42);
    expect(() => type.toApiValue('x', field, 'v2')).toThrow('Stored Number value is not canonical: "x"');
  });
});

describe.each([
  ['Decimal', 1],
  ['Currency', 2],
  ['Percent', 2],
] as const)('%s', (uidt, precision) => {
  const field = fieldOf(uidt);
  it('has the NocoDB default precision', () => expect(field.meta.precision).toBe(precision));
  it.each<AcceptRow>([
    { input: 12.345678, canonical: 12.345678 },
    { input: '0.1', canonical: 0.1 },
    { input: ' -3.5 ', canonical: -3.5 },
    { input: '.5', canonical: 0.5 },
    { input: 7, canonical: 7 },
    { input: '', canonical: null },
    { input: '1,234.5', canonical: 1234.5, typecast: true },
    { input: '€ 9.99', canonical: 9.99, typecast: true },
  ])('accepts $input (typecast: $typecast), not rounded to precision', (row) => expectAccepted(field, row));

  it.each([
    ['ten', 'Expected a number, got "ten"'],
    [false, 'Expected a number, got false'],
    ['1,234.5', 'Expected a number, got "1,234.5"'],
  ])('rejects %s', (input, message) => expectInvalid(field, input, message));
});

describe('Percent', () => {
  const field = fieldOf('Percent');
  it('reads "50%" only with typecast', () => {
    expectAccepted(field, { input: '50%', canonical: 50, typecast: true });
    expectAccepted(field, { input: '12.5 %', canonical: 12.5, typecast: true });
    expectInvalid(field, '50%', 'Expected a number, got "50%"');
  });
});

describe('Rating', () => {
  const field = fieldOf('Rating');
  const ten = fieldOf('Rating', { max: 10 });
  it.each<AcceptRow>([
    { input: 0, canonical: 0 },
    { input: 5, canonical: 5 },
    { input: '3', canonical: 3 },
    { input: '', canonical: null },
    { input: 3.6, canonical: 4, typecast: true },
  ])('accepts $input', (row) => expectAccepted(field, row));

  it('uses meta.max', () => expectAccepted(ten, { input: 10, canonical: 10 }));

  it.each([
    [6, false, 'Expected a rating from 0 to 5, got 6'],
    [-1, false, 'Expected a rating from 0 to 5, got -1'],
    [5.6, true, 'Expected a rating from 0 to 5, got 6'],
    [2.5, false, 'Expected a whole number, got 2.5'],
    ['many', false, 'Expected a rating (a whole number), got "many"'],
  ])('rejects %s', (input, typecast, message) => expectInvalid(field, input, message, typecast));
});

describe('Duration', () => {
  const field = fieldOf('Duration');
  it.each<AcceptRow>([
    { input: 90, canonical: 90 },
    { input: 1.5, canonical: 1.5 },
    { input: '90', canonical: 90 },
    { input: '1:30', canonical: 5400 },
    { input: '0:05', canonical: 300 },
    { input: '1:30:15', canonical: 5415 },
    { input: '100:00:01', canonical: 360001 },
    { input: '1:30:15.25', canonical: 5415.25 },
    { input: '-0:30', canonical: -1800 },
    { input: ' 2:00 ', canonical: 7200 },
    { input: '', canonical: null },
  ])('accepts $input', (row) => expectAccepted(field, row));

  it.each([
    ['1:60', 'Expected a duration in seconds or as h:mm or h:mm:ss, got "1:60"'],
    ['1:5', 'Expected a duration'],
    ['1:30:75', 'Expected a duration'],
    ['1h30', 'Expected a duration'],
    [':30', 'Expected a duration'],
    [true, 'Expected a duration in seconds or as h:mm or h:mm:ss, got true'],
  ])('rejects %s', (input, message) => expectInvalid(field, input, message));
});

describe('number meta', () => {
  it.each([
    ['Number', {}, { isLocaleString: false }],
    ['Number', { isLocaleString: true }, { isLocaleString: true }],
    ['Decimal', { precision: 4 }, { precision: 4, isLocaleString: false }],
    ['Decimal', { precision: null }, { precision: 1, isLocaleString: false }],
    ['Currency', {}, { currency_locale: 'en-US', currency_code: 'USD', precision: 2 }],
    [
      'Currency',
      { currency_code: 'eur', currency_locale: 'de-de', precision: 0 },
      { currency_locale: 'de-DE', currency_code: 'EUR', precision: 0 },
    ],
    ['Percent', { is_progress: true }, { precision: 2, is_progress: true }],
    ['Duration', { duration: 4 }, { duration: 4 }],
    [
      'Rating',
      { max: 10, extra: 'kept' },
      {
        iconIdx: 0,
        icon: { full: 'mdi-star', empty: 'mdi-star-outline' },
        color: '#fcb401',
        max: 10,
        extra: 'kept',
      },
    ],
  ] as const)('%s %j → %j', (uidt, meta, expected) => {
    expect(getFieldType(uidt).normaliseMeta(meta)).toStrictEqual(expected);
  });

  it.each([
    ['Decimal', { precision: 9 }, 'meta.precision must be a whole number from 0 to 8, got 9'],
    ['Decimal', { precision: 1.5 }, 'meta.precision must be a whole number from 0 to 8, got 1.5'],
    ['Decimal', { precision: '2' }, 'meta.precision must be a whole number from 0 to 8, got "2"'],
    ['Percent', { precision: -1 }, 'meta.precision must be a whole number from 0 to 8, got -1'],
    ['Number', { isLocaleString: 'no' }, 'meta.isLocaleString must be true or false, got "no"'],
    [
      'Currency',
      { currency_code: 'US' },
      'meta.currency_code must be a three-letter currency code such as \'USD\', got "US"',
    ],
    ['Currency', { currency_code: 'U$D' }, 'meta.currency_code must be a three-letter currency code'],
    [
      'Currency',
      { currency_locale: 'not a locale' },
      "meta.currency_locale must be a locale tag such as 'en-US'",
    ],
    ['Currency', { currency_locale: 3 }, "meta.currency_locale must be a locale tag such as 'en-US', got 3"],
    ['Currency', { precision: 10 }, 'meta.precision must be a whole number from 0 to 8, got 10'],
    ['Rating', { max: 0 }, 'meta.max must be a whole number from 1 to 10, got 0'],
    ['Rating', { max: 11 }, 'meta.max must be a whole number from 1 to 10, got 11'],
    ['Rating', { color: '' }, 'meta.color must be a non-empty string, got ""'],
    ['Duration', { duration: 5 }, 'meta.duration must be a whole number from 0 to 4, got 5'],
  ] as const)('%s rejects %j', (uidt, meta, message) => {
    expect(() => getFieldType(uidt).normaliseMeta(meta)).toThrow(message);
  });

  it('does not share default objects between fields', () => {
    const a = getFieldType('Rating').normaliseMeta({});
    (a.icon as Record<string, unknown>).full = 'changed';
    expect(getFieldType('Rating').normaliseMeta({}).icon).toStrictEqual({
      full: 'mdi-star',
      empty: 'mdi-star-outline',
    });
    expect(Object.isFrozen(getFieldType('Rating').defaultMeta.icon)).toBe(true);
  });
});
