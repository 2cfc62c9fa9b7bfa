import { describe, expect, it } from 'vitest';
import {
  type FieldTypeName,
  fieldTypeNames,
  fieldTypes,
  getFieldType,
  isFieldTypeName,
} from '../../src/fields/index.ts';

const expectedKinds: Record<FieldTypeName, [storage: string, filter: string, serverManaged: boolean]> = {
  ID: ['integer', 'number', true],
  SingleLineText: ['text', 'text', false],
  LongText: ['text', 'text', false],
  Number: ['integer', 'number', false],
  Decimal: ['real', 'number', false],
  Currency: ['real', 'number', false],
  Percent: ['real', 'number', false],
  Rating: ['integer', 'number', false],
  Checkbox: ['boolean', 'boolean', false],
  SingleSelect: ['text', 'select', false],
  MultiSelect: ['text', 'multiselect', false],
  Date: ['date', 'date', false],
  DateTime: ['datetime', 'datetime', false],
  Time: ['time', 'time', false],
  Duration: ['real', 'number', false],
  Email: ['text', 'text', false],
  URL: ['text', 'text', false],
  PhoneNumber: ['text', 'text', false],
  JSON: ['json', 'json', false],
  CreatedTime: ['datetime', 'datetime', true],
  LastModifiedTime: ['datetime', 'datetime', true],
  Links: ['integer', 'number', false],
  LinkToAnotherRecord: ['integer', 'number', false],
  Lookup: ['json', 'json', true],
  Rollup: ['real', 'number', true],
  Attachment: ['json', 'json', false],
  User: ['text', 'multiselect', false],
  CreatedBy: ['text', 'text', true],
  LastModifiedBy: ['text', 'text', true],
  AutoNumber: ['integer', 'number', true],
  Formula: ['text', 'text', true],
};

describe('field registry', () => {
  it('registers exactly the supported names, each under its own name', () => {
    expect(Object.keys(fieldTypes).sort()).toStrictEqual([...fieldTypeNames].sort());
    for (const name of fieldTypeNames) expect(getFieldType(name).name).toBe(name);
    expect(Object.isFrozen(fieldTypes)).toBe(true);
  });

  it.each(fieldTypeNames.map((name) => [name]))(
    '%s has the expected storage, filter kind and ownership',
    (name) => {
      const type = getFieldType(name);
      expect([type.storage, type.filterKind, type.serverManaged]).toStrictEqual(expectedKinds[name]);
    },
  );

  it.each(fieldTypeNames.map((name) => [name]))(
    '%s: default meta is frozen and normalises to itself',
    (name) => {
      const type = getFieldType(name);
      expect(Object.isFrozen(type.defaultMeta)).toBe(true);
      expect(type.normaliseMeta({})).toStrictEqual(type.defaultMeta);
      expect(type.normaliseMeta(type.defaultMeta)).toStrictEqual(type.defaultMeta);
    },
  );

  it.each(fieldTypeNames.map((name) => [name]))('%s: meta must be an object', (name) => {
    expect(() => getFieldType(name).normaliseMeta([] as unknown as Record<string, unknown>)).toThrow(
      'meta must be an object, got an array',
    );
  });

  it('matches NocoDB default meta for the documented types', () => {
    expect(getFieldType('Number').defaultMeta).toStrictEqual({ isLocaleString: false });
    expect(getFieldType('Decimal').defaultMeta).toStrictEqual({ precision: 1, isLocaleString: false });
    expect(getFieldType('Currency').defaultMeta).toStrictEqual({
      currency_locale: 'en-US',
      currency_code: 'USD',
      precision: 2,
    });
    expect(getFieldType('Percent').defaultMeta).toStrictEqual({ precision: 2, is_progress: false });
    expect(getFieldType('Rating').defaultMeta).toStrictEqual({
      iconIdx: 0,
      icon: { full: 'mdi-star', empty: 'mdi-star-outline' },
      color: '#fcb401',
      max: 5,
    });
    expect(getFieldType('Checkbox').defaultMeta).toStrictEqual({
      iconIdx: 0,
      icon: { checked: 'mdi-check-bold', unchecked: 'mdi-crop-square' },
      color: '#777',
    });
    expect(getFieldType('Duration').defaultMeta).toStrictEqual({ duration: 0 });
    expect(getFieldType('Date').defaultMeta).toStrictEqual({ date_format: 'YYYY-MM-DD' });
    expect(getFieldType('DateTime').defaultMeta).toStrictEqual({
      date_format: 'YYYY-MM-DD',
      time_format: 'HH:mm',
      is12hrFormat: false,
    });
    for (const name of ['SingleLineText', 'LongText', 'Email', 'URL', 'PhoneNumber', 'JSON', 'Time'] as const)
      expect(getFieldType(name).defaultMeta).toStrictEqual({});
  });

  it('isFieldTypeName accepts exact names only', () => {
    expect(isFieldTypeName('SingleLineText')).toBe(true);
    expect(isFieldTypeName('singlelinetext')).toBe(false);
    expect(isFieldTypeName('Geometry')).toBe(false);
    expect(isFieldTypeName('toString')).toBe(false);
    expect(isFieldTypeName('__proto__')).toBe(false);
    expect(isFieldTypeName(3)).toBe(false);
  });

  it('getFieldType throws for names outside the registry', () => {
    expect(() => getFieldType('Geometry' as FieldTypeName)).toThrow("Unknown field type 'Geometry'");
  });

  it('null means empty for every client-writable type', () => {
    for (const name of fieldTypeNames) {
      const type = getFieldType(name);
      if (type.serverManaged) continue;
      const field = { title: 'F', uidt: name, meta: type.defaultMeta, options: [] };
      expect(type.parseInput(null, field, { typecast: false, addOption() {} })).toBeNull();
      expect(type.toApiValue(null, field, 'v2')).toBeNull();
      expect(type.toApiValue(null, field, 'v3')).toBeNull();
    }
  });
});
