import { describe, expect, it } from 'vitest';
import { getFieldType } from '../../src/fields/index.ts';
import { type AcceptRow, expectAccepted, expectInvalid, fieldOf } from './field-test-helpers.ts';

describe('Date', () => {
  const field = fieldOf('Date');
  const european = fieldOf('Date', { date_format: 'DD/MM/YYYY' });
  const dotted = fieldOf('Date', { date_format: 'DD.MM.YYYY' });
  it.each<AcceptRow>([
    { input: '2024-01-31', canonical: '2024-01-31' },
    { input: ' 2024-02-29 ', canonical: '2024-02-29' },
    { input: '2000-02-29', canonical: '2000-02-29' },
    { input: '0001-01-01', canonical: '0001-01-01' },
    { input: '9999-12-31', canonical: '9999-12-31' },
    { input: '2024-01-31T23:30:00Z', canonical: '2024-01-31' },
    { input: '2024-01-31T23:30:00-02:00', canonical: '2024-02-01' },
    { input: '2024-01-31 01:00:00+05:00', canonical: '2024-01-30' },
    { input: '', canonical: null },
    { input: null, canonical: null },
    { input: 0, canonical: '1970-01-01', typecast: true },
    { input: '2024-1-5', canonical: '2024-01-05', typecast: true },
  ])('accepts $input (typecast: $typecast)', (row) => expectAccepted(field, row));

  it('reads the field date_format with typecast', () => {
    expectAccepted(european, { input: '31/01/2024', canonical: '2024-01-31', typecast: true });
    expectAccepted(dotted, { input: '5.1.2024', canonical: '2024-01-05', typecast: true });
    expectAccepted(european, { input: '2024-01-31', canonical: '2024-01-31', typecast: true });
    expectInvalid(european, '31/01/2024', 'Expected a date as YYYY-MM-DD');
    expectInvalid(european, '31/02/2024', '"31/02/2024" is not a valid calendar date', true);
  });

  it.each([
    ['2023-02-29', '"2023-02-29" is not a valid calendar date'],
    ['2023-02-30', '"2023-02-30" is not a valid calendar date'],
    ['1900-02-29', 'is not a valid calendar date'],
    ['2023-04-31', 'is not a valid calendar date'],
    ['2023-13-01', 'is not a valid calendar date'],
    ['2023-00-10', 'is not a valid calendar date'],
    ['0000-01-01', 'is not a valid calendar date'],
    ['2023-1-5', 'Expected a date as YYYY-MM-DD (or an ISO 8601 date-time), got "2023-1-5"'],
    ['31/01/2024', 'Expected a date as YYYY-MM-DD'],
    ['yesterday', 'Expected a date as YYYY-MM-DD'],
    [20240131, 'Expected a date as YYYY-MM-DD (or an ISO 8601 date-time), got 20240131'],
    [true, 'Expected a date'],
    ['2024-01-31T25:00', '"2024-01-31T25:00" is not a valid time of day'],
    ['0001-01-01T00:00:00+01:00', 'outside the supported years 0001 to 9999'],
  ])('rejects %j', (input, message) => expectInvalid(field, input, message));
});

