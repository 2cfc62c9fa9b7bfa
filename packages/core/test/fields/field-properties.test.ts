import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type FieldDefinition,
  type FieldTypeName,
  fieldTypeNames,
  getFieldType,
  InvalidFieldValue,
  type JsonValue,
} from '../../src/fields/index.ts';
import { contextOf, fieldOf } from './field-test-helpers.ts';

const optionTitles = ['Red', 'Green', 'Blue', 'Dark blue', '42', 'ünï'];

function fieldFor(name: FieldTypeName): FieldDefinition {
  return fieldOf(name, {}, name === 'SingleSelect' || name === 'MultiSelect' ? optionTitles : []);
}

/** Any JS value a (buggy or hostile) caller could pass, far beyond what JSON can carry. */
const anyValue = fc.oneof(
  fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    stringUnit: 'binary',
  }),
  fc.jsonValue(),
  fc.string(),
  fc.stringMatching(/^[\d\s:.,+\-$%€TZ/apmAPM]{0,30}$/),
  fc.double(),
  fc.constantFrom(
    ...optionTitles,
    'Red,Blue',
    ['Red', 'Nope'],
    'yes',
    'on',
    '1:30',
    '2024-02-29',
    '12:00 PM',
  ),
);

function isJsonData(value: unknown): boolean {
  try {
    return Object.is(value, null) || JSON.stringify(value) !== undefined;
  } catch {
    return false;
  }
}

describe.each(fieldTypeNames.map((name) => [name]))('%s properties', (name) => {
  const type = getFieldType(name);
  const field = fieldFor(name);

  it('parseInput throws nothing but InvalidFieldValue and returns JSON data that renders', () => {
    fc.assert(
      fc.property(anyValue, fc.boolean(), (value, typecast) => {
        let parsed: JsonValue;
        try {
          parsed = type.parseInput(value, field, contextOf(typecast));
        } catch (error) {
          if (!(error instanceof InvalidFieldValue)) throw error;
          expect(error.message.length).toBeGreaterThan(0);
          return;
        }
        expect(isJsonData(parsed)).toBe(true);
        type.toApiValue(parsed, field, 'v2');
        type.toApiValue(parsed, field, 'v3');
      }),
      { numRuns: 400 },
    );
  });

  it('normaliseMeta throws nothing but InvalidFieldValue', () => {
    const metaValue = fc.oneof(fc.jsonValue(), fc.integer({ min: -2, max: 12 }), fc.boolean(), fc.string());
    const keys = fc.constantFrom(...Object.keys(type.defaultMeta), 'precision', 'max', 'extra', '__proto__');
    fc.assert(
      fc.property(fc.dictionary(keys, metaValue), (meta) => {
        try {
          type.normaliseMeta(meta);
        } catch (error) {
          if (!(error instanceof InvalidFieldValue)) throw error;
        }
      }),
      { numRuns: 200 },
    );
  });

  if (!type.serverManaged) {
    it('accepted input is stable: parse(toApiValue(parse(x))) = parse(x), in v2 and v3', () => {
      fc.assert(
        fc.property(
          anyValue,
          fc.boolean(),
          fc.constantFrom('v2', 'v3' as const),
          (value, typecast, version) => {
            let first: JsonValue;
            try {
              first = type.parseInput(value, field, contextOf(typecast));
            } catch {
              return;
            }
            // A JSON field cannot tell a string value from JSON text (documented).
            if (name === 'JSON' && typeof first === 'string') return;
            const again = type.parseInput(type.toApiValue(first, field, version), field, contextOf(typecast));
            expect(again).toStrictEqual(first);
          },
        ),
        { numRuns: 400 },
      );
    });
  }
});

const utcDate = fc.date({
  min: new Date('0001-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.999Z'),
  noInvalidDate: true,
});
const pad = (n: number): string => String(n).padStart(2, '0');
const real = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n));

/** Generators of canonical stored values, per client-writable type. */
const canonicalValues: Partial<Record<FieldTypeName, fc.Arbitrary<JsonValue>>> = {
  SingleLineText: fc.string({ unit: 'binary' }),
  LongText: fc.string({ unit: 'grapheme' }),
  Email: fc.emailAddress(),
  URL: fc.webUrl({ validSchemes: ['http', 'https', 'ftp'], withQueryParameters: true, withFragments: true }),
  PhoneNumber: fc.stringMatching(/^\+?(?:\d[ .()-]?){5,20}$/).filter((s) => s === s.trim()),
  Number: fc.maxSafeInteger().map((n) => (n === 0 ? 0 : n)),
  Decimal: real,
  Currency: real,
  Percent: real,
  Duration: real,
  Rating: fc.integer({ min: 0, max: 5 }),
  Checkbox: fc.boolean(),
  SingleSelect: fc.constantFrom(...optionTitles),
  MultiSelect: fc
    .uniqueArray(fc.constantFrom(...optionTitles), { minLength: 1 })
    .map((list) => list.join(',')),
  Date: utcDate.map((d) => d.toISOString().slice(0, 10)),
  DateTime: utcDate.map((d) => `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)}+00:00`),
  Time: fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }))
    .map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}`),
  JSON: fc
    .jsonValue()
    .filter((value) => typeof value !== 'string')
    .map((value) => JSON.parse(JSON.stringify(value)) as JsonValue),
  User: fc.stringMatching(/^us[0-9a-z]{14}$/),
  Links: fc.uniqueArray(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), { minLength: 1, maxLength: 5 }),
  LinkToAnotherRecord: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }).map((id) => [id]),
  Attachment: fc
    .array(
      fc.oneof(
        fc.record({
          path: fc.stringMatching(/^download\/20\d\d\/\d\d\/[A-Za-z0-9_-]{22}\.png$/),
          title: fc.string({ minLength: 1, maxLength: 40 }).filter((t) => t.trim() === t && t !== ''),
          mimetype: fc.constant('image/png'),
          size: fc.nat(),
        }),
        fc.record({
          url: fc.webUrl({ validSchemes: ['http', 'https'] }),
          title: fc.constant('link'),
          mimetype: fc.constant('application/pdf'),
        }),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((items) => JSON.parse(JSON.stringify(items)) as JsonValue),
};

describe('canonical values round-trip through the API', () => {
  it('covers every client-writable type', () => {
    const writable = fieldTypeNames.filter((name) => !getFieldType(name).serverManaged);
    expect(Object.keys(canonicalValues).sort()).toStrictEqual([...writable].sort());
  });

  it.each(Object.entries(canonicalValues))(
    '%s: parseInput(toApiValue(c)) = c for v2 and v3',
    (name, arbitrary) => {
      const type = getFieldType(name as FieldTypeName);
      const field = fieldFor(name as FieldTypeName);
      fc.assert(
        fc.property(arbitrary, fc.constantFrom('v2', 'v3' as const), (canonical, version) => {
          const context = contextOf(false);
          expect(type.parseInput(type.toApiValue(canonical, field, version), field, context)).toStrictEqual(
            canonical,
          );
          expect(context.added).toStrictEqual([]);
        }),
        { numRuns: 300 },
      );
    },
  );
});