describe('DateTime', () => {
  const field = fieldOf('DateTime');
  it.each<AcceptRow>([
    { input: '2024-01-31T13:45:10Z', canonical: '2024-01-31 13:45:10+00:00' },
    { input: '2024-01-31T13:45:10.999Z', canonical: '2024-01-31 13:45:10+00:00' },
    { input: '2024-01-31T13:45:10.5+02:00', canonical: '2024-01-31 11:45:10+00:00' },
    { input: '2024-01-31T13:45:10-0530', canonical: '2024-01-31 19:15:10+00:00' },
    { input: '2024-01-31T23:45+01', canonical: '2024-01-31 22:45:00+00:00' },
    { input: '2024-01-31T13:45', canonical: '2024-01-31 13:45:00+00:00' },
    { input: '2024-01-31 13:45:10', canonical: '2024-01-31 13:45:10+00:00' },
    { input: '2024-01-31 13:45:10+00:00', canonical: '2024-01-31 13:45:10+00:00' },
    { input: '2024-01-31 13:45:10 +00:00', canonical: '2024-01-31 13:45:10+00:00' },
    { input: '2024-12-31T23:30:00-01:00', canonical: '2025-01-01 00:30:00+00:00' },
    { input: '2024-01-31', canonical: '2024-01-31 00:00:00+00:00' },
    { input: '', canonical: null },
    { input: 1706708710000, canonical: '2024-01-31 13:45:10+00:00', typecast: true },
    { input: '1706708710000', canonical: '2024-01-31 13:45:10+00:00', typecast: true },
  ])('accepts $input (typecast: $typecast)', (row) => expectAccepted(field, row));

  it.each([
    [1706708710000, 'Expected a date-time in ISO 8601 form'],
    ['2024-01-31T24:00:00Z', 'is not a valid time of day'],
    ['2024-01-31T12:60Z', 'is not a valid time of day'],
    ['2024-01-31T12:00:60Z', 'is not a valid time of day'],
    ['2024-02-30T12:00:00Z', '"2024-02-30T12:00:00Z" is not a valid calendar date'],
    ['2024-01-31T12:00:00+25:00', 'has an invalid UTC offset'],
    ['2024-01-31T12', 'Expected a date-time in ISO 8601 form'],
    ['31.01.2024 12:00', 'Expected a date-time'],
    [
      'now',
      'Expected a date-time in ISO 8601 form (e.g. "2024-01-31T13:45:00Z" or "2024-01-31 13:45:00+00:00"), got "now"',
    ],
    ['9999-12-31T23:00:00-02:00', 'outside the supported years 0001 to 9999'],
    [8.64e15 + 1, 'outside the supported years', true],
    [{}, 'Expected a date-time'],
  ] as [unknown, string, boolean?][])('rejects %j', (input, message, typecast = false) =>
    expectInvalid(field, input, message, typecast),
  );

  it('renders stored variants canonically', () => {
    const type = getFieldType('DateTime');
    expect(type.toApiValue('2024-01-31 13:45:10+00', field, 'v2')).toBe('2024-01-31 13:45:10+00:00');
    expect(type.toApiValue('2024-01-31T13:45:10.123Z', field, 'v3')).toBe('2024-01-31 13:45:10+00:00');
    expect(type.toApiValue(new Date(Date.UTC(2024, 0, 31, 13, 45, 10)), field, 'v2')).toBe(
      '2024-01-31 13:45:10+00:00',
    );
    expect(() => type.toApiValue('garbage', field, 'v2')).toThrow('Stored DateTime value is not canonical');
  });

  it('checks display meta', () => {
    const type = getFieldType('DateTime');
    expect(type.normaliseMeta({})).toStrictEqual({
      date_format: 'YYYY-MM-DD',
      time_format: 'HH:mm',
      is12hrFormat: false,
    });
    expect(() => type.normaliseMeta({ time_format: 'hh' })).toThrow(
      "meta.time_format must be one of 'HH:mm', 'HH:mm:ss', 'HH:mm:ss.SSS', got \"hh\"",
    );
    expect(() => type.normaliseMeta({ is12hrFormat: 1 })).toThrow(
      'meta.is12hrFormat must be true or false, got 1',
    );
    expect(() => type.normaliseMeta({ date_format: '' })).toThrow(
      'meta.date_format must be a non-empty string',
    );
  });
});

describe('Time', () => {
  const field = fieldOf('Time');
  it.each<AcceptRow>([
    { input: '13:45', canonical: '13:45:00' },
    { input: '9:05', canonical: '09:05:00' },
    { input: '13:45:10', canonical: '13:45:10' },
    { input: '13:45:10.789', canonical: '13:45:10' },
    { input: '00:00', canonical: '00:00:00' },
    { input: '23:59:59', canonical: '23:59:59' },
    { input: '', canonical: null },
    { input: '2:30 PM', canonical: '14:30:00', typecast: true },
    { input: '2:30:15 pm', canonical: '14:30:15', typecast: true },
    { input: '12:00 AM', canonical: '00:00:00', typecast: true },
    { input: '12:05 p.m.', canonical: '12:05:00', typecast: true },
    { input: '7am', canonical: '07:00:00', typecast: true },
    { input: '2024-01-31T13:45:10+01:00', canonical: '12:45:10', typecast: true },
  ])('accepts $input (typecast: $typecast)', (row) => expectAccepted(field, row));

  it.each([
    ['2:30 PM', false, 'Expected a time as HH:mm or HH:mm:ss, got "2:30 PM"'],
    ['24:00', false, '"24:00" is not a valid time of day'],
    ['12:60', false, 'is not a valid time of day'],
    ['12:00:60', false, 'is not a valid time of day'],
    ['13:00 PM', true, '"13:00 PM" is not a valid time of day'],
    ['0:30 AM', true, 'is not a valid time of day'],
    ['1330', true, 'Expected a time as HH:mm or HH:mm:ss'],
    ['2024-01-31T13:45:10Z', false, 'Expected a time'],
    ['2024-01-31', true, 'Expected a time'],
    [1330, true, 'Expected a time as HH:mm or HH:mm:ss, got 1330'],
  ])('rejects %j (typecast: %s)', (input, typecast, message) =>
    expectInvalid(field, input, message, typecast),
  );

  it('renders database time text canonically', () => {
    expect(getFieldType('Time').toApiValue('13:45:10.123456', field, 'v2')).toBe('13:45:10');
    expect(() => getFieldType('Time').toApiValue('25:00:00', field, 'v2')).toThrow('not canonical');
  });
});
